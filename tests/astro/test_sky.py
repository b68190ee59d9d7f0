"""Facts about real events pinned against events.sky (skyfield + de421, no network, no DB)."""

from __future__ import annotations

import math
import threading
from datetime import UTC, datetime, timedelta, timezone

import ephem  # test-only (requirements-dev.txt): an independent ephemeris
import pytest

from events.astro import ephemeris, sky

SATURN = "saturn barycenter"
WAVE_START = datetime(2013, 7, 19, 21, 27, tzinfo=UTC)
CAMERA_START = datetime(2013, 7, 19, 22, 47, 13, tzinfo=UTC)
CAMERA_END = datetime(2013, 7, 19, 23, 1, 56, tzinfo=UTC)
TORONTO = (43.65, -79.38)
# Close to the antipode of the sub-Saturn point (10.9° S, 46.1° W) at WAVE_START.
FAR_SIDE = (10.9, 133.9)


def _angle_diff(a: float, b: float) -> float:
    return abs((a - b + 180.0) % 360.0 - 180.0)


def _separation(one: sky.SkyPosition, two: sky.SkyPosition) -> float:
    """Angle on the sky between two alt/az directions, degrees."""
    # Raw azimuth differences blow up near the zenith and nadir, where azimuth means little.
    a1, a2 = math.radians(one.altitude_deg), math.radians(two.altitude_deg)
    dz = math.radians(one.azimuth_deg - two.azimuth_deg)
    cos_sep = math.sin(a1) * math.sin(a2) + math.cos(a1) * math.cos(a2) * math.cos(dz)
    return math.degrees(math.acos(min(1.0, max(-1.0, cos_sep))))


def test_cassini_2013_wave_window_from_camera_window() -> None:
    start, end = sky.earth_window_from_camera(SATURN, CAMERA_START, CAMERA_END)
    assert abs((start - WAVE_START).total_seconds()) <= 60
    assert abs((end - datetime(2013, 7, 19, 21, 42, tzinfo=UTC)).total_seconds()) <= 60
    # The reference computation with skyfield and de421.
    assert start == datetime(2013, 7, 19, 21, 26, 54, tzinfo=UTC)
    assert end == datetime(2013, 7, 19, 21, 41, 37, tzinfo=UTC)
    assert start.utcoffset() == timedelta(0) and start.microsecond == 0


def test_camera_window_accepts_other_time_zones_and_rejects_reversed() -> None:
    eastern = timezone(timedelta(hours=-4))
    start, end = sky.earth_window_from_camera(
        SATURN, CAMERA_START.astimezone(eastern), CAMERA_END.astimezone(eastern)
    )
    assert start == datetime(2013, 7, 19, 21, 26, 54, tzinfo=UTC)
    assert end == datetime(2013, 7, 19, 21, 41, 37, tzinfo=UTC)
    assert start.tzinfo == UTC
    with pytest.raises(sky.SkyError):
        sky.earth_window_from_camera(SATURN, CAMERA_END, CAMERA_START)


def test_saturn_distance_and_light_time_2013() -> None:
    d = sky.distance_and_light_time(SATURN, WAVE_START)
    assert 1.444e9 < d.km < 1.446e9
    assert d.miles == pytest.approx(d.km / 1.609344)
    assert d.au == pytest.approx(9.657, abs=0.001)
    assert 79.5 < d.light_minutes < 81.0
    assert d.body == "Saturn"


def test_mercury_distance_for_messenger_2013() -> None:
    d = sky.distance_and_light_time("mercury", datetime(2013, 7, 19, 12, 38, tzinfo=UTC))
    assert 9.0e7 < d.km < 1.05e8
    assert 5.3 < d.light_minutes < 5.7


def test_sub_saturn_point_2013() -> None:
    lat, lon = sky.sub_body_point(SATURN, WAVE_START)
    assert lat == pytest.approx(-10.9, abs=0.3)
    assert lon == pytest.approx(-46.1, abs=0.3)
    # Standing on that point puts Saturn at the zenith: catches a sign slip in either angle.
    assert sky.where_to_look(SATURN, WAVE_START, lat, lon).altitude_deg > 89.9


def test_sub_moon_point_has_the_moon_overhead() -> None:
    lat, lon = sky.sub_body_point("moon", WAVE_START)
    assert sky.where_to_look("moon", WAVE_START, lat, lon).altitude_deg > 89.9


