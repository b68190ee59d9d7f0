"""schema.org data for search engines: an event page's `Event` as JSON-LD
(https://schema.org/Event), its name, times and picture.

The event happens outdoors wherever the participant stands on Earth's side facing the
camera: an offline event (people go somewhere, if only their garden) at a Place named for
that. There is no venue, so the address is the text "Worldwide" (schema.org allows text);
Google's event listings want a postal address and may pass these pages over, which a
made-up street would not make more true.
"""

from datetime import UTC, datetime

from django.conf import settings
from django.utils.translation import gettext as _

from events.models import Event


def event_json_ld(event: Event, canonical: str, image: str) -> dict:
    """The Event, its times the Earth-side wave window in UTC (ISO 8601, "Z")."""
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": _utc(event.window_start),
        "endDate": _utc(event.window_end),
        # Also once the window has passed: schema.org has no status for a finished event;
        # Scheduled says it was not cancelled, postponed or moved (and is Google's default).
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            # Translators: the place of an event in search engines' results; %(target)s is
            # what the spacecraft photographs ("Saturn").
            "name": _("Outdoors, anywhere on Earth's side facing %(target)s")
            % {"target": event.target},
            # Translators: the address of an event held everywhere, in search engines' results.
            "address": _("Worldwide"),
        },
        "image": [image],
        "url": canonical,
        "organizer": {"@type": "Organization", "name": "wavesite", "url": settings.SITE_URL},
    }


def _utc(moment: datetime) -> str:
    # The "Z" is only true of a UTC time: an aware time in another zone is converted first.
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
