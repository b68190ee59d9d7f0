"""Signing up to wave: create, confirm, change and delete a sign-up.

Plain functions for the views to call. A refusal is a `Refused` carrying a reason
code and a sentence for the visitor. Nothing here knows about requests or templates.
"""

import logging
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.encoding import punycode
from django.utils.translation import gettext as _

from events.inputs import url_key
from events.models import City, EmailDelivery, Event, Participant
from events.places.cities import city_place
from events.places.place import Place, zone_place
from events.refusal import Refused
from events.signups.limits import Rate, hit
from events.signups.tasks import queue_email
from events.signups.tokens import read_confirmation_token
from events.zones.catalogue import canonical_zone_name

logger = logging.getLogger(__name__)

# Someone signing up again gets their link again, but one address gets at most this many
# such emails: a stranger cannot use the form to flood somebody's inbox.
REPEAT_EMAILS_PER_ADDRESS = Rate(count=3, seconds=3600)
MAX_MANAGE_KEY_LENGTH = 64


# --- where a participant waves from ------------------------------------------------------


def place_for_city(geonameid: int) -> Place:
    city = City.objects.filter(geonameid=geonameid).first()
    if city is None:
        raise Refused(
            "unknown_city", _("That is not a city we know. Search again, or pick your time zone.")
        )
    return city_place(city)


def place_for_zone(name: str) -> Place:
    zone = canonical_zone_name(name)
    if zone is None:
        raise Refused(
            "unknown_zone",
            _("That is not a time zone we know. Pick one from the list, e.g. Europe/Paris."),
        )
    return zone_place(zone)


# --- signing up --------------------------------------------------------------------------


def normalize_email(address: str) -> str:
    """The address as typed, its domain in lower-case ASCII: 'Ana@Bücher.DE' →
    'Ana@xn--bcher-kva.de'. The local part keeps its case; comparisons ignore it."""
    local, _at, domain = address.strip().rpartition("@")
    # What a mail server would refuse is refused here, with a message, rather than failing
    # five times over nine hours in the outbox: control characters (allowed by Django's
    # validator inside a quoted local part) and a domain with no dot (`localhost`, which
    # Django's validator allows by default, or a bare host name).
    if any(unicodedata.category(char) == "Cc" for char in address):
        raise Refused(
            "invalid_email",
            _(
                "Enter the address without invisible characters (such as a tab), like "
                "ana@example.com."
            ),
        )
    try:
        domain = punycode(domain).lower()
    except UnicodeError:
        raise Refused("invalid_email", _("Enter a valid email address.")) from None
    if "." not in domain.strip("."):
        raise Refused(
            "invalid_email",
            # Translators: %(domain)s is the part of the address after @, as typed.
            _("Mail cannot reach “%(domain)s”: the part after @ needs a dot, like example.com.")
            % {"domain": domain},
        )
    return f"{local}@{domain}"


def is_open_for_signup(event: Event, now: datetime) -> bool:
    """Published, and the window has not started."""
    return event.is_published and now < event.window_start


@dataclass(frozen=True)
class SignupOutcome:
    participant: Participant
    is_new: bool
    # The email queued: a confirmation, the manage link, or None when held back.
    email_kind: str | None


def sign_up(
    event: Event,
    *,
    name: str,
    email: str,
    place: Place,
    wants_announcements: bool,
    now: datetime | None = None,
) -> SignupOutcome:
    """Sign `email` up for `event`, or find the sign-up it already has.

    A new sign-up gets a confirmation email. An existing one is left as it is (a stranger
    must not change it) and gets a fresh confirmation, or its manage link if confirmed.
    The row and its email task commit together. Raises Refused when closed.
    """
    now = now or timezone.now()
    if not is_open_for_signup(event, now):
        raise Refused(
            "closed", _("Sign-up for this event has closed: the wave has already started.")
        )
    email = normalize_email(email)
    with transaction.atomic():
        try:
            # A savepoint: on PostgreSQL a failed INSERT spoils the transaction around it.
            with transaction.atomic():
                participant = Participant.objects.create(
                    event=event,
                    name=name,
                    email=email,
                    city=place.city,
                    zone=place.zone,
                    country_code=place.country_code,
                    country=place.country,
                    wants_announcements=wants_announcements,
                    # The page's language: the emails will speak it (issue 14).
                    language=translation.get_language() or settings.LANGUAGE_CODE,
                )
        except IntegrityError:
            # The unique constraint on (event, lower(email)): signed up before, or by a
            # request a moment ago (the database made that one wait for this one's commit).
            participant = existing_participant(event, email)
            if participant is None:
                raise
            return _repeated(participant)
        queue_email(participant, EmailDelivery.Kind.CONFIRM)
    return SignupOutcome(participant, is_new=True, email_kind=EmailDelivery.Kind.CONFIRM)


