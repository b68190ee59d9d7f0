"""The three kinds of target an event can have, as skyfield observes them.

- a body of the ephemeris, named by its key ("saturn barycenter"), as before;
- a `TableTarget`: a spacecraft's Horizons table (`events.astro.horizons`), interpolated;
- a `FixedTarget`: a fixed direction (astrometric RA/Dec, J2000/ICRF, as seen from Earth's
  centre) and a distance, for a spacecraft so far away that it barely moves in a window.

`sky` asks this module for a key (hashable, for its caches), something to `observe()` and a
name; every position then goes through skyfield's own light-time, aberration and
Earth-rotation path, whatever the kind of target.

A table is interpolated with cubic Hermite polynomials: on the table's velocities when it
has them, else on derivatives taken from three neighbouring rows.  Outside the table a
`SkyError` says which span the table covers.  A fixed direction is observed like a star
(skyfield's `Star`): its direction is the same from Earth's centre and from anywhere on
Earth to within Earth's radius over the distance (0.0001° at 40 au).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np
from django.utils.translation import gettext as _
from skyfield.constants import C_AUDAY
from skyfield.starlib import Star
from skyfield.vectorlib import VectorFunction

from events.astro.ephemeris import (
    SkyError,
    body_code,
    display_name_of_code,
    kernel,
    skyfield_time,
    timescale,
    to_datetime,
)
from events.astro.horizons import (
    KM_PER_AU,
    SECONDS_PER_DAY,
    HorizonsTable,
    TableError,
    read_table,
)

C_KM_S = 299_792.458
# check_covers' light time comes from the nearest row (off by a fraction of a second) and a
# place on Earth sees the spacecraft up to 21 ms earlier than Earth's centre: a minute spare.
COVERAGE_MARGIN = timedelta(minutes=1)


@dataclass(frozen=True)
class TableTarget:
    """A spacecraft's ephemeris table; equal (and cached) by name and the table's digest."""

    name: str
    digest: str
    table: HorizonsTable = field(compare=False, hash=False, repr=False)
    # Hold the first or last position beyond the table instead of refusing (rise/set only).
    holds_ends: bool = False


@dataclass(frozen=True)
class FixedTarget:
    """A fixed direction (astrometric RA/Dec J2000, degrees) at a distance in km."""

    name: str
    ra_deg: float
    dec_deg: float
    distance_km: float


Target = str | TableTarget | FixedTarget


def table_target(name: str, text: str) -> TableTarget:
    """The target of a Horizons table; `SkyError` says what is wrong with a bad table."""
    try:
        target = _table_target(name, text)
        _table_vector(target)  # its times on skyfield's scales, inside de421
    except TableError as exc:
        raise SkyError(str(exc)) from None
    return target


@functools.lru_cache(maxsize=32)
def _table_target(name: str, text: str) -> TableTarget:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return TableTarget(name=name, digest=digest, table=read_table(text))


def fixed_target(name: str, ra_deg: float, dec_deg: float, distance_km: float) -> FixedTarget:
    """A fixed-direction target after checking its numbers (`SkyError` if out of range)."""
    values = (ra_deg, dec_deg, distance_km)
    if not all(isinstance(v, int | float) and np.isfinite(v) for v in values):
        raise SkyError(_("right ascension, declination and distance must be finite numbers"))
    if not 0.0 <= ra_deg < 360.0:
        raise SkyError(
            _("right ascension must be from 0° to 360°, got %(value)r") % {"value": ra_deg}
        )
    if not -90.0 <= dec_deg <= 90.0:
        raise SkyError(
            _("declination must be from −90° to 90°, got %(value)r") % {"value": dec_deg}
        )
    if distance_km <= 0:
        raise SkyError(_("distance must be positive, got %(value)r") % {"value": distance_km})
    return FixedTarget(name, float(ra_deg), float(dec_deg), float(distance_km))


def held(target: Target) -> Target:
    """The target with a table's end positions held beyond it: for the almanac's searches,
    which look a day either side of a window; a spacecraft that moves less than a degree a
    day (any in cruise) then rises and sets within minutes of the true times."""
    if isinstance(target, TableTarget) and not target.holds_ends:
        return TableTarget(target.name, target.digest, target.table, holds_ends=True)
    return target


def key_of(target: Target) -> int | TableTarget | FixedTarget:
    """A hashable key: the ephemeris code of a body, the target object otherwise."""
    if isinstance(target, TableTarget | FixedTarget):
        return target
    return body_code(target)


def name_of(key: int | TableTarget | FixedTarget) -> str:
    if isinstance(key, TableTarget | FixedTarget):
        return key.name
    return display_name_of_code(key)


def observable(key: int | TableTarget | FixedTarget):
    """What `earth.at(t).observe()` takes for this key (a vector from the barycentre, a Star)."""
    if isinstance(key, FixedTarget):
        return _star(key.ra_deg, key.dec_deg)
    if isinstance(key, TableTarget):
        return kernel()["earth"] + _table_vector(key)
    return kernel()[key]


@functools.lru_cache(maxsize=64)
def _star(ra_deg: float, dec_deg: float) -> Star:
    return Star(ra_hours=ra_deg / 15.0, dec_degrees=dec_deg)


def fixed_light_time(target: FixedTarget) -> timedelta:
    return timedelta(seconds=target.distance_km / C_KM_S)


@functools.lru_cache(maxsize=64)
def _table_vector(target: TableTarget) -> _TableVector:
    return _TableVector(target)


class _TableVector(VectorFunction):
    """Earth's centre → the spacecraft, interpolated from a table of geometric positions."""

    center = 399

    def __init__(self, target: TableTarget) -> None:
        self.target = f"table {target.digest[:12]}"
        self.target_name = target.name
        self.holds_ends = target.holds_ends
        self.tdb, positions_km, velocities_km_s = _geometric_samples(target.table)
        self.positions_au = positions_km / KM_PER_AU
        if velocities_km_s is None:
            self.rates_au_d = _derivatives(self.tdb, self.positions_au)
        else:
            self.rates_au_d = velocities_km_s * (SECONDS_PER_DAY / KM_PER_AU)

    def _at(self, t):
        tdb = np.asarray(t.tdb, dtype=float)
        first, last = self.tdb[0], self.tdb[-1]
        if self.holds_ends:
            tdb = np.clip(tdb, first, last)
        elif np.any(tdb < first) or np.any(tdb > last):
            ts = timescale()
            # Translators: first, last and asked are UTC dates and times ("2026-07-19 21:27").
            raise SkyError(
                _(
                    "the spacecraft's table covers %(first)s to %(last)s UTC (where the "
                    "spacecraft is), not %(asked)s"
                )
                % {
                    "first": f"{to_datetime(ts.tdb_jd(first)):%Y-%m-%d %H:%M}",
                    "last": f"{to_datetime(ts.tdb_jd(last)):%Y-%m-%d %H:%M}",
                    "asked": f"{to_datetime(ts.tdb_jd(float(np.min(tdb)))):%Y-%m-%d %H:%M}",
                }
            )
        p, v = _hermite(self.tdb, self.positions_au, self.rates_au_d, tdb)
        return p, v, None, None


