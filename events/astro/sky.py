"""Where a target stands in a place's sky, and when light left Earth for its camera.

A target is a body of the ephemeris by its key ("saturn barycenter"), a spacecraft's table or
a fixed direction (`events.astro.targets`); every function here takes any of the three.

Plain values in, frozen dataclasses out: nothing here knows about Django.  All instants are aware
datetimes (converted to UTC); naive datetimes are refused with `SkyError`.  Altitudes are
geometric (no atmospheric refraction), so a body at 0° to −0.6° may still be visible in practice.

The ephemeris and timescale load once per process, on first use, under a lock.  A body's
geocentric apparent position is cached per instant, so a page that asks about one more place
pays only for the numpy step (microseconds), not for another skyfield `observe()`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from babel import Locale
from babel.numbers import format_decimal
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from skyfield.api import wgs84
from skyfield.errors import EphemerisRangeError
from skyfield.framelib import itrs
from skyfield.vectorlib import VectorFunction

from events.astro.bodies import TARGET_BODIES
from events.astro.ephemeris import (
    SkyError,
    body_display_name,
    ephemeris_range,
    kernel,
    round_to_second,
    skyfield_time,
    timescale,
    to_datetime,
    utc_instant,
)
from events.astro.targets import (
    FixedTarget,
    Target,
    check_covers,
    fixed_light_time,
    fixed_target,
    key_of,
    name_of,
    observable,
    table_target,
)
from events.cldr import cldr_locale, decimal_text

__all__ = [
    "TARGET_BODIES",
    "BodyDistance",
    "FacingPlace",
    "SkyError",
    "SkyPosition",
    "Target",
    "UpDuring",
    "altitudes_many",
    "body_display_name",
    "body_text",
    "check_covers",
    "compass_point",
    "compass_text",
    "daylight_name",
    "daylight_text",
    "distance_and_light_time",
    "earth_window_from_camera",
    "ephemeris_range",
    "facing_places",
    "fixed_target",
    "format_count",
    "reader_locale",
    "sub_body_point",
    "table_target",
    "target_name",
    "up_during",
    "where_to_look",
    "where_to_look_many",
]

COMPASS_POINTS: tuple[str, ...] = (
    "north",
    "north-north-east",
    "north-east",
    "east-north-east",
    "east",
    "east-south-east",
    "south-east",
    "south-south-east",
    "south",
    "south-south-west",
    "south-west",
    "west-south-west",
    "west",
    "west-north-west",
    "north-west",
    "north-north-west",
)


def compass_text(point: str) -> str:
    """One of COMPASS_POINTS ('east-south-east') as a word in the page's language.

    `SkyPosition.compass` keeps the English name (a key that code and JSON compare); what
    people read goes through here.
    """
    words = {
        # Translators: a compass direction, as in "low towards the north" or "66° up in
        # the north".
        "north": pgettext("compass", "north"),
        "north-north-east": pgettext("compass", "north-north-east"),
        "north-east": pgettext("compass", "north-east"),
        "east-north-east": pgettext("compass", "east-north-east"),
        "east": pgettext("compass", "east"),
        "east-south-east": pgettext("compass", "east-south-east"),
        "south-east": pgettext("compass", "south-east"),
        "south-south-east": pgettext("compass", "south-south-east"),
        "south": pgettext("compass", "south"),
        "south-south-west": pgettext("compass", "south-south-west"),
        "south-west": pgettext("compass", "south-west"),
        "west-south-west": pgettext("compass", "west-south-west"),
        "west": pgettext("compass", "west"),
        "west-north-west": pgettext("compass", "west-north-west"),
        "north-west": pgettext("compass", "north-west"),
        "north-north-west": pgettext("compass", "north-north-west"),
    }
    return words.get(point, point)


# Django's language code → the CLDR locale its readers expect: as events.zones.localformat
# has it (astro sits below zones, so it keeps its own copy of these three lines).
def reader_locale() -> Locale:
    """The CLDR locale of the active language, for clock times and dates in sentences."""
    return cldr_locale()


def format_count(value: int) -> str:
    """A count with the digits grouped as the page's language does ('1,234')."""
    return format_decimal(value, locale=reader_locale())


