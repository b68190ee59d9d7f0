"""A world map for one instant, drawn by the server as SVG-ready paths (equirectangular).

It shades the night side and the half of Earth that faces the target, marks the point with
the target overhead, the visitor's place and where participants come from. Plain values
out: the template `includes/map.svg` writes the SVG (served as a file of its own).

Map units are tenths of a degree: x = (longitude + 180) × 10, y = (90 − latitude) × 10, so
the whole Earth is 3600 × 1800 and every coordinate is a small integer.

The crowd is drawn by square, never by city or person: the map is cut into squares of
CELL_DEGREES (10°) of latitude and longitude, and each square with participants gets one
circle at its centre, in one of a few classes (CROWD_CLASSES) by how many people it holds.
So the map has at most 18 × 36 = 648 circles (MAX_CELLS) whatever the crowd; people live on
land, and the 34,006 cities of the City table (load_cities) fill 235 squares, so a real
crowd draws at most that many. Squares of equal degrees are not of equal area (a polar one
is a sliver), but they are counted in the database with one GROUP BY on
(floor(lat / 10), floor(lon / 10)), and on this projection they look equal, which is what
a reader compares. The smallest class is "fewer than FEWEST_COUNTED (10)": a square never
shows its count, only its class, so no square of one to nine people says how many it holds
(places are personal data, and a count of one or two in a remote square could point at a
person). The map carries its own legend (the four classes), so the file explains itself.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import numpy as np
from babel.dates import format_date, format_time
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.astro import sky
from events.astro.coordinates import coordinates_text
from events.lazyload import load_once

WIDTH, HEIGHT = 3600, 1800
LAND_FILE = Path(__file__).resolve().parent / "data" / "land-110m.json"
# One sample per degree of longitude: the boundary is smooth, and at the equinox (when it
# runs along two meridians) a 1° step is the width of the drawn edge anyway.
_BOUNDARY_STEP_DEG = 1.0


@dataclass(frozen=True)
class MapMark:
    """A point on the map (map units) with what it is, for its <title> and the text version."""

    x: int
    y: int
    label: str
    radius: int = 0
    count: int = 0


@dataclass(frozen=True)
class SkyMap:
    body_name: str
    when: datetime
    land_path: str
    night_path: str
    facing_path: str
    facing_edge_path: str
    facing_edge_end_path: str
    grid_path: str
    sub_point: MapMark
    place: MapMark | None
    place_faces: bool | None
    participants: tuple[MapMark, ...]
    participant_total: int
    participants_facing: int
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def body_label(self) -> str:
        """The target's name in the page's language, for the legend and titles."""
        return sky.body_text(self.body_name)

    @property
    def description(self) -> str:
        """The map in words: its text alternative, in the page's language."""
        locale = sky.reader_locale()
        body = sky.body_text(self.body_name)
        # Translators: the text alternative of the world map. time is a UTC clock time
        # ("21:27"), date a date without weekday ("19 July 2013"), body a planet's name,
        # point a latitude and longitude ("10.9° S, 46.1° W").
        parts = [
            _(
                "A map of the world at %(time)s UTC on %(date)s. The highlighted half of Earth "
                "faces %(body)s; its centre, where %(body)s stands overhead, is at %(point)s. "
                "The darkened part is the night side."
            )
            % {
                "time": format_time(self.when, "short", tzinfo=UTC, locale=locale),
                "date": format_date(self.when, "long", locale=locale),
                "body": body,
                "point": self.sub_point.label,
            }
        ]
        if self.place is not None:
            values = {"place": self.place.label, "body": body}
            if self.place_faces:
                parts.append(_("Your place, %(place)s, is on the half facing %(body)s.") % values)
            else:
                parts.append(
                    _("Your place, %(place)s, is on the half turned away from %(body)s.") % values
                )
        if self.participants:
            squares = len(self.participants)
            # Translators: the first part of a sentence of the map's description, followed
            # by "(1,234 people); 1,000 of them are on the facing half."
            where = ngettext(
                "Participants have signed up from %(squares)s square of %(degrees)s° on the map",
                "Participants have signed up from %(squares)s squares of %(degrees)s° on the map",
                squares,
            ) % {"squares": sky.format_count(squares), "degrees": CELL_DEGREES}
            people = ngettext(
                "(%(count)s person); %(facing)s of them are on the facing half.",
                "(%(count)s people); %(facing)s of them are on the facing half.",
                self.participant_total,
            ) % {
                "count": sky.format_count(self.participant_total),
                "facing": sky.format_count(self.participants_facing),
            }
            # Translators: the two parts above joined into one sentence.
            parts.append(_("%(where)s %(people)s") % {"where": where, "people": people})
            if squares > 1:
                most = self.participants[0]
                # Translators: point is a latitude and longitude, crowd a class of the
                # map's legend ("100–999 people").
                parts.append(
                    _("The most crowded square is around %(point)s (%(crowd)s).")
                    % {"point": most.label, "crowd": crowd_class(most.count).label}
                )
        return " ".join(parts)

    @property
    def legend(self) -> tuple[LegendRow, ...]:
        return legend_rows()

    @property
    def legend_box(self) -> tuple[int, int, int, int]:
        """(x, y, width, height) of the legend's background, in map units."""
        return LEGEND_X, LEGEND_Y, LEGEND_WIDTH, LEGEND_HEIGHT

    @property
    def crowd_groups(self) -> tuple[tuple[CrowdClass, tuple[MapMark, ...]], ...]:
        """The participants' circles by class, the biggest class first (drawn underneath)."""
        groups: dict[CrowdClass, list[MapMark]] = {}
        for mark in self.participants:
            groups.setdefault(crowd_class(mark.count), []).append(mark)
        return tuple(
            (entry, tuple(groups[entry])) for entry in reversed(CROWD_CLASSES) if entry in groups
        )


