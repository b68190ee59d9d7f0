"""Rows and inputs for the tests: real rows with sensible defaults, overridden per test.

Two sessions recur: the Cassini wave of 19 July 2013 (CASSINI_START–CASSINI_END), long
past, and an upcoming one (WINDOW_START–WINDOW_END, the same minutes in 2026), seven weeks
after NOW, the instant the sign-up tests stop the clock at.
"""

import io
from datetime import UTC, datetime, timedelta
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from events.models import Announcement, City, Event, Participant, Photo
from events.photos.uploads import store_photo
from events.places.cities import fold
from events.places.place import Place
from events.signups.rules import place_for_zone, sign_up

CASSINI_START = datetime(2013, 7, 19, 21, 27, tzinfo=UTC)
CASSINI_END = datetime(2013, 7, 19, 21, 42, tzinfo=UTC)
# When Cassini's camera took the pictures (spacecraft event time): light from the wave
# needed 80 minutes to get there.
CAMERA_START = datetime(2013, 7, 19, 22, 47, 13, tzinfo=UTC)
CAMERA_END = datetime(2013, 7, 19, 23, 1, 56, tzinfo=UTC)

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
WINDOW_START = datetime(2026, 7, 19, 21, 27, tzinfo=UTC)
WINDOW_END = datetime(2026, 7, 19, 21, 42, tzinfo=UTC)

# The address the emails and shared links use (settings.SITE_URL in development).
SITE = "http://127.0.0.1:8000"

_numbers = count(1)


# --- events ------------------------------------------------------------------------------


def make_event(**fields) -> Event:
    """A published event, by default the 2013 Cassini session (long past)."""
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


def upcoming_event(**fields) -> Event:
    """ "Wave at Saturn", seven weeks after NOW (the 2013 window, in 2026)."""
    return make_event(
        **{
            "window_start": WINDOW_START,
            "window_end": WINDOW_END,
            "title": "Wave at Saturn",
            **fields,
        }
    )


def make_announcement(event: Event, **fields) -> Announcement:
    """Published a month before the window."""
    defaults = {
        "title": "Notice",
        "body": "Look up your start time.",
        "published_at": event.window_start - timedelta(days=30),
    }
    defaults.update(fields)
    return Announcement.objects.create(event=event, **defaults)


# --- places ------------------------------------------------------------------------------


def make_city(
    name: str, country_code: str = "XX", country: str = "Testland", zone: str = "UTC", **fields
) -> City:
    """A row of the City table as `load_cities` writes it; `geonameid` (else a made-up one
    no real city has), `latitude`, `longitude` and `population` may be given."""
    defaults = {
        "geonameid": 90_000_000 + next(_numbers),
        "name": name,
        "ascii_name": fold(name),
        "search_name": fold(name),
        "country_code": country_code,
        "country": country,
        "latitude": 0.0,
        "longitude": 0.0,
        "zone": zone,
        "population": 100_000,
    }
    return City.objects.create(**{**defaults, **fields})


TORONTO_ID = 6167865


def make_real_cities() -> dict[str, City]:
    """A few real cities: Toronto and Brazil's two biggest face Saturn on 19 July 2013 at
    21:27 UTC; Tokyo and Sydney are turned away."""
    return {
        "toronto": make_city(
            "Toronto",
            "CA",
            "Canada",
            "America/Toronto",
            latitude=43.70,
            longitude=-79.42,
            population=2_600_000,
            geonameid=TORONTO_ID,
        ),
        "sao_paulo": make_city(
            "São Paulo",
            "BR",
            "Brazil",
            "America/Sao_Paulo",
            latitude=-23.55,
            longitude=-46.64,
            population=10_000_000,
            geonameid=3448439,
        ),
        "rio": make_city(
            "Rio de Janeiro",
            "BR",
            "Brazil",
            "America/Sao_Paulo",
            latitude=-22.91,
            longitude=-43.18,
            population=6_000_000,
            geonameid=3451190,
        ),
        "tokyo": make_city(
            "Tokyo",
            "JP",
            "Japan",
            "Asia/Tokyo",
            latitude=35.69,
            longitude=139.69,
            population=8_300_000,
            geonameid=1850147,
        ),
        "sydney": make_city(
            "Sydney",
            "AU",
            "Australia",
            "Australia/Sydney",
            latitude=-33.87,
            longitude=151.21,
            population=4_600_000,
            geonameid=2147714,
        ),
    }


# --- people ------------------------------------------------------------------------------


def make_participant(event: Event, *, confirmed: bool = True, **fields) -> Participant:
    """A sign-up, confirmed unless `confirmed=False`; the place follows `city` when given.

    Signed up and confirmed a minute before the clock's now (or at `created_at`): a minute
    ago, so a page that counts confirmations up to the start of its 10-second slot counts it.
    """
    city = fields.get("city")
    signed_up = fields.pop("created_at", None) or timezone.now() - timedelta(minutes=1)
    defaults = {
        "name": "Ana",
        "email": f"person{next(_numbers)}@example.com",
        "zone": city.zone if city else "UTC",
        "country_code": city.country_code if city else "",
        "country": city.country if city else "",
        "created_at": signed_up,
        "confirmed_at": signed_up if confirmed else None,
    }
    return Participant.objects.create(event=event, **{**defaults, **fields})


def signed_up(
    place: Place | None = None,
    *,
    event: Event | None = None,
    name: str = "Ana",
    email: str = "ana@example.com",
) -> Participant:
    """Signed up through the domain function, as the form does: not confirmed yet, the
    confirmation email queued. In Paris's zone unless `place` says otherwise."""
    outcome = sign_up(
        event or upcoming_event(),
        name=name,
        email=email,
        place=place or place_for_zone("Europe/Paris"),
        wants_announcements=False,
    )
    return outcome.participant


def signup_url(event: Event) -> str:
    return f"/events/{event.slug}/signup/"


def signup_data(**fields) -> dict:
    """What a person fills in on the sign-up form: a name, an address and a zone."""
    return {
        "name": "Ana",
        "email": "ana@example.com",
        "city_query": "",
        "tz": "Europe/Paris",
        **fields,
    }


# --- pictures ----------------------------------------------------------------------------


def image_bytes(
    fmt: str = "JPEG", size=(300, 200), color=(200, 30, 30), mode="RGB", **save
) -> bytes:
    """A picture of one colour, encoded as `fmt` (Pillow's `save` options may be given)."""
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, fmt, **save)
    return out.getvalue()


def photo_upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    """`data` as a browser uploads it, whatever it holds."""
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def make_photo(event: Event, participant=None, color=(200, 30, 30), **fields) -> Photo:
    """A participant's photo stored as an upload is (pending), then given `fields`."""
    participant = participant or make_participant(event)
    photo = store_photo(participant, photo_upload(image_bytes(color=color)))
    if fields:
        Photo.objects.filter(pk=photo.pk).update(**fields)
        photo.refresh_from_db()
    return photo