def _geometric_samples(table: HorizonsTable) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """TDB Julian dates and geocentric geometric positions (km) of the table's rows.

    An observer table holds astrometric positions A(t): the spacecraft was at E(t) + A(t)
    (barycentric) when its light left it, one light time τ = |A|/c earlier.  So its geometric
    geocentric position at t − τ is E(t) + A(t) − E(t − τ).
    """
    ts = timescale()
    dates = np.asarray(table.julian_dates, dtype=float)
    if table.time_scale == "TDB":
        times = ts.tdb_jd(dates)
    elif table.time_scale == "TT":
        times = ts.tt_jd(dates)
    else:
        moments = [
            datetime(2000, 1, 1, 12, tzinfo=UTC) + timedelta(days=d - 2451545.0) for d in dates
        ]
        times = ts.from_datetimes(moments)
    for edge in (times[0], times[-1]):
        skyfield_time(to_datetime(edge))  # SkyError beyond de421, before any lookup
    positions = np.asarray(table.positions_km, dtype=float)
    velocities = None if table.velocities_km_s is None else np.asarray(table.velocities_km_s)
    if table.kind == "vectors":
        return times.tdb, positions, velocities
    light_days = np.linalg.norm(positions, axis=1) / (C_AUDAY * KM_PER_AU)
    left = ts.tdb_jd(times.tdb - light_days)
    earth = kernel()["earth"]
    shift = earth.at(times).position.km - earth.at(left).position.km
    return left.tdb, positions + shift.T, None


