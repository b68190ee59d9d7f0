"""The wave itself: "I'm waving!" while the window is open, once per person or browser, and
the live count and cells everyone watches.

A wave is one row (events.models.Wave). Its uniqueness is the database's: one per
participant, one per browser key, so a second tap, a reload, a second tab or a replayed
request changes nothing, however many arrive at once (INSERT … ON CONFLICT DO NOTHING
RETURNING: one statement that says whether the wave was new).
Places are kept to whole degrees; in public, waves are counted by CELL_DEGREES square and
a square with fewer than FEW waves says only "a few".
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Count
from django.db.models.functions import TruncMinute

from events.models import Event, Participant, Wave
from events.refusal import Refused

CELL_DEGREES = 10
# Below this, a square's count is not shown: "a few" (no one can be picked out).
FEW = 5


def visitor_key(browser_id: str) -> str:
    """The browser's random id, hashed: the table keeps no value the cookie could be
    matched against elsewhere."""
    return hashlib.sha256(f"wave:{browser_id}".encode()).hexdigest()[:64]


def coarse(latitude: float | None, longitude: float | None) -> tuple[int | None, int | None]:
    """A place to whole degrees (about 100 km), or (None, None)."""
    if latitude is None or longitude is None:
        return None, None
    return max(-90, min(90, round(latitude))), ((round(longitude) + 180) % 360) - 180


def record_wave(
    event: Event,
    now: datetime,
    *,
    participant: Participant | None = None,
    browser_id: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    country_code: str = "",
) -> bool:
    """Count one wave while the window is open; whether it was new (a second tap is not).
    Refused("not_open") before or after the window. A participant counts once whatever
    browser they use; anyone else once per browser."""
    if not event.window_start <= now < event.window_end:
        opens = "has not opened yet" if now < event.window_start else "has closed"
        raise Refused("not_open", f"The window {opens}: waves count only while it is open.")
    if participant is None and not browser_id:
        raise Refused("nobody", "This browser keeps no cookie: we cannot count your wave once.")
    lat, lon = coarse(latitude, longitude)
    return _insert_once(
        event_id=event.pk,
        participant_id=participant.pk if participant is not None else None,
        key="" if participant is not None else visitor_key(browser_id),
        latitude=lat,
        longitude=lon,
        country_code=country_code[:2],
        now=now,
    )


def _insert_once(*, event_id, participant_id, key, latitude, longitude, country_code, now):
    """One statement, in SQLite and PostgreSQL alike: INSERT … ON CONFLICT DO NOTHING
    RETURNING. A row comes back only if this wave was new; the unique constraints turn a
    second tap into nothing. One short write, with no transaction around a read first:
    on SQLite the write lock is held for the insert alone (a rush of taps from three
    workers queued behind each other's SELECT + INSERT before)."""
    field = Wave._meta.get_field
    quote = connection.ops.quote_name
    columns = ["event", "participant", "visitor_key", "latitude", "longitude"]
    columns += ["country_code", "created_at"]
    names = ", ".join(quote(field(name).column) for name in columns)
    values = [event_id, participant_id, key, latitude, longitude, country_code]
    values.append(field("created_at").get_db_prep_value(now, connection))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(Wave._meta.db_table)} ({names}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(values))}) "
            f"ON CONFLICT DO NOTHING RETURNING {quote(Wave._meta.pk.column)}",
            values,
        )
        return cursor.fetchone() is not None


@dataclass(frozen=True)
class WaveCell:
    latitude: float  # the square's centre
    longitude: float
    count: int | None  # None: fewer than FEW ("a few")


def live_waves(event: Event, as_of: datetime) -> tuple[int, list[WaveCell]]:
    """The count of waves up to `as_of`, and the squares they came from: one GROUP BY."""
    waves = Wave.objects.filter(event=event, created_at__lt=as_of)
    total = waves.count()
    rows = (
        waves.exclude(latitude=None)
        .values("latitude", "longitude")
        .annotate(count=Count("pk"))
        .order_by()
    )
    squares: dict[tuple[int, int], int] = {}
    for row in rows:
        square = (row["latitude"] // CELL_DEGREES, row["longitude"] // CELL_DEGREES)
        squares[square] = squares.get(square, 0) + row["count"]
    cells = [
        WaveCell(
            latitude=min(90.0, row * CELL_DEGREES + CELL_DEGREES / 2),
            longitude=column * CELL_DEGREES + CELL_DEGREES / 2,
            count=count if count >= FEW else None,
        )
        for (row, column), count in sorted(squares.items())
    ]
    return total, cells


# --- after the window: what the organisers and the pages show -------------------------------


def wave_count(event: Event) -> int:
    return Wave.objects.filter(event=event).count()


@dataclass(frozen=True)
class WaveFigures:
    total: int
    per_minute: list[tuple[datetime, int]]  # every minute of the window, from its start
    by_country: list[tuple[str, int]]  # country code ('' not known), most first


def wave_figures(event: Event) -> WaveFigures:
    """The waves of an event for its dashboard: three queries, grouped in the database."""
    waves = Wave.objects.filter(event=event)
    per_minute = dict(
        waves.annotate(minute=TruncMinute("created_at"))
        .values_list("minute")
        .annotate(count=Count("pk"))
        .order_by()
    )
    minutes = []
    minute = event.window_start.replace(second=0, microsecond=0)
    while minute < event.window_end:
        minutes.append((minute, per_minute.get(minute, 0)))
        minute += timedelta(minutes=1)
    by_country = sorted(
        waves.values_list("country_code").annotate(count=Count("pk")).order_by(),
        # most first; among equals by code, and "not known" last
        key=lambda row: (-row[1], row[0] == "", row[0]),
    )
    return WaveFigures(total=waves.count(), per_minute=minutes, by_country=by_country)


def waves_by_cell_and_minute(event: Event):
    """(minute UTC, square's south-west corner latitude and longitude, waves) for the
    organisers' CSV: the same squares as the live map, never a single place."""
    rows = (
        Wave.objects.filter(event=event)
        .annotate(minute=TruncMinute("created_at"))
        .values_list("minute", "latitude", "longitude")
        .annotate(count=Count("pk"))
        .order_by("minute")
    )
    cells: dict[tuple, int] = {}
    for minute, latitude, longitude, count in rows:
        if latitude is None:
            cell = (minute, "", "")
        else:
            cell = (
                minute,
                latitude // CELL_DEGREES * CELL_DEGREES,
                longitude // CELL_DEGREES * CELL_DEGREES,
            )
        cells[cell] = cells.get(cell, 0) + count
    return sorted(cells.items(), key=lambda item: (item[0][0], str(item[0][1]), str(item[0][2])))
