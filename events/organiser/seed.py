"""The events a fresh site starts with: the two real sessions of 19 July 2013, Voyager 1's
Pale Blue Dot of 1990 (a target given as a fixed direction), and two samples (one at a
planet, one a probe in cruise placed by its ephemeris table).

Facts and sources of 2013: see ../shared/reference/wave-at-saturn-2013.md in the design notes.
Their texts in the other eight languages: seed_translations.py.
"""

from copy import deepcopy
from datetime import UTC, datetime, timedelta
from pathlib import Path

from events.models import Announcement, Event
from events.organiser.seed_translations import ANNOUNCEMENT_TRANSLATIONS, EVENT_TRANSLATIONS

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


# Voyager 1's "Pale Blue Dot", part of the "Family Portrait" of the Solar System.
# Sure (NASA/JPL): the pictures were taken on 14 February 1990, on Carl Sagan's suggestion,
# from about 6 billion km (3.7 billion miles) from Earth, Voyager 1 about 40 au from the Sun
# and well above the plane of the planets; Earth is a fraction of a pixel in the frame.
# Sources, by title: NASA Photojournal "Solar System Portrait - Earth as 'Pale Blue Dot'";
# NASA JPL "Pale Blue Dot Revisited" (2020, the 30th anniversary); NASA Science "Voyager 1's
# Pale Blue Dot".
# APPROXIMATE, said so on the page: the distance is NASA's round figure; the direction
# (RA 17h 18m, Dec +11.6°, in Ophiuchus) is worked out from Voyager 1's direction today
# (RA about 17h 13m, Dec about +12°) moved for Earth's place in February 1990, good to a degree
# or two; the camera times are an illustration (the morning of 14 February, UTC), not the
# times of the Earth frames.
PALE_BLUE_DOT = {
    "slug": "pale-blue-dot-1990",
    "title": "Voyager 1's Pale Blue Dot",
    "spacecraft": "Voyager 1",
    "target": "Voyager 1",
    "target_kind": "direction",
    "target_ra_deg": 259.5,
    "target_dec_deg": 11.6,
    "distance_km": 6_000_000_000,
    "summary": (
        "On 14 February 1990 Voyager 1 turns its camera back and takes the Family Portrait "
        "of the Solar System: Earth is a pale blue dot, about 6 billion km away."
    ),
    "description": (
        "Voyager 1, far beyond the planets and high above their plane, turns its cameras "
        "back towards the Sun on 14 February 1990 and takes the Family Portrait of the "
        "Solar System. In one frame Earth is a tiny point of light, smaller than a pixel, "
        "in a band of scattered sunlight: the Pale Blue Dot, as Carl Sagan, who asked for "
        "the picture, called it. Nobody was invited to wave then; this page shows where "
        "the camera was and which side of Earth it saw.\n\n"
        "Approximate figures: the distance is NASA's round 6 billion km (3.7 billion miles); "
        "the direction of Voyager 1 in the sky (RA 17h 18m, Dec +11.6°, in Ophiuchus) is "
        "good to a degree or two; the camera times below are an illustration of the "
        "morning of 14 February 1990 (UTC), not the exact times of the Earth frames. "
        "Sources: NASA Photojournal, \"Solar System Portrait - Earth as 'Pale Blue Dot'\"; "
        'NASA JPL, "Pale Blue Dot Revisited" (2020).'
    ),
    "camera_start": datetime(1990, 2, 14, 4, 0, tzinfo=UTC),
    "camera_end": datetime(1990, 2, 14, 6, 0, tzinfo=UTC),
    "status": Event.Status.PUBLISHED,
}

SAMPLE_TABLE = Path(__file__).resolve().parent / "data" / "sample-cruise-horizons.txt"