def body_text(name: str) -> str:
    """A target body's name ('Saturn') in the page's language; a spacecraft's or a star's
    name, given by the organiser, as it is."""
    words = {
        # Translators: the name of a body of the Solar System, in sentences such as
        # "Saturn rises during the window".
        "Sun": pgettext("body", "Sun"),
        "Mercury": pgettext("body", "Mercury"),
        "Venus": pgettext("body", "Venus"),
        "Moon": pgettext("body", "Moon"),
        "Mars": pgettext("body", "Mars"),
        "Jupiter": pgettext("body", "Jupiter"),
        "Saturn": pgettext("body", "Saturn"),
        "Uranus": pgettext("body", "Uranus"),
        "Neptune": pgettext("body", "Neptune"),
        "Pluto": pgettext("body", "Pluto"),
    }
    return words.get(name, name)


def daylight_text(daylight: str) -> str:
    """One of daylight_name()'s keys ('civil twilight') in the page's language."""
    words = {
        # Translators: how light it is at a place: "It is day there", "Daylight at the
        # start: civil twilight".
        "day": pgettext("daylight", "day"),
        "civil twilight": pgettext("daylight", "civil twilight"),
        "nautical twilight": pgettext("daylight", "nautical twilight"),
        "astronomical twilight": pgettext("daylight", "astronomical twilight"),
        "night": pgettext("daylight", "night"),
    }
    return words.get(daylight, daylight)


# The standard sunrise/sunset altitude: the Sun's upper limb on the refracted horizon.  Our
# altitudes are unrefracted, so "day" starts here rather than at 0°.
SUNRISE_ALTITUDE_DEG = -0.833
CIVIL_TWILIGHT_DEG = -6.0
NAUTICAL_TWILIGHT_DEG = -12.0
ASTRONOMICAL_TWILIGHT_DEG = -18.0

KM_PER_MILE = 1.609344
KM_PER_AU = 149_597_870.700

# WGS84, as skyfield's `wgs84` uses, so the vectorised path puts observers where skyfield does.
_WGS84_A_KM = 6378.137
_WGS84_F = 1.0 / 298.257223563
_WGS84_E2 = _WGS84_F * (2.0 - _WGS84_F)

_SUN = 10

# Geocentric vectors per (body, instant): an event page asks for two or three instants and two
# bodies, so a few thousand entries hold every event of a busy site (each is 3 floats).
_VECTOR_CACHE_SIZE = 4096


@dataclass(frozen=True, slots=True)
class SkyPosition:
    """Where a body stands in one place's sky at one instant (angles in degrees)."""

    body: str
    latitude_deg: float
    longitude_deg: float
    altitude_deg: float
    azimuth_deg: float
    compass: str
    is_above_horizon: bool
    sun_altitude_deg: float
    daylight: str
    faces_camera: bool

    @property
    def compass_label(self) -> str:
        """The compass point in the page's language ('east-south-east')."""
        return compass_text(self.compass)

    @property
    def daylight_label(self) -> str:
        """Day, twilight or night in the page's language."""
        return daylight_text(self.daylight)

    def describe(self) -> str:
        """In the page's language, e.g. '19° above the horizon, east-south-east (azimuth
        112°)'."""
        alt = self.altitude_deg
        if self.is_above_horizon:
            azimuth = round(self.azimuth_deg) % 360
            if alt >= 89.5:
                return _("straight overhead, at the zenith")
            height = f"{round(alt)}" if alt >= 0.5 else decimal_text(alt)
            # Translators: where a planet stands in the sky: "19° above the horizon,
            # east-south-east (azimuth 112°)"; direction is a compass point.
            return _("%(degrees)s° above the horizon, %(direction)s (azimuth %(azimuth)s°)") % {
                "degrees": height,
                "direction": self.compass_label,
                "azimuth": azimuth,
            }
        depth = f"{round(-alt)}" if alt <= -0.5 else decimal_text(-alt)
        # Translators: degrees is a number; the sign before it is a minus sign.
        return _(
            "below the horizon (−%(degrees)s°): this side of Earth is turned away from the camera"
        ) % {"degrees": depth}


@dataclass(frozen=True, slots=True)
class BodyDistance:
    """Distance from Earth's centre to a body and the one-way light time between them."""

    body: str
    km: float
    miles: float
    au: float
    light_time: timedelta

    @property
    def light_minutes(self) -> float:
        """One-way light time in minutes."""
        return self.light_time.total_seconds() / 60.0


