"""Emails to participants and the private links in them.

Each email is three templates, `templates/emails/<kind>-subject.txt`, `-body.txt` and
`-body.html`, rendered from one context. Links are absolute (`settings.SITE_URL`): the
emails are built by a worker, outside any request.
"""

import email.policy
from copy import copy
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.markup import markdown_to_text, render_markdown_for_email
from events.models import EmailDelivery, Participant
from events.models.localized import localize
from events.places.cities import place_of
from events.sharing.calendar import event_calendar
from events.sharing.links import canonical_url
from events.signups.tokens import CONFIRM_MAX_AGE, confirmation_token
from events.zones.catalogue import zone_label
from events.zones.localformat import country_name, format_number
from events.zones.window import local_window


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path


def place_label(participant: Participant) -> str:
    """'Paris, France', or the zone ('Kolkata') when no city was given."""
    if participant.city_id is not None and participant.city is not None:
        city = participant.city
        # The country in the email's language, from the one catalogue of country names.
        country = country_name(city.country_code) if city.country_code else city.country
        return f"{city.name}, {country}"
    return zone_label(participant.zone)


def email_context(participant: Participant, kind: str) -> dict:
    event = participant.event
    context = {
        "participant": participant,
        "event": event,
        "place": place_label(participant),
        "window": local_window(event.window_start, event.window_end, participant.zone),
        "event_url": absolute_url(
            f"{event.get_absolute_url()}?{urlencode({'tz': participant.zone})}"
        ),
        "manage_url": absolute_url(participant.get_absolute_url()),
        "unsubscribe_url": unsubscribe_url(participant),
    }
    if kind == EmailDelivery.Kind.CONFIRM:
        path = reverse("events:confirm_signup", kwargs={"token": confirmation_token(participant)})
        context["confirm_url"] = absolute_url(path)
        context["confirm_days"] = CONFIRM_MAX_AGE.days
    if kind == EmailDelivery.Kind.REMINDER:
        context |= reminder_context(participant, timezone.now())
    if kind == EmailDelivery.Kind.PHOTO_APPROVED:
        context["gallery_url"] = absolute_url(
            reverse("events:gallery", kwargs={"slug": event.slug})
        )
    return context


def reminder_context(participant: Participant, now: datetime) -> dict:
    """How soon the window starts, said from `now` (a late reminder says the truth), and
    where to look from the participant's place."""
    left = participant.event.window_start - now
    duration = _duration(left)
    return {
        # Translators: the start of the reminder's subject, "In 1 hour 5 minutes: wave for
        # <event>"; %(duration)s is "23 hours", "1 hour 5 minutes" or "less than a minute".
        "starts_in": _("In %(duration)s") % {"duration": duration},
        # Translators: in "<event> starts in 1 hour 5 minutes. Go outside and wave."
        "starts_in_sentence": _("in %(duration)s") % {"duration": duration},
        "verdict": _verdict(participant),
    }