def _x(lon: float) -> int:
    return round((lon + 180.0) * 10)


def _y(lat: float) -> int:
    return round((90.0 - lat) * 10)


def _path(points: Sequence[tuple[int, int]], close: bool) -> str:
    """Absolute first point, then relative steps ('l' repeats implicitly): a compact 'd'."""
    x, y = points[0]
    out = [f"M{x} {y}l"]
    first = True
    for px, py in points[1:]:
        dx, dy = px - x, py - y
        if dx == 0 and dy == 0:
            continue
        out.append(f"{dx}" if first or dx < 0 else f" {dx}")
        out.append(f"{dy}" if dy < 0 else f" {dy}")
        first = False
        x, y = px, py
    if first:  # a single point: nothing to draw
        return ""
    return "".join(out) + ("z" if close else "")


@load_once
def land_path() -> str:
    """Natural Earth 110m land as one SVG path (even-odd fill), built once per process."""
    rings = json.loads(LAND_FILE.read_text(encoding="utf-8"))["rings"]
    return "".join(
        _path([(r[i] + 1800, 900 - r[i + 1]) for i in range(0, len(r), 2)], close=True)
        for r in rings
    )


@functools.cache
def grid_path(step_deg: int = 30) -> str:
    """Meridians and parallels every `step_deg` degrees (the equator included)."""
    lines = [f"M{_x(lon)} 0V{HEIGHT}" for lon in range(-180 + step_deg, 180, step_deg)]
    lines += [f"M0 {_y(lat)}H{WIDTH}" for lat in range(-90 + step_deg, 90, step_deg)]
    return "".join(lines)