def existing_participant(event: Event, email: str) -> Participant | None:
    # lower(email) = … is what the unique index holds, so this lookup uses it.
    return (
        Participant.objects.alias(email_lower=Lower("email"))
        .filter(event=event, email_lower=normalize_email(email).lower())
        .first()
    )


def _repeated(participant: Participant) -> SignupOutcome:
    kind = EmailDelivery.Kind.MANAGE if participant.is_confirmed else EmailDelivery.Kind.CONFIRM
    if not hit("signup-repeat", participant.email.lower(), REPEAT_EMAILS_PER_ADDRESS).allowed:
        logger.info("repeated sign-up for participant %s: email held back", participant.pk)
        return SignupOutcome(participant, is_new=False, email_kind=None)
    queue_email(participant, kind)
    return SignupOutcome(participant, is_new=False, email_kind=kind)


# --- confirming --------------------------------------------------------------------------


def participant_for_token(token: str) -> Participant:
    """The sign-up a confirmation token names. Raises Refused for an expired, altered
    or foreign token, and for a sign-up deleted since."""
    try:
        claim = read_confirmation_token(token)
    except signing.SignatureExpired:
        raise Refused(
            "expired",
            _(
                "This confirmation link has expired. Sign up again with the same address and "
                "we will send you a fresh one."
            ),
        ) from None
    except signing.BadSignature:
        raise Refused(
            "bad_link",
            _(
                "This confirmation link does not work. Copy the whole link from the email, or "
                "sign up again with the same address for a fresh one."
            ),
        ) from None
    participant = (
        Participant.objects.select_related("event", "city").filter(pk=claim.participant_id).first()
    )
    if participant is None or not claim.names_address(participant.email):
        raise Refused("gone", _("This sign-up no longer exists: it has been deleted."))
    return participant


def confirm(token: str, now: datetime | None = None) -> Participant:
    """Confirm the sign-up a token names. Confirming again changes nothing."""
    participant = participant_for_token(token)
    now = now or timezone.now()
    # Conditional, so the first confirmation time stays and two clicks race harmlessly.
    Participant.objects.filter(pk=participant.pk, confirmed_at__isnull=True).update(
        confirmed_at=now, updated_at=now
    )
    participant.refresh_from_db(fields=["confirmed_at", "updated_at"])
    return participant


# --- managing ----------------------------------------------------------------------------


def participant_for_key(key: str) -> Participant | None:
    """The sign-up whose private link carries `key`, or None."""
    try:
        key = url_key(key, max_length=MAX_MANAGE_KEY_LENGTH)
    except Refused:
        return None
    return Participant.objects.select_related("event", "city").filter(manage_key=key).first()


def update_signup(
    participant: Participant,
    *,
    name: str,
    place: Place,
    wants_announcements: bool,
    wants_reminders: bool = True,
    language: str | None = None,
) -> Participant:
    participant.name = name
    if language:
        participant.language = language
    participant.city = place.city
    participant.zone = place.zone
    participant.country_code = place.country_code
    participant.country = place.country
    participant.wants_announcements = wants_announcements
    participant.wants_reminders = wants_reminders
    participant.save(
        update_fields=[
            "name",
            "city",
            "zone",
            "country_code",
            "country",
            "wants_announcements",
            "wants_reminders",
            "language",
            "updated_at",
        ]
    )
    return participant


def stop_announcements(participant: Participant) -> None:
    Participant.objects.filter(pk=participant.pk).update(
        wants_announcements=False, updated_at=timezone.now()
    )
    participant.wants_announcements = False


def delete_signup(participant: Participant) -> None:
    """Delete the sign-up: the row and its email records are gone, not flagged."""
    participant.delete()