def _derivatives(t: np.ndarray, p: np.ndarray) -> np.ndarray:
    """dp/dt at each row from it and its two neighbours (second order, uneven steps)."""
    d = np.empty_like(p)
    h0 = (t[1:-1] - t[:-2])[:, None]
    h1 = (t[2:] - t[1:-1])[:, None]
    d[1:-1] = (
        -h1 / (h0 * (h0 + h1)) * p[:-2]
        + (h1 - h0) / (h0 * h1) * p[1:-1]
        + h0 / (h1 * (h0 + h1)) * p[2:]
    )
    a, b = t[1] - t[0], t[2] - t[1]
    d[0] = -(2 * a + b) / (a * (a + b)) * p[0] + (a + b) / (a * b) * p[1] - a / (b * (a + b)) * p[2]
    a, b = t[-2] - t[-3], t[-1] - t[-2]
    d[-1] = (
        b / (a * (a + b)) * p[-3] - (a + b) / (a * b) * p[-2] + (2 * b + a) / (b * (a + b)) * p[-1]
    )
    return d


def _hermite(
    t: np.ndarray, p: np.ndarray, d: np.ndarray, x: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Cubic Hermite position (3,) or (3, n) and its rate at `x` (same units per day)."""
    flat = np.atleast_1d(x)
    i = np.clip(np.searchsorted(t, flat, side="right") - 1, 0, len(t) - 2)
    h = (t[i + 1] - t[i])[:, None]
    u = ((flat - t[i]) / (t[i + 1] - t[i]))[:, None]
    u2, u3 = u * u, u * u * u
    p0, p1, d0, d1 = p[i], p[i + 1], d[i], d[i + 1]
    position = (
        (2 * u3 - 3 * u2 + 1) * p0
        + (u3 - 2 * u2 + u) * h * d0
        + (-2 * u3 + 3 * u2) * p1
        + (u3 - u2) * h * d1
    )
    rate = (
        (6 * u2 - 6 * u) * p0 / h
        + (3 * u2 - 4 * u + 1) * d0
        + (-6 * u2 + 6 * u) * p1 / h
        + (3 * u2 - 2 * u) * d1
    )
    if np.ndim(x) == 0:
        return position[0], rate[0]
    return position.T, rate.T


def table_span(target: TableTarget) -> tuple[datetime, datetime]:
    """First and last instant (UTC) of the spacecraft's geometric positions in the table."""
    vector = _table_vector(target)
    ts = timescale()
    return to_datetime(ts.tdb_jd(vector.tdb[0])), to_datetime(ts.tdb_jd(vector.tdb[-1]))


def table_light_time(target: TableTarget, when: datetime) -> timedelta:
    """About the one-way light time at `when`, from the nearest row (within a second or so)."""
    vector = _table_vector(target)
    jd = skyfield_time(when).tdb
    row = int(np.clip(np.searchsorted(vector.tdb, jd), 0, len(vector.tdb) - 1))
    return timedelta(seconds=float(np.linalg.norm(vector.positions_au[row])) * KM_PER_AU / C_KM_S)


def check_covers(
    target: Target, earth_start: datetime, earth_end: datetime, camera: tuple | None = None
) -> None:
    """`SkyError` unless a table target places the spacecraft for the whole event: the wave
    window seen from Earth (one light time earlier at the spacecraft) and the camera window."""
    if not isinstance(target, TableTarget):
        return
    first, last = table_span(target)
    needed_start = earth_start - table_light_time(target, earth_start)
    needed_end = earth_end - table_light_time(target, earth_end)
    if camera is not None:
        needed_start, needed_end = min(needed_start, camera[0]), max(needed_end, camera[1])
    if needed_start - COVERAGE_MARGIN < first or needed_end + COVERAGE_MARGIN > last:
        # Translators: shown after "Too short: " beside an organiser's ephemeris table; the
        # placeholders are UTC dates and times ("2026-07-19 21:27").
        raise SkyError(
            _(
                "the table places the spacecraft from %(first)s to %(last)s UTC, but this event "
                "needs it from %(start)s to %(end)s UTC (the wave window one light time "
                "earlier, and the camera window): ask Horizons for a longer span"
            )
            % {
                "first": f"{first:%Y-%m-%d %H:%M}",
                "last": f"{last:%Y-%m-%d %H:%M}",
                "start": f"{needed_start:%Y-%m-%d %H:%M}",
                "end": f"{needed_end:%Y-%m-%d %H:%M}",
            }
        )
