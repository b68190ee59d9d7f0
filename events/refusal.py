"""The one exception for input we refuse: a place, a sign-up, a photo, a wall time, a send.

Raised by the domain modules with a sentence written for the person who gave the input;
views show `message` (and pick the status code from `reason`), never a traceback.
"""


class Refused(ValueError):
    """Input that cannot be used. `reason` is a short code for code and tests; `message` is
    for people."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