def test_sub_point_longitude_is_in_minus_180_to_180() -> None:
    for hour in range(0, 24, 3):
        _, lon = sky.sub_body_point(SATURN, datetime(2013, 7, 19, hour, tzinfo=UTC))
        assert -180.0 <= lon <= 180.0


def test_toronto_sees_saturn_in_daylight_2013() -> None:
    pos = sky.where_to_look(SATURN, WAVE_START, *TORONTO)
    assert pos.is_above_horizon is True
    assert pos.faces_camera is True
    # skyfield says 27.63° at azimuth 142.55°.
    assert 15 < pos.altitude_deg < 35
    assert pos.altitude_deg == pytest.approx(27.63, abs=0.5)
    assert pos.azimuth_deg == pytest.approx(142.55, abs=1.0)
    assert pos.compass == "south-east"
    assert pos.sun_altitude_deg > 0
    assert pos.daylight == "day"
    assert pos.describe() == "28° above the horizon, south-east (azimuth 143°)"


def test_far_side_of_earth_is_turned_away() -> None:
    pos = sky.where_to_look(SATURN, WAVE_START, *FAR_SIDE)
    assert pos.altitude_deg < -85
    assert pos.is_above_horizon is False
    assert pos.faces_camera is False
    text = pos.describe()
    assert text.startswith("below the horizon (\u221290°)")
    assert "turned away from the camera" in text


@pytest.mark.parametrize("body", [SATURN, "moon", "sun"])
def test_vectorised_agrees_with_skyfield_topocentric(body: str) -> None:
    # The Moon's ~1° parallax shows whether the vectorised path really shifts to the observer.
    lats = [89.9, -89.5, 85.0, -80.0, 0.0, *TORONTO[:1], FAR_SIDE[0], -33.87]
    lons = [0.0, 120.0, -45.0, 170.0, -179.9, *TORONTO[1:], FAR_SIDE[1], 151.21]
    many = sky.where_to_look_many(body, WAVE_START, lats, lons)
    assert len(many) == len(lats)
    for lat, lon, vec in zip(lats, lons, many, strict=True):
        one = sky.where_to_look(body, WAVE_START, lat, lon)
        assert abs(one.altitude_deg - vec.altitude_deg) < 0.05
        assert abs(one.sun_altitude_deg - vec.sun_altitude_deg) < 0.05
        assert _separation(one, vec) < 0.05
        if abs(one.altitude_deg) < 80:
            assert _angle_diff(one.azimuth_deg, vec.azimuth_deg) < 0.05
        assert (one.compass, one.daylight, one.faces_camera) == (
            vec.compass,
            vec.daylight,
            vec.faces_camera,
        )


def test_vectorised_returns_plain_python_values() -> None:
    (pos,) = sky.where_to_look_many(SATURN, WAVE_START, [TORONTO[0]], [TORONTO[1]])
    assert type(pos.altitude_deg) is float
    assert type(pos.is_above_horizon) is bool
    assert type(pos.faces_camera) is bool
    assert sky.where_to_look_many(SATURN, WAVE_START, [], []) == []


def test_vectorised_rejects_mismatched_or_bad_coordinates() -> None:
    with pytest.raises(sky.SkyError):
        sky.where_to_look_many(SATURN, WAVE_START, [1.0, 2.0], [3.0])
    with pytest.raises(sky.SkyError):
        sky.where_to_look_many(SATURN, WAVE_START, [91.0], [0.0])
    with pytest.raises(sky.SkyError):
        sky.where_to_look(SATURN, WAVE_START, float("nan"), 0.0)


@pytest.mark.parametrize(
    ("azimuth", "name"),
    [
        (0, "north"),
        (11.2499, "north"),
        (11.25, "north-north-east"),
        (22.5, "north-north-east"),
        (45, "north-east"),
        (90, "east"),
        (112, "east-south-east"),
        (135, "south-east"),
        (157.5, "south-south-east"),
        (180, "south"),
        (270, "west"),
        (348.74, "north-north-west"),
        (348.75, "north"),
        (359, "north"),
        (360, "north"),
        (-90, "west"),
    ],
)
def test_compass_point(azimuth: float, name: str) -> None:
    assert sky.compass_point(azimuth) == name


def test_compass_point_has_sixteen_distinct_names() -> None:
    names = [sky.compass_point(i * 22.5) for i in range(16)]
    assert len(set(names)) == 16
    assert names[4] == "east" and names[12] == "west"


