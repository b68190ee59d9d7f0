"""schema.org data for search engines and link previews: an event page's `Event` as JSON-LD
(https://schema.org/Event), shown as a rich result with its date and picture.

The event happens outdoors wherever the participant stands on Earth's side facing the
camera: an offline event with a worldwide place, which is how schema.org describes events
held in many places at once.
"""

from django.conf import settings

from events.models import Event


def event_json_ld(event: Event, canonical: str, image: str) -> dict:
    """The Event, its times the Earth-side wave window in UTC (ISO 8601, "Z")."""
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": event.window_start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "endDate": event.window_end.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": f"Outdoors, anywhere on Earth's side facing {event.target}",
            "address": "Worldwide",
        },
        "image": [image],
        "url": canonical,
        "organizer": {"@type": "Organization", "name": "wavesite", "url": settings.SITE_URL},
    }