def _duration(left: timedelta) -> str:
    """'23 hours', '1 hour 5 minutes', '12 minutes', 'less than a minute'."""
    minutes = int(left.total_seconds() // 60)
    if minutes < 1:
        return _("less than a minute")
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [
        text % {"count": format_number(count)}
        for count, text in (
            (days, ngettext("%(count)s day", "%(count)s days", days)),
            (hours, ngettext("%(count)s hour", "%(count)s hours", hours)),
            (minutes, ngettext("%(count)s minute", "%(count)s minutes", minutes)),
        )
        if count
    ]
    if len(parts) == 1:
        return parts[0]
    # Translators: two parts of a duration, "1 hour 5 minutes", "2 days 3 hours".
    return _("%(larger)s %(smaller)s") % {"larger": parts[0], "smaller": parts[1]}


def _verdict(participant: Participant) -> str:
    """The one-line where-to-look from the participant's city, else from their zone's
    reference place (as the event page does); '' if the sky cannot say."""
    # Here, not at the top: loading the models (and the admin) must not load skyfield.
    from events.astro.sky import SkyError
    from events.astro.skyreport import place_sky
    from events.places.reference import reference_place

    place = place_of(participant)
    if place.latitude is None:
        place = reference_place(participant.zone)
    if place is None:
        return ""
    try:
        return place_sky(participant.event, place).verdict
    except SkyError:
        return ""


def unsubscribe_url(participant: Participant) -> str:
    path = reverse("events:unsubscribe", kwargs={"key": participant.manage_key})
    return absolute_url(path)


class UnfoldedHeader(str):
    """A header the email package writes as it is, on one line.

    Finding no space to fold a header longer than 78 characters at, Python's email package
    rewrites it as RFC 2047 encoded words, and mail programs no longer see the address in
    List-Unsubscribe. An address must not be folded anyway; RFC 5322 allows 998 characters.
    """

    name: str

    def __new__(cls, name: str, value: str) -> "UnfoldedHeader":
        header = super().__new__(cls, value)
        header.name = name
        return header

    def fold(self, *, policy) -> str:
        return f"{self.name}: {self}{policy.linesep}"


class ParticipantEmail(EmailMultiAlternatives):
    UNFOLDED_HEADERS = ("List-Unsubscribe",)

    def message(self, *, policy=email.policy.default):
        message = super().message(policy=policy)
        for name in self.UNFOLDED_HEADERS:
            if name in self.extra_headers:
                del message[name]
                # The policy stores an object that has a `name` as it is (no parsing).
                message[name] = UnfoldedHeader(name, self.extra_headers[name])
        return message


def email_message(delivery: EmailDelivery) -> EmailMultiAlternatives:
    """The email a delivery stands for, to its participant, with both parts and headers,
    in the participant's language (its links too: /es/… for Spanish)."""
    with translation.override(delivery.participant.language or settings.LANGUAGE_CODE):
        return _email_message(delivery)


def _email_message(delivery: EmailDelivery) -> EmailMultiAlternatives:
    participant = delivery.participant
    # The organisers' texts in the participant's language where given (a copy: the
    # delivery's own instance stays the original).
    participant.event = localize(copy(participant.event))
    context = email_context(participant, delivery.kind)
    if delivery.announcement_id is not None:
        # templates/emails/announcement-*: the announcement, in the participant's local time,
        # its links absolute (relative ones are read from the event's page) and its text part
        # plain text, never Markdown.
        announcement = localize(copy(delivery.announcement))
        base = absolute_url(participant.event.get_absolute_url())
        context["announcement"] = announcement
        context["announcement_html"] = render_markdown_for_email(announcement.body, base)
        context["announcement_text"] = markdown_to_text(announcement.body, base)
    template = f"emails/{delivery.kind}"
    # A subject is one line whatever the event's title holds.
    subject = " ".join(render_to_string(f"{template}-subject.txt", context).split())
    message = ParticipantEmail(
        subject=subject,
        body=render_to_string(f"{template}-body.txt", context),
        to=[participant.email],
        # Answers go to the organisers, where they say so (REPLY_TO_EMAIL), not to noreply.
        reply_to=[settings.REPLY_TO_EMAIL] if settings.REPLY_TO_EMAIL else None,
        headers={
            # RFC 2369 and RFC 8058: mail programs show an "unsubscribe" button and POST
            # "List-Unsubscribe=One-Click" to this address (events.views.signup.unsubscribe).
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            # The same delivery always has the same Message-ID, so if a send is ever
            # repeated, mail systems can tell it is one message.
            "Message-ID": f"<delivery-{delivery.pk}.{participant.pk}@{_mail_domain()}>",
        },
    )
    message.attach_alternative(render_to_string(f"{template}-body.html", context), "text/html")
    if delivery.kind in (EmailDelivery.Kind.CONFIRM, EmailDelivery.Kind.REMINDER):
        # The event for any calendar program, with its reminder: one tap in most mail apps.
        # Times are UTC in the file; the calendar shows them in the reader's own zone.
        event = participant.event
        ics = event_calendar(event, canonical_url(event))
        message.attach(f"{event.slug}.ics", ics, "text/calendar; method=PUBLISH")
    return message


def _mail_domain() -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return host or "localhost"
