"""events.astro.skymap: the server-drawn world map (no database)."""

import json
import math
import re
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

import numpy as np
import pytest
from django.template.loader import render_to_string

from events.astro import sky, skymap
from events.models import Event

SATURN = "saturn barycenter"
WAVE_START = datetime(2013, 7, 19, 21, 27, tzinfo=UTC)
WAVE_END = WAVE_START + timedelta(minutes=15)


def points_of(path: str) -> list[list[tuple[float, float]]]:
    """The rings of a path written by skymap._path (M x y, then relative steps), absolute."""
    rings = []
    for part in re.findall(r"M[^M]+", path):
        numbers = [int(n) for n in re.findall(r"-?\d+", part)]
        x, y = numbers[0], numbers[1]
        ring = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(ring)
    return rings


def inside(rings: list[list[tuple[float, float]]], x: float, y: float) -> bool:
    """Even-odd point-in-polygon over all rings."""
    crossings = 0
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


def map_xy(lat: float, lon: float) -> tuple[float, float]:
    return (lon + 180) * 10, (90 - lat) * 10


def test_land_file_is_plain_rings_inside_the_map():
    data = json.loads(skymap.LAND_FILE.read_text())
    assert "Natural Earth" in data["source"]
    assert len(data["rings"]) > 100
    for ring in data["rings"]:
        assert len(ring) % 2 == 0 and len(ring) >= 6
        assert all(-1800 <= value <= 1800 for value in ring[0::2])
        assert all(-900 <= value <= 900 for value in ring[1::2])
    assert (skymap.LAND_FILE.parent / "land-110m.LICENSE.md").exists()


@pytest.mark.parametrize(
    ("name", "lat", "lon", "is_land"),
    [
        ("Brasília", -15.8, -47.9, True),
        ("central Sahara", 23.0, 10.0, True),
        ("Chukotka, east of 180°", 66.0, -175.0, True),
        ("Siberia, west of 180°", 65.0, 170.0, True),
        ("Antarctica near the pole", -88.0, 0.0, True),
        ("mid-Atlantic", 0.0, -30.0, False),
        ("central Pacific", 0.0, -150.0, False),
        ("Indian Ocean", -20.0, 80.0, False),
    ],
)
def test_land_path_has_land_where_land_is(name, lat, lon, is_land):
    assert inside(points_of(skymap.land_path()), *map_xy(lat, lon)) is is_land


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(-10.9, -46.1), (23.4, 120.0), (-23.4, -170.0), (0.0, 45.0), (89.0, 0.0), (-5.0, 180.0)],
)
def test_hemisphere_boundary_is_ninety_degrees_from_its_centre(lat, lon):
    lons, lats = skymap.hemisphere_boundary(lat, lon)
    phi, lam = np.radians(lats), np.radians(lons)
    phi0, lam0 = math.radians(lat), math.radians(lon)
    cos_distance = np.sin(phi) * math.sin(phi0) + np.cos(phi) * math.cos(phi0) * np.cos(lam - lam0)
    if abs(lat) > 0.5:
        assert np.abs(cos_distance).max() < 1e-9
    assert lons[0] == -180.0 and lons[-1] == 180.0


@pytest.mark.parametrize(
    ("lat", "lon"), [(-10.9, -46.1), (23.4, 120.0), (0.0, 45.0), (-60.0, 170.0)]
)
def test_hemisphere_area_holds_its_centre_and_not_its_antipode(lat, lon):
    area, _ = skymap.hemisphere_paths(lat, lon)
    rings = points_of(area)
    assert inside(rings, *map_xy(lat, lon))
    anti_lon = (lon + 360) % 360 - 180
    assert not inside(rings, *map_xy(-lat, anti_lon))
    # A point 80° away along the meridian is in; 100° away is out.
    near = lat - 80 if lat > 0 else lat + 80
    assert inside(rings, *map_xy(near, lon))


