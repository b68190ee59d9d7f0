"""The signed token in a confirmation link: which sign-up, and that it is the same address."""

from datetime import timedelta

from django.core import signing

from events.models import Participant

# The salt makes a confirmation token good for confirming and nothing else: a value signed
# elsewhere with the same SECRET_KEY does not verify here.
CONFIRM_SALT = "events.signups.rules.confirm"
CONFIRM_MAX_AGE = timedelta(days=7)


def confirmation_token(participant: Participant) -> str:
    """A signed, timestamped token naming this sign-up and the address it was made with."""
    return signing.dumps({"p": participant.pk, "e": participant.email.lower()}, salt=CONFIRM_SALT)


def read_confirmation_token(token: str) -> tuple[int, str]:
    """(participant id, lower-case email) from a token.

    Raises signing.SignatureExpired after CONFIRM_MAX_AGE, signing.BadSignature when the
    token was altered or made for another purpose.
    """
    value = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    if not isinstance(value, dict) or not isinstance(value.get("p"), int):
        raise signing.BadSignature("not a confirmation token")
    return value["p"], str(value.get("e", ""))