# A made-up probe on its way to Mars, placed by the table scripts/make_sample_cruise_table.py
# writes in the layout of JPL Horizons (the file says it is a sample, not from JPL).
SAMPLE_CRUISE = {
    "slug": "sample-probe-in-cruise",
    "title": "Sample: wave at a probe on its way to Mars",
    "spacecraft": "Sample probe",
    "target": "Sample probe",
    "target_kind": "table",
    "summary": (
        "A made-up session to show a spacecraft in cruise, far from any planet, placed in "
        "the sky by its ephemeris table."
    ),
    "description": (
        "This is a sample event, not a real mission: the probe and its trajectory are made "
        "up (a transfer orbit from Earth towards Mars, launched in November 2026). Its "
        "position comes from an ephemeris table in the format of JPL Horizons, as an "
        "organiser would paste it for a real spacecraft, so where to look, who faces the "
        "camera and the light time work exactly as they will for a real one."
    ),
    "camera_start": datetime(2027, 5, 20, 20, 0, tzinfo=UTC),
    "camera_end": datetime(2027, 5, 20, 20, 15, tzinfo=UTC),
    "is_sample": True,
    "status": Event.Status.PUBLISHED,
}


def sample_cruise_event() -> dict:
    """The cruise sample with its shipped table."""
    return SAMPLE_CRUISE | {"target_table": SAMPLE_TABLE.read_text(encoding="ascii")}


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


def shipped_translations(obj: Event | Announcement, seeded: dict, shipped: dict) -> dict:
    """The shipped translations of the texts `obj` still has as seeded: a text an organiser
    rewrote since then would no longer match them."""
    unchanged = [field for field in obj.TRANSLATED_FIELDS if getattr(obj, field) == seeded[field]]
    by_language = {
        language: {field: texts[field] for field in unchanged if field in texts}
        for language, texts in shipped.items()
    }
    return deepcopy({language: texts for language, texts in by_language.items() if texts})


def seed_events(now: datetime) -> list[tuple[Event, bool]]:
    """Create the starting events that are missing; leave existing ones untouched, but for
    their translations: where an event (or Cassini's announcement) has none, a database
    seeded before they shipped gains them. Translations that are there, perhaps edited by
    an organiser, are kept.

    An event given by its camera window gets its Earth window from Event.clean(), by the
    light time from its target, as when an organiser saves it."""
    results = []
    starting = (CASSINI, MESSENGER, PALE_BLUE_DOT, sample_event(now), sample_cruise_event())
    for fields in starting:
        shipped = EVENT_TRANSLATIONS.get(fields["slug"], {})
        event = Event.objects.filter(slug=fields["slug"]).first()
        created = event is None
        if created:
            event = Event(**fields, translations=deepcopy(shipped))
            event.clean()  # the Earth window first: full_clean() checks fields before it
            event.full_clean()
            event.save()
        elif not event.translations and shipped:
            event.translations = shipped_translations(event, fields, shipped)
            if event.translations:
                event.save(update_fields=["translations", "updated_at"])
        results.append((event, created))
        if event.slug == CASSINI["slug"]:
            seed_cassini_announcement(event, created)
    return results


def seed_cassini_announcement(cassini: Event, created: bool) -> None:
    """Cassini's announcement: created with the event, or given its translations later."""
    shipped = ANNOUNCEMENT_TRANSLATIONS[CASSINI["slug"]]
    if created:
        Announcement.objects.create(
            event=cassini, **CASSINI_ANNOUNCEMENT, translations=deepcopy(shipped)
        )
        return
    # The seeded one, found by its title or its body in case an organiser changed the other.
    announcement = (
        cassini.announcements.filter(title=CASSINI_ANNOUNCEMENT["title"]).first()
        or cassini.announcements.filter(body=CASSINI_ANNOUNCEMENT["body"]).first()
    )
    if announcement is not None and not announcement.translations:
        announcement.translations = shipped_translations(
            announcement, CASSINI_ANNOUNCEMENT, shipped
        )
        if announcement.translations:
            announcement.save(update_fields=["translations", "updated_at"])
