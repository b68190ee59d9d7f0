"""Development mail is printed as a person reads it: links whole, plain text first."""

from io import StringIO

from django.core.mail import EmailMultiAlternatives

from wavesite.devmail import ReadableConsoleBackend

LINK = "http://127.0.0.1:8000/events/sample-wave/confirm/" + "a1B2c3D4e5" * 12 + "/"


def test_long_links_are_printed_whole():
    stream = StringIO()
    message = EmailMultiAlternatives(
        "Please confirm", f"Hello Ana,\n\nConfirm here: {LINK}\n", "w@example.org", ["a@b.org"]
    )
    message.attach_alternative(f'<p><a href="{LINK}">Confirm</a></p>', "text/html")
    assert ReadableConsoleBackend(stream=stream).send_messages([message]) == 1
    printed = stream.getvalue()
    assert f"Confirm here: {LINK}" in printed.splitlines()
    assert "Subject: Please confirm" in printed
    assert "(parts: text/plain, text/html)" in printed
    assert "=\n" not in printed  # no quoted-printable soft line breaks
