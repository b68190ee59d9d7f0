"""The wave itself: "I'm waving!" while the window is open, once per person or browser, and
the live count and cells everyone watches.

A wave is one row (events.models.Wave). Its uniqueness is the database's: one per
participant, one per browser key, so a second tap, a reload, a second tab or a replayed
request changes nothing, however many arrive at once (INSERT … ON CONFLICT DO NOTHING
RETURNING: one statement that says whether the wave was new).
Places are kept to whole degrees; in public, waves are counted by CELL_DEGREES square and
a square with fewer than FEW waves says only "a few".

A flood is capped per client address by the shared limiter (events/signups/limits.py):
only a new wave spends the address's budget, so a repeated tap is never refused. A
rehearsal's waves (Event.rehearsal_start, events/live/rehearsal.py) are rows of their own,
never in the real count, the figures or the CSV.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.db.models.functions import TruncMinute
from django.utils.translation import gettext

from events.models import Event, Participant, Wave
from events.refusal import Refused
from events.signups.limits import Rate, hit

CELL_DEGREES = 10
# Below this, a square's count is not shown: "a few" (no one can be picked out).
FEW = 5

# The budget of new waves per client address (settings.WAVE_RATE_LIMIT) is counted per
# minute: a crowd behind one address (a carrier-grade NAT, a watch party's Wi-Fi) that
# overruns it is asked to wait seconds, not the rest of the window (wave.js tries again).
WAVE_RATE_SECONDS = 60


class WavesLimited(Refused):
    """Too many new waves from one client address this minute; `retry_after` in seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            "too_many",
            gettext(
                "Too many waves from your network just now. Keep waving and tap again "
                "in a minute: you will be counted then."
            ),
        )
        self.retry_after = retry_after


def visitor_key(browser_id: str) -> str:
    """The browser's random id, hashed: the table keeps no value the cookie could be
    matched against elsewhere."""
    return hashlib.sha256(f"wave:{browser_id}".encode()).hexdigest()[:64]


def coarse(latitude: float | None, longitude: float | None) -> tuple[int | None, int | None]:
    """A place to whole degrees (about 100 km), or (None, None)."""
    if latitude is None or longitude is None:
        return None, None
    return max(-90, min(90, round(latitude))), ((round(longitude) + 180) % 360) - 180


def wave_rate() -> Rate:
    """New waves one client address may add per minute (settings.WAVE_RATE_LIMIT)."""
    return Rate(settings.WAVE_RATE_LIMIT, WAVE_RATE_SECONDS)


def open_for_waves(event: Event, now: datetime) -> bool:
    """Whether a wave at `now` would be a rehearsal's (True) or a real one (False);
    Refused("not_open") outside both windows."""
    if event.is_rehearsing(now):
        return True
    if not event.window_start <= now < event.window_end:
        if now < event.window_start:
            message = gettext("The window has not opened yet: waves count only while it is open.")
        else:
            message = gettext("The window has closed: waves count only while it is open.")
        raise Refused("not_open", message)
    return False


def record_wave(
    event: Event,
    now: datetime,
    *,
    participant: Participant | None = None,
    browser_id: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    country_code: str = "",
    address: str | None = None,
) -> bool:
    """Count one wave while the window (or a rehearsal's) is open; whether it was new (a
    second tap is not). Refused("not_open") before or after the window. A participant
    counts once whatever browser they use; anyone else once per browser.

    With `address` (the client's, as events.web.client gives it), a new wave spends one of
    the address's wave_rate(); over it, WavesLimited and nothing is recorded. The wave and
    its hit are one transaction: a flood cannot move the count past the limit, even for the
    moment between the two."""
    is_rehearsal = open_for_waves(event, now)
    if participant is None and not browser_id:
        raise Refused(
            "nobody", gettext("This browser keeps no cookie: we cannot count your wave once.")
        )
    lat, lon = coarse(latitude, longitude)
    with transaction.atomic():
        is_new = _insert_once(
            event_id=event.pk,
            participant_id=participant.pk if participant is not None else None,
            key="" if participant is not None else visitor_key(browser_id),
            latitude=lat,
            longitude=lon,
            country_code=country_code[:2],
            now=now,
            is_rehearsal=is_rehearsal,
        )
        if is_new and address is not None:
            verdict = hit("wave", f"{event.pk}:{address}", wave_rate())
            if not verdict.allowed:
                raise WavesLimited(verdict.retry_after)  # the wave is rolled back
    return is_new


