"""Development mail: print each email as a person reads it (headers and the plain text).

Django's console backend prints the raw message, where quoted-printable encoding breaks
long links with '=' at the line ends, so the confirmation link cannot be clicked.
"""

from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend

SHOWN_HEADERS = ("From", "To", "Subject", "Date", "Message-ID", "List-Unsubscribe")


class ReadableConsoleBackend(ConsoleEmailBackend):
    def write_message(self, message) -> None:
        parsed = message.message()
        lines = [f"{name}: {parsed[name]}" for name in SHOWN_HEADERS if parsed[name]]
        text = next(
            (
                part.get_content()
                for part in parsed.walk()
                if part.get_content_type() == "text/plain"
            ),
            "",
        )
        parts = ", ".join(
            part.get_content_type() for part in parsed.walk() if not part.is_multipart()
        )
        self.stream.write("\n".join([*lines, f"(parts: {parts})", "", text.rstrip(), ""]))
        self.stream.write("-" * 79 + "\n")