@pytest.mark.parametrize(
    ("sun_alt", "name"),
    [
        (10.0, "day"),
        (-0.5, "day"),
        (-1.0, "civil twilight"),
        (-6.5, "nautical twilight"),
        (-12.5, "astronomical twilight"),
        (-18.5, "night"),
    ],
)
def test_daylight_thresholds(sun_alt: float, name: str) -> None:
    assert sky.daylight_name(sun_alt) == name


def test_naive_datetime_is_rejected() -> None:
    with pytest.raises(sky.SkyError, match="naive"):
        naive = datetime(2013, 7, 19, 21, 27)  # noqa: DTZ001 - the naive input is the point
        sky.where_to_look(SATURN, naive, *TORONTO)


@pytest.mark.parametrize("year", [1850, 2100])
def test_dates_outside_de421_are_a_domain_error(year: int) -> None:
    when = datetime(year, 1, 1, tzinfo=UTC)
    with pytest.raises(sky.SkyError, match="de421"):
        sky.where_to_look(SATURN, when, *TORONTO)
    with pytest.raises(sky.SkyError):
        sky.where_to_look_many(SATURN, when, [0.0], [0.0])
    with pytest.raises(sky.SkyError):
        sky.distance_and_light_time(SATURN, when)
    with pytest.raises(sky.SkyError):
        sky.earth_window_from_camera(SATURN, when, when)


def test_bodies_resolve_and_earth_is_refused() -> None:
    for key in sky.TARGET_BODIES:
        assert sky.distance_and_light_time(key, WAVE_START).km > 0
    assert sky.body_display_name("Saturn") == "Saturn"
    assert sky.body_display_name(SATURN) == "Saturn"
    assert sky.body_display_name("the Moon") == "Moon"
    for bad in ("earth", "earth barycenter", "solar system barycenter", "vulcan"):
        with pytest.raises(sky.SkyError):
            sky.distance_and_light_time(bad, WAVE_START)


def test_facing_places_highest_first_and_only_facing() -> None:
    places = [
        ("Toronto", *TORONTO),
        ("Far side", *FAR_SIDE),
        ("Rio de Janeiro", -22.91, -43.17),
        ("Lisbon", 38.72, -9.14),
        ("Tokyo", 35.68, 139.69),
    ]
    facing = sky.facing_places(SATURN, WAVE_START, places, limit=10)
    names = [f.name for f in facing]
    # Rio is ~13° from the sub-Saturn point, so Saturn stands near its zenith.
    assert names[0] == "Rio de Janeiro"
    assert sorted(names) == ["Lisbon", "Rio de Janeiro", "Toronto"]
    alts = [f.position.altitude_deg for f in facing]
    assert alts == sorted(alts, reverse=True)
    assert all(f.position.faces_camera for f in facing)
    assert len(sky.facing_places(SATURN, WAVE_START, places, limit=1)) == 1


# --- an independent check: PyEphem (VSOP87/ELP, its own time scales) ------------------------

CROSS_CHECK_PLACES = {
    "Toronto": (43.65, -79.38),
    "Sydney": (-33.87, 151.21),
    "London": (51.51, -0.13),
    "Rio de Janeiro": (-22.91, -43.17),
    "Tromsø": (69.65, 18.96),
    "Honolulu": (21.31, -157.86),
    "Cape Town": (-33.92, 18.42),
}
CROSS_CHECK_CASES = {
    "saturn-2013": (SATURN, "Saturn", WAVE_START),
    "mercury-2013": ("mercury", "Mercury", datetime(2013, 7, 19, 12, 38, tzinfo=UTC)),
    "moon-2013": ("moon", "Moon", WAVE_START),
    "mars-2030": ("mars barycenter", "Mars", datetime(2030, 1, 1, 6, 0, tzinfo=UTC)),
}
SPEED_OF_LIGHT_KM_S = 299_792.458


def _pyephem(body_class: str, when: datetime, lat: float = 0.0, lon: float = 0.0):
    observer = ephem.Observer()
    observer.lat, observer.lon = str(lat), str(lon)
    observer.elevation = 0
    observer.pressure = 0  # no refraction: skyfield's altitudes here are geometric too
    observer.date = ephem.Date(when.astimezone(UTC).replace(tzinfo=None))
    return getattr(ephem, body_class)(observer), ephem.Sun(observer)