def test_the_2013_map_faces_the_americas_and_shades_india_at_night():
    m = skymap.sky_map(SATURN, WAVE_START, WAVE_END)
    facing, night = points_of(m.facing_path), points_of(m.night_path)
    toronto, rio, delhi = map_xy(43.7, -79.4), map_xy(-22.9, -43.2), map_xy(28.6, 77.2)
    assert inside(facing, *toronto) and inside(facing, *rio) and not inside(facing, *delhi)
    # 21:27 UTC: afternoon in Toronto, 02:57 in Delhi.
    assert inside(night, *delhi) and not inside(night, *toronto)
    sub_x, sub_y = map_xy(-10.9, -46.1)
    assert abs(m.sub_point.x - sub_x) <= 5 and abs(m.sub_point.y - sub_y) <= 5
    assert m.sub_point.label == "10.9° S, 46.1° W"
    assert m.facing_edge_end_path and m.facing_edge_end_path != m.facing_edge_path


def test_participants_are_drawn_by_square_and_said_in_words():
    m = skymap.sky_map(
        SATURN,
        WAVE_START,
        place=(43.7, -79.4, "Toronto, Canada"),
        # Toronto and Hamilton share a 10° square; Tokyo has one of its own.
        participants=[(43.7, -79.4, 12), (43.3, -79.9, 3), (35.7, 139.7, 1), (48.9, 2.4, 0)],
    )
    assert sorted(mark.count for mark in m.participants) == [1, 15]
    by_count = {mark.count: mark for mark in m.participants}
    assert by_count[15].radius > by_count[1].radius
    # at the centre of the square: 40–50° N, 80–70° W
    assert (by_count[15].x, by_count[15].y) == map_xy(45, -75)
    # a square is named by where it is; what it shows of its count is its class
    assert (by_count[15].label, by_count[1].label) == ("45.0° N, 75.0° W", "35.0° N, 135.0° E")
    assert [(crowd.label, len(marks)) for crowd, marks in m.crowd_groups] == [
        ("10–99 people", 1),
        ("fewer than 10 people", 1),
    ]
    assert (m.participant_total, m.participants_facing) == (16, 15)
    assert m.place_faces is True
    assert (
        "Participants have signed up from 2 squares of 10° on the map (16 people); 15 of them "
        "are on the facing half. The most crowded square is around 45.0° N, 75.0° W "
        "(10–99 people)." in m.description
    )
    assert "Your place, Toronto, Canada, is on the half facing Saturn." in m.description


def test_the_map_does_not_grow_with_the_crowd():
    # 30,000 places all over the globe (one person each): one circle per 10° square.
    crowd = [(-89.5 + (n * 7) % 179, -179.5 + (n * 13) % 359, 1) for n in range(30_000)]
    m = skymap.sky_map(SATURN, WAVE_START, participants=crowd)
    assert len(m.participants) <= skymap.MAX_CELLS == 648
    assert m.participant_total == 30_000
    # the square edges: 90° N and 180° E fall in the last square, not a new one
    edges = skymap.sky_map(SATURN, WAVE_START, participants=[(90, 180, 1), (85, 175, 1)])
    assert [mark.count for mark in edges.participants] == [2]


def crowd_circles(svg: str) -> int:
    """The circles in the participants' group of a rendered map (includes/map.svg)."""
    group = re.search(r'<g class="map-participants".*?<g class="map-subpoint"', svg, re.S)
    return group.group(0).count("<circle") if group else 0


def test_the_drawn_map_has_one_circle_per_square_however_many_cities():
    # 30,000 cities, 2 to 9 people each: per city this would be 30,000 circles and a few MB.
    crowd = [(-55 + (n * 0.37) % 125, -180 + (n * 0.73) % 360, 2 + n % 8) for n in range(30_000)]
    squares = {skymap.cell_centre(lat, lon) for lat, lon, _ in crowd}
    m = skymap.sky_map(SATURN, WAVE_START, participants=crowd)
    svg = render_to_string("includes/map.svg", {"sky_map": m})
    assert crowd_circles(svg) == len(m.participants) == len(squares) <= skymap.MAX_CELLS
    ElementTree.fromstring(svg)  # well-formed XML: browsers show nothing of a broken SVG
    empty = render_to_string("includes/map.svg", {"sky_map": skymap.sky_map(SATURN, WAVE_START)})
    # every square of the world filled: still only one short element per square on top
    assert len(svg) - len(empty) < 50 * skymap.MAX_CELLS
    assert m.participant_total == sum(count for _, _, count in crowd)


