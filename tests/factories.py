"""Small factories: real rows with sensible defaults, overridden per test."""

from datetime import timedelta
from itertools import count

from events.models import Announcement, Event
from tests.conftest import CASSINI_END, CASSINI_START

_numbers = count(1)


def make_event(**fields) -> Event:
    number = next(_numbers)
    defaults = {
        "slug": f"event-{number}",
        "title": f"Wave number {number}",
        "spacecraft": "Cassini",
        "target": "Saturn",
        "summary": "Cassini photographs Earth from behind Saturn.",
        "description": "Go outside and wave.",
        "window_start": CASSINI_START,
        "window_end": CASSINI_END,
        "status": Event.Status.PUBLISHED,
    }
    defaults.update(fields)
    if "window_start" in fields and "window_end" not in fields:
        defaults["window_end"] = defaults["window_start"] + timedelta(minutes=15)
    return Event.objects.create(**defaults)


def make_announcement(event: Event, **fields) -> Announcement:
    defaults = {
        "title": "Notice",
        "body": "Look up your start time.",
        "published_at": event.window_start - timedelta(days=30),
    }
    defaults.update(fields)
    return Announcement.objects.create(event=event, **defaults)
