"""The event as partners’ sites read it (event.json): counts only, never a person."""

from datetime import UTC, datetime

from django.conf import settings
from django.urls import reverse

from events.models import Event, ResultImage
from events.sharing.calendar import google_calendar_url
from events.sharing.image import share_image_version
from events.sharing.links import canonical_url

# --- the partners' JSON ------------------------------------------------------------------

UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(UTC_FORMAT)


def event_summary(
    event: Event, participants, results: list[ResultImage], now: datetime, waves: int | None = None
) -> dict:
    """The event as partners read it: window in UTC, status ('upcoming', 'live', 'past'),
    counts and absolute links. Counts only: nothing about any participant."""

    def absolute(name: str, **kwargs) -> str:
        return settings.SITE_URL + reverse(name, kwargs={"slug": event.slug, **kwargs})

    phase = event.phase(now)
    version = share_image_version(event, participants.total, phase)
    camera = None
    if event.camera_start is not None and event.camera_end is not None:
        camera = {"start": _utc(event.camera_start), "end": _utc(event.camera_end)}
    return {
        "slug": event.slug,
        "title": event.title,
        "summary": event.summary,
        "spacecraft": event.spacecraft,
        "target": event.target,
        "is_sample": event.is_sample,
        "status": phase,
        "window": {
            "start": _utc(event.window_start),
            "end": _utc(event.window_end),
            "duration_seconds": int(event.duration.total_seconds()),
        },
        "camera_window": camera,
        "participants": {
            "confirmed": participants.confirmed,
            "reported": participants.reported,
            "total": participants.total,
        },
        # Waves counted with "I'm waving!" once the window has opened; null before.
        "waves": waves,
        "results": [
            {
                "url": settings.SITE_URL + reverse("events:result_file", kwargs={"pk": result.pk}),
                "caption": result.caption,
                "credit": result.credit,
                "alt_text": result.alt_text,
                "width": result.width,
                "height": result.height,
            }
            for result in results
        ],
        "links": {
            "page": canonical_url(event),
            "calendar": absolute("events:calendar"),
            "google_calendar": google_calendar_url(event, canonical_url(event)),
            "embed": absolute("events:embed"),
            "share_image": f"{absolute('events:share_image')}?v={version}",
            "qr_code": absolute("events:qr"),
            "world_times": absolute("events:times"),
            "announcements": absolute("events:feed"),
            "gallery": absolute("events:gallery"),
        },
    }