@dataclass(frozen=True, slots=True)
class UpDuring:
    """A body's altitude at one place at the start and at the end of a window (degrees)."""

    start_altitude_deg: float
    end_altitude_deg: float

    @property
    def state(self) -> str:
        """'up', 'down', 'rises' or 'sets' during the window.

        Judged from the two ends: a planet cannot rise and set again within a window of a few
        hours except within a few degrees of the poles, where it skims the horizon anyway.
        """
        up_at_start, up_at_end = self.start_altitude_deg > 0.0, self.end_altitude_deg > 0.0
        if up_at_start and up_at_end:
            return "up"
        if up_at_start:
            return "sets"
        if up_at_end:
            return "rises"
        return "down"

    @property
    def is_up_at_some_point(self) -> bool:
        return self.state != "down"


@dataclass(frozen=True, slots=True)
class FacingPlace:
    """A named place that faces the body, with where to look from there."""

    name: str
    latitude_deg: float
    longitude_deg: float
    position: SkyPosition


def compass_point(azimuth_deg: float) -> str:
    """16-point compass name for an azimuth in degrees (0 = north, 90 = east)."""
    if not math.isfinite(azimuth_deg):
        raise SkyError(f"azimuth must be finite, got {azimuth_deg!r}")
    # Each point owns a half-open 22.5° sector centred on it: [337.5+11.25, 11.25) is north.
    return COMPASS_POINTS[int(((azimuth_deg % 360.0) + 11.25) // 22.5) % 16]


def daylight_name(sun_altitude_deg: float) -> str:
    """'day', 'civil twilight', 'nautical twilight', 'astronomical twilight' or 'night'."""
    if sun_altitude_deg > SUNRISE_ALTITUDE_DEG:
        return "day"
    if sun_altitude_deg > CIVIL_TWILIGHT_DEG:
        return "civil twilight"
    if sun_altitude_deg > NAUTICAL_TWILIGHT_DEG:
        return "nautical twilight"
    if sun_altitude_deg > ASTRONOMICAL_TWILIGHT_DEG:
        return "astronomical twilight"
    return "night"


def _check_place(lat: float, lon: float) -> None:
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise SkyError(f"latitude and longitude must be finite, got {lat!r}, {lon!r}")
    if not -90.0 <= lat <= 90.0:
        raise SkyError(f"latitude must be between -90 and 90 degrees, got {lat!r}")


def _position(
    name: str, lat: float, lon: float, alt: float, az: float, sun_alt: float
) -> SkyPosition:
    alt, az, sun_alt = float(alt), float(az) % 360.0, float(sun_alt)
    above = alt > 0.0
    return SkyPosition(
        body=name,
        latitude_deg=float(lat),
        longitude_deg=float(lon),
        altitude_deg=alt,
        azimuth_deg=az,
        compass=compass_point(az),
        is_above_horizon=above,
        sun_altitude_deg=sun_alt,
        daylight=daylight_name(sun_alt),
        # The camera rides with the body, so any place that sees the body is seen by the camera.
        faces_camera=above,
    )


def target_name(target: Target) -> str:
    """Display name of any target: 'Saturn', or the spacecraft's name for a table."""
    return name_of(key_of(target))


def where_to_look(body: Target, when: datetime, lat: float, lon: float) -> SkyPosition:
    """Altitude/azimuth (degrees) of `body` and of the Sun from one place (WGS84, degrees)."""
    _check_place(lat, lon)
    key = key_of(body)
    target = observable(key)
    t = skyfield_time(when)
    eph = kernel()
    observer = eph["earth"] + wgs84.latlon(lat, lon)
    try:
        here = observer.at(t)
        alt, az, _ = here.observe(target).apparent().altaz()
        sun_alt, _, _ = here.observe(eph["sun"]).apparent().altaz()
    except EphemerisRangeError as exc:
        raise SkyError(str(exc)) from None
    return _position(name_of(key), lat, lon, alt.degrees, az.degrees, sun_alt.degrees)


@functools.lru_cache(maxsize=_VECTOR_CACHE_SIZE)
def _geocentric_itrs_km(key, when: datetime) -> np.ndarray:
    """Apparent geocentric position of target `key` at UTC `when`, Earth-fixed frame, km."""
    t = skyfield_time(when)
    eph = kernel()
    try:
        apparent = eph["earth"].at(t).observe(observable(key)).apparent()
    except EphemerisRangeError as exc:
        raise SkyError(str(exc)) from None
    vector = apparent.frame_xyz(itrs).km
    if isinstance(key, FixedTarget):
        # A Star is a gigaparsec away; put it at its distance so parallax is right (tiny).
        vector = vector * (key.distance_km / np.linalg.norm(vector))
    vector.setflags(write=False)  # one array shared by every caller through the cache
    return vector


def _altaz_many(
    geocentric_km: np.ndarray, lat_rad: np.ndarray, lon_rad: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    # skyfield's observe() cannot broadcast over observers, so take the geocentric apparent
    # vector once and shift it to each observer.  Subtracting the observer's position gives the
    # parallax exactly (~1" for Saturn at 9.7 AU, ~1° for the Moon); what remains is the
    # observer's own light-time (< 22 ms) and diurnal aberration (< 0.33"), so the result agrees
    # with skyfield's topocentric path to about 0.0001° for every body in TARGET_BODIES.
    sin_lat, cos_lat = np.sin(lat_rad), np.cos(lat_rad)
    sin_lon, cos_lon = np.sin(lon_rad), np.cos(lon_rad)
    n = _WGS84_A_KM / np.sqrt(1.0 - _WGS84_E2 * sin_lat**2)
    observer = np.stack(
        [n * cos_lat * cos_lon, n * cos_lat * sin_lon, n * (1.0 - _WGS84_E2) * sin_lat]
    )
    v = geocentric_km[:, np.newaxis] - observer
    up = v[0] * cos_lat * cos_lon + v[1] * cos_lat * sin_lon + v[2] * sin_lat
    east = -v[0] * sin_lon + v[1] * cos_lon
    north = -v[0] * sin_lat * cos_lon - v[1] * sin_lat * sin_lon + v[2] * cos_lat
    alt = np.degrees(np.arctan2(up, np.hypot(east, north)))
    az = np.degrees(np.arctan2(east, north)) % 360.0
    return alt, az


def _coordinate_arrays(
    lats: Sequence[float], lons: Sequence[float]
) -> tuple[np.ndarray, np.ndarray]:
    lat_arr = np.asarray(lats, dtype=float).reshape(-1)
    lon_arr = np.asarray(lons, dtype=float).reshape(-1)
    if lat_arr.shape != lon_arr.shape:
        raise SkyError(f"{lat_arr.size} latitudes but {lon_arr.size} longitudes")
    if not (np.isfinite(lat_arr).all() and np.isfinite(lon_arr).all()):
        raise SkyError("latitudes and longitudes must be finite")
    if (np.abs(lat_arr) > 90.0).any():
        raise SkyError("latitudes must be between -90 and 90 degrees")
    return lat_arr, lon_arr


def where_to_look_many(
    body: Target, when: datetime, lats: Sequence[float], lons: Sequence[float]
) -> list[SkyPosition]:
    """`where_to_look` for many places at one instant, vectorised (degrees)."""
    lat_arr, lon_arr = _coordinate_arrays(lats, lons)
    instant = utc_instant(when)
    key = key_of(body)
    target_km = _geocentric_itrs_km(key, instant)
    sun_km = _geocentric_itrs_km(_SUN, instant)
    if lat_arr.size == 0:
        return []
    lat_rad, lon_rad = np.radians(lat_arr), np.radians(lon_arr)
    alt, az = _altaz_many(target_km, lat_rad, lon_rad)
    sun_alt, _ = _altaz_many(sun_km, lat_rad, lon_rad)
    name = name_of(key)
    return [
        _position(name, la, lo, a, z, s)
        for la, lo, a, z, s in zip(
            lat_arr.tolist(),
            lon_arr.tolist(),
            alt.tolist(),
            az.tolist(),
            sun_alt.tolist(),
            strict=True,
        )
    ]


def altitudes_many(
    body: Target, when: datetime, lats: Sequence[float], lons: Sequence[float]
) -> np.ndarray:
    """Altitudes (degrees) of `body` for many places at one instant: numbers only, no objects.

    The cheap first pass when only a few of thousands of places will be shown.
    """
    lat_arr, lon_arr = _coordinate_arrays(lats, lons)
    vector = _geocentric_itrs_km(key_of(body), utc_instant(when))
    altitude, _ = _altaz_many(vector, np.radians(lat_arr), np.radians(lon_arr))
    return altitude


def up_during(
    body: Target, start: datetime, end: datetime, lats: Sequence[float], lons: Sequence[float]
) -> list[UpDuring]:
    """For many places: the body's altitude at `start` and at `end`, vectorised (degrees)."""
    start_alt = altitudes_many(body, start, lats, lons)
    end_alt = altitudes_many(body, end, lats, lons)
    return [UpDuring(a, b) for a, b in zip(start_alt.tolist(), end_alt.tolist(), strict=True)]


def sub_body_point(body: Target, when: datetime) -> tuple[float, float]:
    """Geodetic latitude and longitude (degrees, longitude −180..180) with `body` at the zenith."""
    return _sub_point(key_of(body), utc_instant(when))


@functools.lru_cache(maxsize=_VECTOR_CACHE_SIZE)
def _sub_point(key, when: datetime) -> tuple[float, float]:
    target = observable(key)
    t = skyfield_time(when)
    try:
        apparent = kernel()["earth"].at(t).observe(target).apparent()
    except EphemerisRangeError as exc:
        raise SkyError(str(exc)) from None
    # subpoint_of() picks the surface point whose ellipsoid normal passes through the body:
    # exactly where it stands at the zenith, even for the nearby Moon.
    point = wgs84.subpoint_of(apparent)
    return float(point.latitude.degrees), float(point.longitude.degrees)


def distance_and_light_time(body: Target, when: datetime) -> BodyDistance:
    """Distance (km, miles, AU) and one-way light time for light from `body` reaching Earth."""
    return _distance(key_of(body), utc_instant(when))


@functools.lru_cache(maxsize=_VECTOR_CACHE_SIZE)
def _distance(key, when: datetime) -> BodyDistance:
    t = skyfield_time(when)
    if isinstance(key, FixedTarget):
        km, light_time = key.distance_km, fixed_light_time(key)
    else:
        try:
            astrometric = kernel()["earth"].at(t).observe(observable(key))
        except EphemerisRangeError as exc:
            raise SkyError(str(exc)) from None
        # The light-time-corrected (astrometric) distance: the path the light travelled.
        km = float(astrometric.distance().km)
        light_time = timedelta(days=float(astrometric.light_time))
    return BodyDistance(
        body=name_of(key),
        km=km,
        miles=km / KM_PER_MILE,
        au=km / KM_PER_AU,
        light_time=light_time,
    )


def _left_earth(target: VectorFunction | FixedTarget, at_body: datetime) -> datetime:
    t = skyfield_time(at_body)
    if isinstance(target, FixedTarget):
        tau_days = fixed_light_time(target) / timedelta(days=1)
    else:
        try:
            tau_days = float(target.at(t).observe(kernel()["earth"]).light_time)
        except EphemerisRangeError as exc:
            raise SkyError(str(exc)) from None
    # Subtract on the TT scale, not on the datetime, so a leap second inside the light time
    # cannot shift the answer by a second.
    return round_to_second(to_datetime(timescale().tt_jd(t.tt - tau_days)))


def earth_window_from_camera(
    body: Target, camera_start: datetime, camera_end: datetime
) -> tuple[datetime, datetime]:
    """UTC instants (to the second) when the light the camera at `body` recorded left Earth.

    For a table the light time comes from the table's own positions; for a fixed direction
    it is the distance over c."""
    key = key_of(body)
    target = key if isinstance(key, FixedTarget) else observable(key)
    start_t, end_t = skyfield_time(camera_start), skyfield_time(camera_end)
    if end_t.tt < start_t.tt:
        raise SkyError(_("camera window ends before it starts"))
    return _left_earth(target, camera_start), _left_earth(target, camera_end)


def facing_places(
    body: Target,
    when: datetime,
    places: Sequence[tuple[str, float, float]],
    limit: int = 5,
) -> list[FacingPlace]:
    """Up to `limit` of the (name, lat, lon) places that see `body`, highest altitude first."""
    if limit < 0:
        raise SkyError(f"limit must not be negative, got {limit}")
    places = list(places)
    positions = where_to_look_many(body, when, [p[1] for p in places], [p[2] for p in places])
    facing = [
        FacingPlace(name=name, latitude_deg=float(lat), longitude_deg=float(lon), position=pos)
        for (name, lat, lon), pos in zip(places, positions, strict=True)
        if pos.faces_camera
    ]
    facing.sort(key=lambda f: f.position.altitude_deg, reverse=True)
    return facing[:limit]
