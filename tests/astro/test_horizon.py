"""The horizon picture and the target's day at a place, checked against events.astro.sky
(skyfield's own topocentric path) and against PyEphem, an independent ephemeris."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import ephem  # test-only (requirements-dev.txt): an independent ephemeris
import pytest

from events.astro import horizon, riseset, sky

SATURN = "saturn barycenter"
# The Cassini wave, 19 July 2013 (the window as seen from Earth).
START = datetime(2013, 7, 19, 21, 27, tzinfo=UTC)
END = datetime(2013, 7, 19, 21, 42, tzinfo=UTC)
BOULDER = (40.015, -105.27, ZoneInfo("America/Denver"))
PARIS = (48.857, 2.352, ZoneInfo("Europe/Paris"))
TOKYO = (35.68, 139.69, ZoneInfo("Asia/Tokyo"))
SVG = "{http://www.w3.org/2000/svg}"


def _angle_diff(a: float, b: float) -> float:
    return abs((a - b + 180.0) % 360.0 - 180.0)


def _drawn(svg: str) -> dict[str, tuple[float, float]]:
    """(azimuth, altitude) of every body drawn, read back through the picture's own scales:
    the x of the "N" label is azimuth 0, one unit is one degree; the horizon line is 0° and
    the lower grid line 30°."""
    root = ET.fromstring(svg)
    north_x = next(float(t.get("x")) for t in root.iter(f"{SVG}text") if t.text == "N")
    horizon_y = float(root.find(f".//{SVG}line[@class='horizon-line']").get("y1"))
    grid_y = max(
        float(line.get("y1")) for line in root.iter(f"{SVG}line") if "grid" in line.get("class")
    )
    per_degree = (horizon_y - grid_y) / 30.0
    drawn = {}
    for circle in root.iter(f"{SVG}circle"):
        x, y = float(circle.get("cx")), float(circle.get("cy"))
        name = circle.get("class").split()[-1 if "target" in circle.get("class") else 0]
        drawn[name.removeprefix("horizon-")] = ((x - north_x) % 360.0, (horizon_y - y) / per_degree)
    return drawn


@pytest.mark.parametrize("place", [BOULDER, PARIS], ids=["Boulder", "Paris"])
def test_the_picture_puts_each_body_where_the_sky_module_says(place) -> None:
    lat, lon, zone = place
    view = horizon.horizon_view(SATURN, START, END, lat, lon, zone)
    drawn = _drawn(view.svg)
    expected = {
        "target-start": sky.where_to_look(SATURN, START, lat, lon),
        "target-end": sky.where_to_look(SATURN, END, lat, lon),
        "sun": sky.where_to_look("sun", START, lat, lon),
        "moon": sky.where_to_look("moon", START, lat, lon),
    }
    for name, position in expected.items():
        if name == "moon" and not position.is_above_horizon:
            assert "moon" not in drawn  # the Moon is drawn only when up
            continue
        azimuth, altitude = drawn[name]
        assert _angle_diff(azimuth, position.azimuth_deg) < 0.5, name
        assert abs(altitude - position.altitude_deg) < 0.5, name
    # The target is in the middle: the view faces it.
    assert _angle_diff(view.centre_azimuth_deg, expected["target-start"].azimuth_deg) < 3


def test_the_numbers_from_boulder_and_paris() -> None:
    boulder = horizon.horizon_view(SATURN, START, END, *BOULDER)
    paris = horizon.horizon_view(SATURN, START, END, *PARIS)
    # Boulder: mid-afternoon, Saturn low in the east-south-east, the Sun high.
    assert boulder.text == (
        "At 15:27 MDT Saturn is 15° up in the east-south-east (azimuth 119°); by 15:42 it is "
        "18° up in the east-south-east (azimuth 122°). At 15:27 the Sun is 55° up in the "
        "west-south-west; the Moon is below the horizon."
    )
    # Paris: late evening, the Sun in the ground band (twilight), the Moon up in the south.
    assert paris.text == (
        "At 23:27 CEST Saturn is 17° up in the south-west (azimuth 230°); by 23:42 it is 15° "
        "up in the south-west (azimuth 233°). At 23:27 the Sun is 13° below the horizon, "
        "towards the north-west; the Moon is 20° up in the south."
    )
    assert "sun" in _drawn(paris.svg)


def test_the_text_says_the_same_numbers_as_the_sky_module() -> None:
    lat, lon, zone = PARIS
    view = horizon.horizon_view(SATURN, START, END, lat, lon, zone)
    for when in (START, END):
        position = sky.where_to_look(SATURN, when, lat, lon)
        assert f"{round(position.altitude_deg)}° up in the {position.compass}" in view.text
        assert f"(azimuth {round(position.azimuth_deg)}°)" in view.text


def test_a_target_far_below_the_horizon_sits_on_the_ground_band_edge() -> None:
    view = horizon.horizon_view(SATURN, START, END, *TOKYO)
    assert view.start.is_below_ground_band
    assert view.start.y == horizon.GROUND_Y
    assert "Saturn is 65° below the horizon, towards the north-north-east" in view.text
    assert 'class="horizon-deeper"' in view.svg


def test_the_svg_is_valid_small_and_labelled() -> None:
    view = horizon.horizon_view(SATURN, START, END, *PARIS)
    root = ET.fromstring(view.svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label") == view.title
    assert root.find(f"{SVG}title").text == view.title
    assert root.find(f"{SVG}desc").text == view.text
    assert sum(1 for _ in root.iter()) < 60
    assert len(view.svg) < 5000
    assert "style=" not in view.svg  # the CSP forbids inline styles
    # Deterministic: the same inputs draw the same bytes.
    assert horizon.horizon_view(SATURN, START, END, *PARIS).svg == view.svg


def test_azimuths_wrap_around_the_back_of_the_panorama() -> None:
    assert horizon.x_of(350.0, 10.0) == 160.0
    assert horizon.x_of(10.0, 350.0) == 200.0
    assert horizon.x_of(190.0, 10.0) == 0.0  # straight behind: the left edge
    assert horizon.y_of(90.0) == horizon.ZENITH_Y
    assert horizon.y_of(-70.0) == horizon.GROUND_Y


# --- rising, culmination and setting -----------------------------------------------------


def _ephem_observer(lat: float, lon: float, when: datetime) -> ephem.Observer:
    observer = ephem.Observer()
    observer.lat, observer.lon = str(lat), str(lon)
    observer.elevation = 0
    observer.date = ephem.Date(when.replace(tzinfo=None))
    return observer


def _ephem_time(value) -> datetime:
    return ephem.Date(value).datetime().replace(tzinfo=UTC)


@pytest.mark.parametrize("place", [BOULDER, PARIS], ids=["Boulder", "Paris"])
@pytest.mark.parametrize(("body", "ephem_body"), [(SATURN, ephem.Saturn), ("sun", ephem.Sun)])
def test_rise_transit_set_agree_with_pyephem(place, body, ephem_body) -> None:
    lat, lon, zone = place
    day = START.astimezone(zone).date()
    ours = riseset.rise_transit_set(body, lat, lon, day, zone)
    midnight = datetime.combine(day, datetime.min.time(), tzinfo=zone).astimezone(UTC)
    rise = _ephem_time(_ephem_observer(lat, lon, midnight).next_rising(ephem_body()))
    assert rise.astimezone(zone).date() == day
    # The culmination and setting of the same pass: the next ones after the rising.
    transit = _ephem_time(_ephem_observer(lat, lon, rise).next_transit(ephem_body()))
    setting = _ephem_time(_ephem_observer(lat, lon, rise).next_setting(ephem_body()))
    for ours_at, theirs in ((ours.rise, rise), (ours.transit, transit), (ours.set, setting)):
        assert ours_at is not None
        assert abs((ours_at - theirs).total_seconds()) < 120, (ours_at, theirs)


def test_the_window_day_from_boulder_and_paris() -> None:
    boulder = riseset.day_at_place(SATURN, START, END, *BOULDER)
    assert boulder.target.day == date(2013, 7, 19)
    assert not boulder.is_after_dark and boulder.daylight == "day"
    # Saturn is 37° up at sunset: visible after dark that evening.
    assert boulder.is_up_after_sunset
    paris = riseset.day_at_place(SATURN, START, END, *PARIS)
    assert paris.is_after_dark and paris.sun_depth_deg == 13
    # 19 July in Paris: Saturn rises in the afternoon and sets after midnight.
    assert [name for name, _ in paris.target.events] == ["rises", "culminates", "sets"]
    assert paris.target.set.astimezone(PARIS[2]).date() == date(2013, 7, 20)


def test_a_day_that_is_23_hours_long_is_the_local_day() -> None:
    # 31 March 2013, Paris: clocks go forward; the day runs 23:00 UTC to 22:00 UTC.
    zone = ZoneInfo("Europe/Paris")
    day = riseset.rise_transit_set("sun", *PARIS[:2], date(2013, 3, 31), zone)
    for _, at in day.events:  # the Sun rises, culminates and sets within the local day
        assert at.astimezone(zone).date() == date(2013, 3, 31)
    assert day.rise.astimezone(zone).hour == 7  # 07:2x CEST, not 06:2x


@pytest.mark.parametrize(
    ("body", "lat", "lon", "always_up", "ephem_body"),
    [
        ("sun", 78.22, 15.65, True, ephem.Sun),  # Longyearbyen in July: midnight sun
        ("sun", -77.85, 166.67, False, ephem.Sun),  # McMurdo in July: polar night
        (SATURN, 85.0, 0.0, False, ephem.Saturn),  # Saturn at −11° never clears 85° N
    ],
)
def test_bodies_that_neither_rise_nor_set(body, lat, lon, always_up, ephem_body) -> None:
    day = riseset.rise_transit_set(body, lat, lon, date(2013, 7, 19), UTC)
    assert day.rise is None and day.set is None
    assert day.is_always_up is always_up
    assert day.is_never_up is not always_up
    assert day.transit is not None
    assert (day.transit_altitude_deg > 0) is always_up
    expected = ephem.AlwaysUpError if always_up else ephem.NeverUpError
    with pytest.raises(expected):
        _ephem_observer(lat, lon, datetime(2013, 7, 19, tzinfo=UTC)).next_rising(ephem_body())


def test_a_bad_place_or_date_is_a_sky_error() -> None:
    with pytest.raises(sky.SkyError):
        riseset.rise_transit_set(SATURN, 91.0, 0.0, date(2013, 7, 19), UTC)
    with pytest.raises(sky.SkyError):
        riseset.rise_transit_set(SATURN, 0.0, 0.0, date(2200, 1, 1), UTC)
    with pytest.raises(sky.SkyError):
        horizon.horizon_view(SATURN, START.replace(tzinfo=None), END, 0.0, 0.0)