@pytest.mark.parametrize(
    ("count", "label"),
    [
        (1, "fewer than 10 people"),
        (4, "fewer than 10 people"),
        (9, "fewer than 10 people"),
        (10, "10–99 people"),
        (99, "10–99 people"),
        (100, "100–999 people"),
        (999, "100–999 people"),
        (1_000, "1,000 or more people"),
        (2_000_000, "1,000 or more people"),
    ],
)
def test_crowd_classes(count, label):
    assert skymap.crowd_class(count).label == label


def test_a_square_of_fewer_than_ten_never_says_how_many():
    # Two lone squares: 1 person near the South Pole, 4 on Tristan da Cunha; 12 in Paris.
    people = [(-89.0, 139.3, 1), (-37.1, -12.3, 4), (48.9, 2.4, 12)]
    m = skymap.sky_map(SATURN, WAVE_START, participants=people)
    svg = render_to_string("includes/map.svg", {"sky_map": m})
    said = svg + m.description + "".join(mark.label for mark in m.participants)
    assert "Squares of 10° with fewer than 10 people</title>" in svg
    assert "Squares of 10° with 10–99 people</title>" in svg
    assert re.search(r"\b1 (person|people|participant)", said) is None
    assert re.search(r"\b4 (people|participants)", said) is None
    assert re.search(r"\b12 (people|participants)", said) is None
    # one group per class, two circles in the smallest
    small = re.search(r"fewer than 10 people</title>(.*?)</g>", svg).group(1)
    assert small.count("<circle") == 2


def test_the_map_has_a_legend_of_the_four_classes():
    m = skymap.sky_map(SATURN, WAVE_START, participants=[(48.9, 2.4, 3)])
    svg = render_to_string("includes/map.svg", {"sky_map": m})
    legend = re.search(r'<g class="map-crowd-legend".*?</g>', svg, re.S).group(0)
    assert re.findall(r"<text [^>]*>([^<]+)</text>", legend) == [
        "People per 10° square",
        "fewer than 10 people",
        "10–99 people",
        "100–999 people",
        "1,000 or more people",
    ]
    assert legend.count("<circle") == len(skymap.CROWD_CLASSES) == 4
    assert "style=" not in svg  # CSP: presentation attributes only
    # inside the map, and only when there is a crowd to explain
    x, y, width, height = m.legend_box
    assert 0 <= x < x + width <= skymap.WIDTH
    assert 0 <= y < y + height <= skymap.HEIGHT
    empty = render_to_string("includes/map.svg", {"sky_map": skymap.sky_map(SATURN, WAVE_START)})
    assert "map-crowd-legend" not in empty


def test_the_same_crowd_draws_the_same_file():
    crowd = [(10.0 * (n % 7), 20.0 * (n % 5), 1 + n % 3) for n in range(40)]
    first = skymap.sky_map(SATURN, WAVE_START, participants=crowd)
    again = skymap.sky_map(SATURN, WAVE_START, participants=list(reversed(crowd)))
    assert render_to_string("includes/map.svg", {"sky_map": first}) == render_to_string(
        "includes/map.svg", {"sky_map": again}
    )


def test_map_refuses_what_the_ephemeris_does_not_know():
    with pytest.raises(sky.SkyError):
        skymap.sky_map("vulcan", WAVE_START)
    with pytest.raises(sky.SkyError):
        skymap.sky_map(SATURN, datetime(2100, 1, 1, tzinfo=UTC))


def test_rendered_svg_is_accessible_and_has_no_inline_style():
    m = skymap.sky_map(SATURN, WAVE_START, WAVE_END, place=(43.7, -79.4, "Toronto, Canada"))
    svg = render_to_string("includes/map.svg", {"sky_map": m})
    html = render_to_string("includes/map.html", {"sky_map": m, "event": Event(slug="wave")})
    assert 'role="img"' in svg and '<img class="sky-map-svg" src="/events/wave/map.svg"' in html
    html = svg + html
    assert '<title id="sky-map-title">Where Earth faces Saturn at 21:27 UTC</title>' in html
    assert f'<desc id="sky-map-desc">{m.description}</desc>' in html
    assert 'aria-labelledby="sky-map-title"' in html
    assert re.search(r"\sstyle=", html) is None
    assert re.search(r"\son[a-z]+=", html) is None
    assert "<script" not in html
    assert html.count('class="map-place"') == 1
    # The text version is on the page for everyone, not only inside the SVG.
    assert f'<p class="map-text">{m.description}</p>' in html
