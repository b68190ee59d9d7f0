"""The ephemeris (DE421 from the skyfield-data package) and timescale, loaded once per
process on first use; instants and body names checked and turned into skyfield’s terms.

Nothing is downloaded: the kernel is opened by its path inside the package and the
timescale is skyfield’s builtin one.
"""

from __future__ import annotations

import atexit
import functools
import os
from datetime import UTC, datetime, timedelta

import skyfield_data
from django.utils.translation import gettext as _
from skyfield.api import load, load_file
from skyfield.jpllib import SpiceKernel
from skyfield.timelib import Time, Timescale
from skyfield.vectorlib import VectorFunction

from events.astro.bodies import TARGET_BODIES
from events.lazyload import load_once

# Observing from Earth itself, or from a point that is not a body, has no sky position.
_NOT_TARGETS = frozenset({0, 3, 399})

# The retarded time of observe() reaches back up to ~5.5 h (Pluto); a day of margin keeps every
# lookup inside the kernel so jplephem never sees an out-of-range date.
_RANGE_MARGIN_DAYS = 1.0


class SkyError(ValueError):
    """A request this module cannot answer: bad input, unknown body, or date outside de421."""


@load_once
def kernel() -> SpiceKernel:
    # By path, not get_skyfield_data_path(): that checks expiry dates and warns about the
    # finals2000A.all file we never use.  load_file never downloads.
    path = os.path.join(os.path.dirname(skyfield_data.__file__), "data", "de421.bsp")
    kernel = load_file(path)
    # Held for the life of the process; closing at exit avoids a ResourceWarning under -W error.
    atexit.register(kernel.close)
    return kernel


@load_once
def timescale() -> Timescale:
    # builtin=True: ΔT and leap seconds ship inside skyfield, so nothing is fetched.
    return load.timescale(builtin=True)


@load_once
def coverage_tdb() -> tuple[float, float]:
    segments = kernel().segments
    start = max(s.spk_segment.start_jd for s in segments) + _RANGE_MARGIN_DAYS
    end = min(s.spk_segment.end_jd for s in segments) - _RANGE_MARGIN_DAYS
    return start, end


def ephemeris_range() -> tuple[datetime, datetime]:
    """First and last instant (aware UTC) this module can compute for."""
    ts = timescale()
    start, end = coverage_tdb()
    return to_datetime(ts.tdb_jd(start)), to_datetime(ts.tdb_jd(end))


def to_datetime(t: Time) -> datetime:
    return t.utc_datetime().astimezone(UTC)


def round_to_second(value: datetime) -> datetime:
    return (value + timedelta(microseconds=500_000)).replace(microsecond=0)


def utc_instant(when: datetime) -> datetime:
    """`when` in UTC, after refusing what is not an aware datetime."""
    if not isinstance(when, datetime):
        raise SkyError(f"expected a datetime, got {type(when).__name__}")
    if when.tzinfo is None or when.utcoffset() is None:
        raise SkyError(f"naive datetime {when.isoformat()}: give an aware UTC datetime")
    try:
        return when.astimezone(UTC)
    except OverflowError:
        raise SkyError(f"{when.isoformat()} cannot be converted to UTC") from None


def skyfield_time(when: datetime) -> Time:
    when = utc_instant(when)
    try:
        t = timescale().from_datetime(when.astimezone(UTC))
    except OverflowError:
        raise SkyError(f"{when.isoformat()} cannot be converted to UTC") from None
    start, end = coverage_tdb()
    if not start <= t.tdb <= end:
        first, last = ephemeris_range()
        # Translators: beside an event's times in the admin; when is an ISO 8601 instant,
        # first and last dates ("1899-07-29").
        raise SkyError(
            _("%(when)s is outside the ephemeris de421, which covers %(first)s to %(last)s")
            % {
                "when": when.isoformat(),
                "first": f"{first:%Y-%m-%d}",
                "last": f"{last:%Y-%m-%d}",
            }
        )
    return t


def body_code(body: str) -> int:
    if not isinstance(body, str):
        raise SkyError(f"body must be a name, got {type(body).__name__}")
    key = body.strip().lower()
    by_display = {name.lower().removeprefix("the "): k for k, name in TARGET_BODIES.items()}
    key = by_display.get(key.removeprefix("the "), key)
    eph = kernel()
    try:
        code = eph.decode(key)
    except (KeyError, ValueError):
        raise SkyError(f"unknown body {body!r}; try one of {sorted(TARGET_BODIES)}") from None
    if code in _NOT_TARGETS:
        raise SkyError(f"{body!r} is Earth or the Solar System barycentre, not a target")
    return code


def body_vector(body: str) -> VectorFunction:
    return kernel()[body_code(body)]


@functools.lru_cache(maxsize=64)
def body_display_name(body: str) -> str:
    """Display name of a body, e.g. 'saturn barycenter' -> 'Saturn'."""
    return display_name_of_code(body_code(body))


def display_name_of_code(code: int) -> str:
    for key, name in TARGET_BODIES.items():
        if kernel().decode(key) == code:
            return name
    return kernel().names().get(code, [str(code)])[0].title()