@pytest.mark.parametrize("case", CROSS_CHECK_CASES.values(), ids=CROSS_CHECK_CASES.keys())
@pytest.mark.parametrize("place", CROSS_CHECK_PLACES.values(), ids=CROSS_CHECK_PLACES.keys())
def test_altitude_azimuth_and_sun_agree_with_pyephem(case, place) -> None:
    body, body_class, when = case
    lat, lon = place
    theirs, their_sun = _pyephem(body_class, when, lat, lon)
    ours = sky.where_to_look(body, when, lat, lon)
    (vectorised,) = sky.where_to_look_many(body, when, [lat], [lon])
    for position in (ours, vectorised):
        assert position.altitude_deg == pytest.approx(math.degrees(theirs.alt), abs=0.1)
        assert _angle_diff(position.azimuth_deg, math.degrees(theirs.az)) < 0.1
        assert position.sun_altitude_deg == pytest.approx(math.degrees(their_sun.alt), abs=0.1)


@pytest.mark.parametrize(
    "case",
    [case for key, case in CROSS_CHECK_CASES.items() if key != "moon-2013"],
    ids=[key for key in CROSS_CHECK_CASES if key != "moon-2013"],
)
def test_distance_and_light_time_agree_with_pyephem(case) -> None:
    # The Moon is left out: PyEphem gives its distance from the observer, not Earth's centre.
    body, body_class, when = case
    theirs, _ = _pyephem(body_class, when)
    their_km = theirs.earth_distance * sky.KM_PER_AU
    ours = sky.distance_and_light_time(body, when)
    assert ours.km == pytest.approx(their_km, rel=1e-4)
    assert ours.light_time.total_seconds() == pytest.approx(their_km / SPEED_OF_LIGHT_KM_S, abs=1.0)


# --- loading and caching ------------------------------------------------------------------


def test_the_ephemeris_is_one_object_for_every_thread() -> None:
    found = []
    threads = [threading.Thread(target=lambda: found.append(ephemeris.kernel())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(kernel is found[0] for kernel in found)


def test_one_more_place_reuses_the_geocentric_vector() -> None:
    when = WAVE_START + timedelta(seconds=17)  # an instant no other test uses
    before = sky._geocentric_itrs_km.cache_info().misses
    sky.where_to_look_many(SATURN, when, [0.0], [0.0])
    sky.where_to_look_many(SATURN, when, [45.0, -45.0], [10.0, 20.0])
    # Two bodies (the target and the Sun), computed once each for both calls.
    assert sky._geocentric_itrs_km.cache_info().misses - before == 2
    with pytest.raises(ValueError, match="read-only"):
        sky._geocentric_itrs_km(ephemeris.body_code(SATURN), when)[0] = 0.0


# --- up or down during a window, many places at once ----------------------------------------


def test_up_during_says_up_down_rises_and_sets() -> None:
    assert sky.UpDuring(20.0, 25.0).state == "up"
    assert sky.UpDuring(-20.0, -25.0).state == "down"
    assert sky.UpDuring(-1.0, 2.0).state == "rises"
    assert sky.UpDuring(1.0, -2.0).state == "sets"
    assert sky.UpDuring(-1.0, 2.0).is_up_at_some_point
    assert not sky.UpDuring(-1.0, -2.0).is_up_at_some_point


def test_up_during_matches_where_to_look_at_both_ends() -> None:
    end = WAVE_START + timedelta(minutes=15)
    lats, lons = [TORONTO[0], FAR_SIDE[0], -33.87], [TORONTO[1], FAR_SIDE[1], 151.21]
    ups = sky.up_during(SATURN, WAVE_START, end, lats, lons)
    assert [up.state for up in ups] == ["up", "down", "down"]
    for up, lat, lon in zip(ups, lats, lons, strict=True):
        assert up.start_altitude_deg == pytest.approx(
            sky.where_to_look(SATURN, WAVE_START, lat, lon).altitude_deg, abs=0.01
        )
        assert up.end_altitude_deg == pytest.approx(
            sky.where_to_look(SATURN, end, lat, lon).altitude_deg, abs=0.01
        )


def test_up_during_refuses_bad_input() -> None:
    end = WAVE_START + timedelta(minutes=15)
    with pytest.raises(sky.SkyError):
        sky.up_during("vulcan", WAVE_START, end, [0.0], [0.0])
    with pytest.raises(sky.SkyError):
        sky.up_during(SATURN, WAVE_START, end, [91.0], [0.0])
    with pytest.raises(sky.SkyError):
        sky.up_during(SATURN, WAVE_START, end, [0.0, 1.0], [0.0])
    with pytest.raises(sky.SkyError):
        sky.up_during(SATURN, datetime(2100, 1, 1, tzinfo=UTC), end, [0.0], [0.0])
