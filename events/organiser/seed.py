"""The events a fresh site starts with: the two real sessions of 19 July 2013 and a sample.

Facts and sources: see ../shared/reference/wave-at-saturn-2013.md in the design notes.
"""

from datetime import UTC, datetime, timedelta

from events.models import Announcement, Event

CASSINI = {
    "slug": "wave-at-saturn-2013",
    "title": "Wave at Saturn",
    "spacecraft": "Cassini",
    "target": "Saturn",
    "target_body": "saturn barycenter",
    "summary": (
        "Cassini photographs Earth from behind Saturn, 1.44 billion km away, "
        "and for the first time the people of Earth know in advance."
    ),
    "description": (
        "From inside Saturn's shadow, with the Sun behind the planet, Cassini takes a "
        "mosaic of the whole Saturn system backlit, and Earth is in the frame: a pixel or "
        "two, not quite half lit, nearly ten times as far from us as the Sun.\n\n"
        "The camera records Earth between 22:47:13 and 23:01:56 UTC, spacecraft time. The "
        "light it catches left Earth about 80 minutes earlier, so the wave on Earth runs "
        "from 21:27 to 21:42 UTC. North America is on the day side; Saturn stands in the "
        "south-eastern daytime sky there and can be seen by eye only after sunset.\n\n"
        "Go outside, look towards Saturn and wave. More than 20,000 people did, and sent "
        "photos of themselves waving."
    ),
    "window_start": datetime(2013, 7, 19, 21, 27, tzinfo=UTC),
    "window_end": datetime(2013, 7, 19, 21, 42, tzinfo=UTC),
    "camera_start": datetime(2013, 7, 19, 22, 47, 13, tzinfo=UTC),
    "camera_end": datetime(2013, 7, 19, 23, 1, 56, tzinfo=UTC),
    "distance_km": 1_444_000_000,
    "reported_participants": 20_000,
    "status": Event.Status.PUBLISHED,
}

MESSENGER = {
    "slug": "messenger-earth-moon-2013",
    "title": "MESSENGER looks back at Earth and Moon",
    "spacecraft": "MESSENGER",
    "target": "Mercury",
    "target_body": "mercury",
    "summary": (
        "From orbit around Mercury, 98 million km away, MESSENGER takes Earth and the "
        "Moon in three frames while it searches for moons of Mercury."
    ),
    "description": (
        "MESSENGER, in orbit around Mercury, searches for natural satellites of Mercury and "
        "turns its wide-angle camera (MDIS) to Earth on the same day as Cassini. It takes "
        "three frames, at 11:49, 12:38 and 13:41 UTC, and repeats them the next day, when "
        "the Moon is imaged too.\n\n"
        "From about 98 million km (61 million miles), Earth and Moon appear as two "
        "overexposed dots. Nearly half of Earth faces the camera: the Americas, Africa "
        "and Europe."
    ),
    "window_start": datetime(2013, 7, 19, 11, 49, tzinfo=UTC),
    "window_end": datetime(2013, 7, 19, 13, 41, tzinfo=UTC),
    "distance_km": 98_000_000,
    "reported_participants": None,
    "status": Event.Status.PUBLISHED,
}

CASSINI_ANNOUNCEMENT = {
    "title": "The picture will be taken on 19 July",
    "body": (
        "For the first time, you know in advance that your picture is being taken from "
        "1.44 billion km away. Look up the start time for your zone on the world page and "
        "go outside to wave."
    ),
    "published_at": datetime(2013, 6, 18, 16, 0, tzinfo=UTC),
}


def sample_event(today: datetime) -> dict:
    """A clearly labelled made-up session 30 days after `today`, at 20:00 UTC."""
    start = (today + timedelta(days=30)).replace(hour=20, minute=0, second=0, microsecond=0)
    return {
        "slug": "sample-wave",
        "title": "Sample: wave at a probe near Jupiter",
        "spacecraft": "A sample spacecraft",
        "target": "Jupiter",
        "target_body": "jupiter barycenter",
        "summary": (
            "A made-up session to show how an upcoming event looks: sign-up, countdown and "
            "your local time."
        ),
        "description": (
            "This is a sample event, not a real mission. It is here so that a new site has "
            "an upcoming session to show: the countdown, your local time and the start "
            "times around the globe work exactly as they will for a real one."
        ),
        "window_start": start,
        "window_end": start + timedelta(minutes=15),
        "is_sample": True,
        "status": Event.Status.PUBLISHED,
    }


def seed_events(now: datetime) -> list[tuple[Event, bool]]:
    """Create the starting events that are missing; leave existing ones untouched."""
    results = []
    for fields in (CASSINI, MESSENGER, sample_event(now)):
        fields = dict(fields)
        event, created = Event.objects.get_or_create(slug=fields.pop("slug"), defaults=fields)
        results.append((event, created))
        if created and event.slug == CASSINI["slug"]:
            Announcement.objects.create(event=event, **CASSINI_ANNOUNCEMENT)
    return results
