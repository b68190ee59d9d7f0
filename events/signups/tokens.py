"""The signed token in a confirmation link: which sign-up, and that it is the same address.

The token is opaque: it carries the participant's id and a keyed hash of the address, never
the address (a link ends up in access logs, proxies and browser histories). The hash is an
HMAC under SECRET_KEY, so nobody without the key can test guesses against it; it still
proves the link was made for this address, so a link sent before the row was deleted and
the address signed up again does not confirm the new sign-up.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

from events.models import Participant

# The salt makes a confirmation token good for confirming and nothing else: a value signed
# elsewhere with the same SECRET_KEY does not verify here.
CONFIRM_SALT = "events.signups.rules.confirm"
CONFIRM_MAX_AGE = timedelta(days=7)


def address_digest(email: str) -> str:
    """A keyed hash of the address (any case): 16 hex digits, 64 bits."""
    return salted_hmac(CONFIRM_SALT, email.lower(), algorithm="sha256").hexdigest()[:16]


@dataclass(frozen=True)
class ConfirmationClaim:
    """What a valid token says: this sign-up, made with the address behind `digest`."""

    participant_id: int
    digest: str = ""
    # Tokens made before they became opaque carried the address itself; they stay good
    # for their CONFIRM_MAX_AGE, after which this can go.
    address: str = ""

    def names_address(self, email: str) -> bool:
        if self.digest:
            return constant_time_compare(self.digest, address_digest(email))
        return bool(self.address) and constant_time_compare(self.address, email.lower())


def confirmation_token(participant: Participant) -> str:
    """A signed, timestamped token naming this sign-up and (hashed) its address."""
    return signing.dumps(
        {"p": participant.pk, "h": address_digest(participant.email)}, salt=CONFIRM_SALT
    )


def read_confirmation_token(token: str) -> ConfirmationClaim:
    """The claim a token makes.

    Raises signing.SignatureExpired after CONFIRM_MAX_AGE, signing.BadSignature when the
    token was altered or made for another purpose.
    """
    value = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    if not isinstance(value, dict) or not isinstance(value.get("p"), int):
        raise signing.BadSignature("not a confirmation token")
    return ConfirmationClaim(value["p"], str(value.get("h", "")), str(value.get("e", "")))