def _insert_once(
    *, event_id, participant_id, key, latitude, longitude, country_code, now, is_rehearsal
):
    """One statement, in SQLite and PostgreSQL alike: INSERT … ON CONFLICT DO NOTHING
    RETURNING. A row comes back only if this wave was new; the unique constraints turn a
    second tap into nothing. One short write, with no read before it: on SQLite the write
    lock is held for the insert (and the limit's count) alone (a rush of taps from three
    workers queued behind each other's SELECT + INSERT before)."""
    field = Wave._meta.get_field
    quote = connection.ops.quote_name
    columns = ["event", "participant", "visitor_key", "latitude", "longitude"]
    columns += ["country_code", "created_at", "is_rehearsal"]
    names = ", ".join(quote(field(name).column) for name in columns)
    values = [event_id, participant_id, key, latitude, longitude, country_code]
    values.append(field("created_at").get_db_prep_value(now, connection))
    values.append(is_rehearsal)
    with connection.cursor() as cursor:
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


def live_waves(
    event: Event, as_of: datetime, *, rehearsal: bool = False
) -> tuple[int, list[WaveCell]]:
    """The count of waves up to `as_of`, and the squares they came from: one GROUP BY.
    The real waves, or with `rehearsal` the rehearsal's."""
    waves = Wave.objects.filter(event=event, is_rehearsal=rehearsal, created_at__lt=as_of)
    total = waves.count()
    rows = (
        waves.exclude(latitude=None)
        .values("latitude", "longitude")
        .annotate(count=Count("pk"))
        .order_by()
    )
    squares: dict[tuple[int, int], int] = {}
    for row in rows:
        square = square_of(row["latitude"], row["longitude"])
        squares[square] = squares.get(square, 0) + row["count"]
    cells = [
        WaveCell(
            latitude=south + CELL_DEGREES / 2,
            longitude=west + CELL_DEGREES / 2,
            count=count if count >= FEW else None,
        )
        for (south, west), count in sorted(squares.items())
    ]
    return total, cells


def square_of(latitude: int, longitude: int) -> tuple[int, int]:
    """The south-west corner of the CELL_DEGREES square that holds a place. Squares hold
    their south and west edges; the North Pole is in the top row's squares (as on the map,
    events/astro/skymap.py cell_centre), not in a row of its own."""
    south = min(latitude, 90 - CELL_DEGREES) // CELL_DEGREES * CELL_DEGREES
    west = min(longitude, 180 - CELL_DEGREES) // CELL_DEGREES * CELL_DEGREES
    return south, west


# --- after the window: what the organisers and the pages show -------------------------------


def real_waves(event: Event):
    """The event's waves, a rehearsal's left out: what every count after the window uses."""
    return Wave.objects.filter(event=event, is_rehearsal=False)


def wave_count(event: Event) -> int:
    return real_waves(event).count()


@dataclass(frozen=True)
class WaveFigures:
    total: int
    per_minute: list[tuple[datetime, int]]  # every minute of the window, from its start
    by_country: list[tuple[str, int]]  # country code ('' not known), most first


def wave_figures(event: Event) -> WaveFigures:
    """The waves of an event for its dashboard: three queries, grouped in the database."""
    waves = real_waves(event)
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
        real_waves(event)
        .annotate(minute=TruncMinute("created_at"))
        .values_list("minute", "latitude", "longitude")
        .annotate(count=Count("pk"))
        .order_by("minute")
    )
    cells: dict[tuple, int] = {}
    for minute, latitude, longitude, count in rows:
        place = ("", "") if latitude is None else square_of(latitude, longitude)
        cell = (minute, *place)
        cells[cell] = cells.get(cell, 0) + count
    return sorted(cells.items(), key=lambda item: (item[0][0], str(item[0][1]), str(item[0][2])))
