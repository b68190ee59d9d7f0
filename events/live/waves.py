"""The wave itself: "I'm waving!" while the window is open, once per person or browser, and
the live count and cells everyone watches.

A wave is one row (events.models.Wave). Its uniqueness is the database's: one per
participant, one per browser key, so a second tap, a reload, a second tab or a replayed
request changes nothing, however many arrive at once (INSERT … ON CONFLICT DO NOTHING).
Places are kept to whole degrees; in public, waves are counted by CELL_DEGREES square and
a square with fewer than FEW waves says only "a few".
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count

from events.models import Event, Participant, Wave
from events.refusal import Refused

CELL_DEGREES = 10
# Below this, a square's count is not shown: "a few" (no one can be picked out).
FEW = 5


@dataclass(frozen=True)
class WaveOutcome:
    is_new: bool
    count: int


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
) -> WaveOutcome:
    """Count one wave while the window is open; Refused("not_open") before or after it.
    A participant counts once whatever browser they use; anyone else once per browser."""
    if not event.window_start <= now < event.window_end:
        opens = "has not opened yet" if now < event.window_start else "has closed"
        raise Refused("not_open", f"The window {opens}: waves count only while it is open.")
    if participant is None and not browser_id:
        raise Refused("nobody", "This browser keeps no cookie: we cannot count your wave once.")
    lat, lon = coarse(latitude, longitude)
    who = (
        {"participant": participant}
        if participant is not None
        else {"visitor_key": visitor_key(browser_id)}
    )
    # get_or_create: an INSERT in a savepoint, and on the unique constraint's refusal (a
    # second tap, or another request at the same instant) the row that is there.
    _, is_new = Wave.objects.get_or_create(
        event=event,
        **who,
        defaults={
            "latitude": lat,
            "longitude": lon,
            "country_code": country_code[:2],
            "created_at": now,
        },
    )
    return WaveOutcome(is_new=is_new, count=Wave.objects.filter(event=event).count())


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
