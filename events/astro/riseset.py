"""When a body rises, culminates and sets at one place on one local date, and whether an
event's window falls after dark there.

Times come from skyfield's almanac (`find_risings`, `find_transits`, `find_settings`), whose
horizon allows for refraction (−34′) and, for the Sun and Moon, their radius: a rising is
the upper limb on the refracted horizon, as almanacs and PyEphem give it. Every instant
returned is an aware UTC datetime; the caller formats it in the visitor's zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from skyfield import almanac
from skyfield.api import wgs84
from skyfield.errors import EphemerisRangeError

from events.astro import sky
from events.astro.ephemeris import (
    SkyError,
    kernel,
    round_to_second,
    skyfield_time,
    to_datetime,
    utc_instant,
)
from events.astro.targets import Target, held, key_of, observable

# "After dark": the end of civil twilight, when the brighter planets show by eye.
DARK_SUN_ALTITUDE_DEG = sky.CIVIL_TWILIGHT_DEG


@dataclass(frozen=True, slots=True)
class BodyDay:
    """A body's rising, culmination (upper transit) and setting on one local date (UTC)."""

    body: str
    day: date
    rise: datetime | None
    transit: datetime | None
    set: datetime | None
    transit_altitude_deg: float | None
    is_always_up: bool
    is_never_up: bool

    @property
    def body_label(self) -> str:
        """The body's name in the page's language ('Sun', 'Sonne')."""
        return sky.body_text(self.body)

    @property
    def events(self) -> list[tuple[str, datetime]]:
        """('rises' | 'culminates' | 'sets', UTC instant) in the order they happen."""
        named = [("rises", self.rise), ("culminates", self.transit), ("sets", self.set)]
        return sorted(((name, at) for name, at in named if at is not None), key=lambda e: e[1])


@dataclass(frozen=True, slots=True)
class DayAtPlace:
    """The target's and the Sun's day at a place, and how dark the window is there."""

    target: BodyDay
    sun: BodyDay
    sun_altitude_start_deg: float
    sun_altitude_end_deg: float
    # The target's altitude when the Sun sets that day (None when the Sun does not set).
    target_altitude_at_sunset_deg: float | None

    @property
    def is_after_dark(self) -> bool:
        """The Sun is below −6° (civil twilight over) for the whole window."""
        return max(self.sun_altitude_start_deg, self.sun_altitude_end_deg) <= (
            DARK_SUN_ALTITUDE_DEG
        )

    @property
    def sun_depth_deg(self) -> int:
        """How far below the horizon the Sun is at the window's start, whole degrees."""
        return round(-self.sun_altitude_start_deg)

    @property
    def daylight(self) -> str:
        """'day', 'civil twilight', …, 'night' at the window's start (sky.daylight_name)."""
        return sky.daylight_name(self.sun_altitude_start_deg)

    @property
    def daylight_label(self) -> str:
        """The same in the page's language, for people to read."""
        return sky.daylight_text(self.daylight)

    @property
    def is_up_after_sunset(self) -> bool:
        """The target is above the horizon when the Sun sets (so it can be seen as it gets dark)."""
        return (
            self.target_altitude_at_sunset_deg is not None
            and self.target_altitude_at_sunset_deg > 0.0
        )


def _local_day_bounds(day: date, zone: tzinfo) -> tuple[datetime, datetime]:
    # Wall-clock midnight to midnight, so a 23- or 25-hour day at a DST change is the real day.
    start = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    return start, end


def _first(found, crossed, after: float, before: float) -> datetime | None:
    # The almanac refines each guess after bracketing it, so a crossing just outside the
    # span can come back; keep the first real one inside [after, before).
    for t, real in zip(found, crossed, strict=True):
        if real and after <= t.tt < before:
            return round_to_second(to_datetime(t))
    return None


def rise_transit_set(body: Target, lat: float, lon: float, day: date, zone: tzinfo) -> BodyDay:
    """Rising, upper culmination and setting of `body` at (lat, lon) on `day` in `zone`.

    When the body rises that day, the culmination and setting are those of the same pass,
    so the setting may fall on the next day (Saturn rising in the afternoon sets after
    midnight); a body that only sets that day gets that setting and that day's culmination.
    A body that neither rises nor sets that day is `is_always_up` (circumpolar) or
    `is_never_up`, judged by its altitude at culmination; a body can also only rise or only
    set within a day (the Moon, or the Sun near the poles around an equinox).

    A spacecraft's table rarely covers the two days searched: beyond it the spacecraft is
    held at its first or last tabulated position (`targets.held`).
    """
    body = held(body)
    start, end = _local_day_bounds(day, zone)
    # Checks the place and the body before the almanac sees them; the fallback probe below.
    (at_day_start,) = sky.where_to_look_many(body, start, [lat], [lon])
    t0, t1 = skyfield_time(start), skyfield_time(end)
    # A day more, for the end of a pass that starts this day.
    t2 = skyfield_time(end + timedelta(days=1))
    target = observable(key_of(body))
    observer = kernel()["earth"] + wgs84.latlon(lat, lon)
    try:
        risings, rose = almanac.find_risings(observer, target, t0, t1)
        settings, set_ = almanac.find_settings(observer, target, t0, t2)
        transits = almanac.find_transits(observer, target, t0, t2)
    except EphemerisRangeError as exc:
        raise SkyError(str(exc)) from None
    rise = _first(risings, rose, t0.tt, t1.tt)
    after, before = (t0.tt, t1.tt) if rise is None else (skyfield_time(rise).tt, t2.tt)
    setting = _first(settings, set_, after, before)
    transit = _first(transits, [True] * len(transits), after, before)
    transit_alt = None
    if transit is not None:
        (position,) = sky.where_to_look_many(body, transit, [lat], [lon])
        transit_alt = position.altitude_deg
    neither = rise is None and setting is None
    if neither:
        # Judge from the culmination (or, with none in the day, the day's start): the almanac
        # found no crossing of its horizon, so the body is on one side of it all day.
        probe = at_day_start.altitude_deg if transit_alt is None else transit_alt
        up = probe > 0.0
    return BodyDay(
        body=sky.target_name(body),
        day=day,
        rise=rise,
        transit=transit,
        set=setting,
        transit_altitude_deg=transit_alt,
        is_always_up=neither and up,
        is_never_up=neither and not up,
    )


def day_at_place(
    body: Target, start: datetime, end: datetime, lat: float, lon: float, zone: tzinfo = UTC
) -> DayAtPlace:
    """The target's and the Sun's rise/culmination/set on the window's local date at a place.

    The date is the window's start in `zone` (the place's zone); all angles in degrees.
    """
    day = utc_instant(start).astimezone(zone).date()
    target_day = rise_transit_set(body, lat, lon, day, zone)
    sun_day = rise_transit_set("sun", lat, lon, day, zone)
    (at_start,) = sky.where_to_look_many(body, start, [lat], [lon])
    (at_end,) = sky.where_to_look_many(body, end, [lat], [lon])
    at_sunset = None
    if sun_day.set is not None:
        (position,) = sky.where_to_look_many(held(body), sun_day.set, [lat], [lon])
        at_sunset = position.altitude_deg
    return DayAtPlace(
        target=target_day,
        sun=sun_day,
        sun_altitude_start_deg=at_start.sun_altitude_deg,
        sun_altitude_end_deg=at_end.sun_altitude_deg,
        target_altitude_at_sunset_deg=at_sunset,
    )