def hemisphere_boundary(lat_deg: float, lon_deg: float) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes (degrees) of the great circle 90° from (lat, lon).

    A point (φ, λ) is on it when sin φ sin φ₀ + cos φ cos φ₀ cos(λ − λ₀) = 0, so for each
    longitude φ = atan(−cos φ₀ cos(λ − λ₀) / sin φ₀): one latitude per longitude, which is
    what lets an equirectangular map fill the hemisphere as "boundary to the pole".
    """
    lons = np.arange(-180.0, 180.0 + _BOUNDARY_STEP_DEG / 2, _BOUNDARY_STEP_DEG)
    phi0 = math.radians(lat_deg)
    # At an equinox-like sub-point on the equator the circle runs along two meridians; a tiny
    # latitude keeps the formula finite and turns those meridians into 1°-wide steps.
    sin0 = math.sin(phi0)
    if abs(sin0) < 1e-9:
        sin0 = 1e-9
    lats = np.degrees(np.arctan(-math.cos(phi0) * np.cos(np.radians(lons - lon_deg)) / sin0))
    return lons, lats


def hemisphere_paths(lat_deg: float, lon_deg: float) -> tuple[str, str]:
    """(filled area, edge line) of the hemisphere centred on (lat, lon), as SVG paths.

    The centre's pole (north when the centre is north of the equator) lies inside, so the
    area is the boundary closed along that edge of the map.
    """
    lons, lats = hemisphere_boundary(lat_deg, lon_deg)
    edge = [(_x(lon), _y(lat)) for lon, lat in zip(lons.tolist(), lats.tolist(), strict=True)]
    pole_y = 0 if lat_deg >= 0 else HEIGHT
    area = [*edge, (WIDTH, pole_y), (0, pole_y)]
    return _path(area, close=True), _path(edge, close=False)


def _wrap(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0


def _great_circle_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    cos_d = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(
        math.radians(lon2 - lon1)
    )
    return math.degrees(math.acos(max(-1.0, min(1.0, cos_d))))


CELL_DEGREES = 10
MAX_CELLS = (180 // CELL_DEGREES) * (360 // CELL_DEGREES)
# The smallest class: below this a square says "fewer than 10", never its count (see the
# module docstring).
FEWEST_COUNTED = 10


class CrowdClass(NamedTuple):
    """How a square with `fewest` to `most` participants is drawn and named."""

    fewest: int
    most: int | None  # None: no upper bound
    radius: int  # map units: 10 per degree, so a square is 100 across
    fill: str

    @property
    def label(self) -> str:
        """'fewer than 10 people', '10–99 people', '1,000 or more people', in the page's
        language."""
        if self.fewest < FEWEST_COUNTED:
            return ngettext(
                "fewer than %(count)s person", "fewer than %(count)s people", FEWEST_COUNTED
            ) % {"count": sky.format_count(FEWEST_COUNTED)}
        if self.most is None:
            return ngettext("%(count)s or more person", "%(count)s or more people", self.fewest) % {
                "count": sky.format_count(self.fewest)
            }
        # Translators: a range of counts in the map's legend, "100–999 people".
        return ngettext("%(fewest)s–%(most)s person", "%(fewest)s–%(most)s people", self.most) % {
            "fewest": sky.format_count(self.fewest),
            "most": sky.format_count(self.most),
        }


# Bigger and darker with the crowd; the largest circle just fits its square.
CROWD_CLASSES = (
    CrowdClass(1, FEWEST_COUNTED - 1, 14, "#fdba74"),
    CrowdClass(FEWEST_COUNTED, 99, 26, "#fb923c"),
    CrowdClass(100, 999, 38, "#ea580c"),
    CrowdClass(1000, None, 50, "#9a3412"),
)

# The legend drawn in the map (includes/map.svg), bottom left over the Southern Ocean: one
# row per class, in map units (the file is usually shown at a fifth of its size or less).
LEGEND_X, LEGEND_ROW = 40, 110
LEGEND_WIDTH = 820
LEGEND_HEIGHT = 90 + LEGEND_ROW * len(CROWD_CLASSES)
LEGEND_Y = HEIGHT - 40 - LEGEND_HEIGHT


class LegendRow(NamedTuple):
    crowd: CrowdClass
    cx: int
    cy: int
    text_x: int
    text_y: int


def legend_rows() -> tuple[LegendRow, ...]:
    """Where each class's sample circle and label go in the map's legend."""
    cx = LEGEND_X + 70
    return tuple(
        LegendRow(crowd, cx, y, cx + 80, y + 20)
        for crowd, y in (
            (crowd, LEGEND_Y + 130 + LEGEND_ROW * n) for n, crowd in enumerate(CROWD_CLASSES)
        )
    )


def crowd_class(count: int) -> CrowdClass:
    """The class a square with `count` (≥ 1) participants is drawn in."""
    return [entry for entry in CROWD_CLASSES if count >= entry.fewest][-1]


def cell_centre(lat: float, lon: float) -> tuple[float, float]:
    """The centre of the map square (CELL_DEGREES on a side) that holds (lat, lon).

    Squares include their south and west edges; 90° N and 180° E fall in the last ones.
    """
    half = CELL_DEGREES / 2
    row = min(math.floor(lat / CELL_DEGREES), 90 // CELL_DEGREES - 1)
    column = min(math.floor(lon / CELL_DEGREES), 180 // CELL_DEGREES - 1)
    return row * CELL_DEGREES + half, column * CELL_DEGREES + half


@dataclass(frozen=True)
class _Shading:
    body_name: str
    sub_lat: float
    sub_lon: float
    facing_area: str
    facing_edge: str
    night_area: str
    end_edge: str


@functools.lru_cache(maxsize=256)
def _shading(body: sky.Target, when: datetime, end: datetime | None) -> _Shading:
    # The same for every visitor of an event: computed once per (body, window) and process.
    sub_lat, sub_lon = sky.sub_body_point(body, when)
    sun_lat, sun_lon = sky.sub_body_point("sun", when)
    facing_area, facing_edge = hemisphere_paths(sub_lat, sub_lon)
    # The night side is the half of Earth facing away from the Sun: the hemisphere centred
    # on the point opposite the sub-solar point.
    night_area, _ = hemisphere_paths(-sun_lat, _wrap(sun_lon + 180.0))
    end_edge = ""
    if end is not None and end != when:
        end_lat, end_lon = sky.sub_body_point(body, end)
        _, end_edge = hemisphere_paths(end_lat, end_lon)
    return _Shading(
        sky.target_name(body),
        sub_lat,
        sub_lon,
        facing_area,
        facing_edge,
        night_area,
        end_edge,
    )


def sky_map(
    body: sky.Target,
    when: datetime,
    end: datetime | None = None,
    place: tuple[float, float, str] | None = None,
    participants: Sequence[tuple[float, float, int]] = (),
) -> SkyMap:
    """The map at `when` (the edge at `end` too, if given) for `body`.

    `place` is (lat, lon, label); `participants` are (lat, lon, count), per city or already
    per square (participant_points in events/views/places.py): either way they are drawn
    by square. Who faces the target is judged at the points given (so, from the view, at
    each square's centre: a few degrees off near the edge of the facing half). Raises
    `sky.SkyError` for an unknown body or a date outside the ephemeris.
    """
    when = when.astimezone(UTC) if when.tzinfo else when  # naive: sky.SkyError below
    end = end.astimezone(UTC) if end is not None and end.tzinfo else end
    shading = _shading(body, when, end)
    sub_lat, sub_lon = shading.sub_lat, shading.sub_lon

    def faces(lat: float, lon: float) -> bool:
        # The map's geometry: within 90° of the sub-point. Parallax and the ellipsoid move the
        # true horizon by under 0.2° for planets (about 1° for the Moon): invisible here.
        return _great_circle_deg(lat, lon, sub_lat, sub_lon) < 90.0

    place_mark, place_faces = None, None
    if place is not None:
        lat, lon, label = place
        place_mark = MapMark(_x(lon), _y(lat), label, radius=25)
        place_faces = faces(lat, lon)
    cells: dict[tuple[float, float], int] = {}
    total, facing_total = 0, 0
    for lat, lon, count in participants:
        if count <= 0:
            continue
        centre = cell_centre(lat, lon)
        cells[centre] = cells.get(centre, 0) + count
        total += count
        facing_total += count if faces(lat, lon) else 0
    # A mark's label is where its square is; what it shows of the count is its class.
    marks = [
        MapMark(
            _x(lon),
            _y(lat),
            coordinates_text(lat, lon),
            radius=crowd_class(count).radius,
            count=count,
        )
        for (lat, lon), count in cells.items()
    ]
    # The most crowded first (the description names it), then west to east, north to south,
    # so the same crowd always gives the same file (and ETag).
    marks.sort(key=lambda mark: (-mark.count, mark.x, mark.y))
    return SkyMap(
        body_name=shading.body_name,
        when=when,
        land_path=land_path(),
        night_path=shading.night_area,
        facing_path=shading.facing_area,
        facing_edge_path=shading.facing_edge,
        facing_edge_end_path=shading.end_edge,
        grid_path=grid_path(),
        sub_point=MapMark(_x(sub_lon), _y(sub_lat), coordinates_text(sub_lat, sub_lon), 20),
        place=place_mark,
        place_faces=place_faces,
        participants=tuple(marks),
        participant_total=total,
        participants_facing=facing_total,
    )
