"""A picture of where to look: the sky from one place as a panorama of the whole horizon,
centred on the target, drawn by the server as SVG, with a sentence that says the same.

Why a panorama rather than an all-sky dome: a visitor stands, turns to face a compass
direction and raises their eyes, and that is what the picture shows: left to right is the
direction (the target in the middle, what is behind them at both edges), up is the height
above the horizon. A dome puts north at the top and mirrors east and west for someone
looking up, and on a phone its circle leaves half the width empty.

Geometry (SVG user units): one unit per degree of azimuth, x = 180 + (azimuth − centre)
wrapped into [0, 360]; 1.5 units per degree of altitude, y = 145 − 1.5 × altitude, so the
zenith is at y = 10 and the horizon at y = 145. Below the horizon a band of ground reaches
−20° (y = 175): the Sun in twilight shows there, and a target lower than that is drawn on
the band's lower edge. Near the zenith azimuth changes quickly, so a body within a few
degrees of the zenith can move far across the picture in a short window; it is drawn where
it is, the sentence says "overhead".

Positions come from `sky.where_to_look_many` (skyfield + de421): no formula is repeated here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from html import escape

from events.astro import sky
from events.astro.ephemeris import utc_instant

WIDTH = 360
HEIGHT = 200
# Room either side of the panorama for the labels of the points at its edges.
MARGIN = 12
VIEW_BOX = f"{-MARGIN} 0 {WIDTH + 2 * MARGIN} {HEIGHT}"
HORIZON_Y = 145.0
UNITS_PER_ALTITUDE_DEG = 1.5
ZENITH_Y = HORIZON_Y - 90 * UNITS_PER_ALTITUDE_DEG
GROUND_DEPTH_DEG = 20.0
GROUND_Y = HORIZON_Y + GROUND_DEPTH_DEG * UNITS_PER_ALTITUDE_DEG
COMPASS_Y = 192
GRID_ALTITUDES_DEG = (30, 60)
COMPASS_LABELS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")
# Two dots closer than this (units) share one label; farther apart, an arrow joins them.
_APART = 16.0


@dataclass(frozen=True, slots=True)
class HorizonMark:
    """A body on the picture: where it stands (sky.SkyPosition) and where it is drawn."""

    name: str
    when: datetime
    position: sky.SkyPosition
    x: float
    y: float

    @property
    def is_below_ground_band(self) -> bool:
        """Lower than the ground band shows: drawn on its lower edge, not at its altitude."""
        return self.position.altitude_deg < -GROUND_DEPTH_DEG


@dataclass(frozen=True, slots=True)
class HorizonView:
    """The target at the window's start and end, the Sun and the Moon at the start."""

    body_name: str
    centre_azimuth_deg: float
    start: HorizonMark
    end: HorizonMark
    sun: HorizonMark | None
    moon: HorizonMark | None
    zone: tzinfo

    def clock(self, when: datetime) -> str:
        return f"{when.astimezone(self.zone):%H:%M}"

    @property
    def zone_label(self) -> str:
        return self.start.when.astimezone(self.zone).tzname() or "UTC"

    @property
    def title(self) -> str:
        start, end = self.clock(self.start.when), self.clock(self.end.when)
        return (
            f"Where {self.body_name} stands in your sky, {start}–{end} {self.zone_label}, "
            f"facing {sky.compass_point(self.centre_azimuth_deg)}"
        )

    @property
    def text(self) -> str:
        """The picture in words, e.g. 'At 22:27 CEST Jupiter is 34° up in the south-east …'."""
        start, end = self.start, self.end
        sentences = [
            f"At {self.clock(start.when)} {self.zone_label} {self.body_name} is "
            f"{_where(start.position)}; by {self.clock(end.when)} it is {_where(end.position)}."
        ]
        others = []
        if self.sun is not None:
            others.append(f"the Sun is {_where(self.sun.position, azimuth=False)}")
        if self.moon is not None:
            moon = self.moon.position
            others.append(
                f"the Moon is {_where(moon, azimuth=False)}"
                if moon.is_above_horizon
                else "the Moon is below the horizon"
            )
        if others:
            sentence = "; ".join(others)
            sentences.append(f"At {self.clock(start.when)} {sentence}.")
        return " ".join(sentences)

    @property
    def svg(self) -> str:
        """The picture as an inline <svg> element; every text in it is escaped."""
        return _svg(self)


def _where(position: sky.SkyPosition, azimuth: bool = True) -> str:
    alt = position.altitude_deg
    where = f"the {position.compass}"
    if azimuth:
        where += f" (azimuth {round(position.azimuth_deg) % 360}°)"
    if alt >= 89.5:
        return "overhead, at the zenith"
    if alt > 0.0:
        height = f"{round(alt)}°" if alt >= 0.5 else f"{alt:.1f}°"
        return f"{height} up in {where}"
    depth = f"{round(-alt)}°" if alt <= -0.5 else f"{-alt:.1f}°"
    return f"{depth} below the horizon, towards {where}"


def x_of(azimuth_deg: float, centre_deg: float) -> float:
    """Picture x (units) of an azimuth (degrees) on a panorama centred on `centre_deg`."""
    offset = (azimuth_deg - centre_deg + 180.0) % 360.0 - 180.0
    return round(WIDTH / 2 + offset, 1)


def y_of(altitude_deg: float) -> float:
    """Picture y (units) of an altitude (degrees), held on the ground band's lower edge."""
    return round(HORIZON_Y - max(altitude_deg, -GROUND_DEPTH_DEG) * UNITS_PER_ALTITUDE_DEG, 1)


def _centre(first_deg: float, second_deg: float) -> float:
    # The mean direction, not the mean number: 350° and 10° average to north, not south.
    a, b = math.radians(first_deg), math.radians(second_deg)
    mean = math.degrees(math.atan2(math.sin(a) + math.sin(b), math.cos(a) + math.cos(b)))
    return float(round(mean) % 360)


def _mark(name: str, when: datetime, position: sky.SkyPosition, centre: float) -> HorizonMark:
    return HorizonMark(
        name=name,
        when=when,
        position=position,
        x=x_of(position.azimuth_deg, centre),
        y=y_of(position.altitude_deg),
    )


def horizon_view(
    body: sky.Target, start: datetime, end: datetime, lat: float, lon: float, zone: tzinfo = UTC
) -> HorizonView:
    """The panorama for `body` from (lat, lon) over the window; clock labels in `zone`.

    Raises `sky.SkyError` for an unknown body, a bad place or a date beyond the ephemeris.
    """
    start, end = utc_instant(start), utc_instant(end)
    (at_start,) = sky.where_to_look_many(body, start, [lat], [lon])
    (at_end,) = sky.where_to_look_many(body, end, [lat], [lon])
    centre = _centre(at_start.azimuth_deg, at_end.azimuth_deg)
    name = at_start.body
    sun = moon = None
    if name != "Sun":
        (sun_position,) = sky.where_to_look_many("sun", start, [lat], [lon])
        sun = _mark("Sun", start, sun_position, centre)
    if name != "Moon":
        (moon_position,) = sky.where_to_look_many("moon", start, [lat], [lon])
        moon = _mark("Moon", start, moon_position, centre)
    return HorizonView(
        body_name=name,
        centre_azimuth_deg=centre,
        start=_mark(name, start, at_start, centre),
        end=_mark(name, end, at_end, centre),
        sun=sun,
        moon=moon,
        zone=zone,
    )


# --- drawing ---------------------------------------------------------------------------------

_SKY_FILL = "#dfeaf6"
_GROUND_FILL = "#d9d1b9"
_LINE = "#5f5640"
_GRID = "#8aa0b8"
_INK = "#1f2937"
_TARGET = "#b4470b"
_SUN = "#f2b705"
_MOON = "#c4ccd6"


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _anchor(x: float) -> str:
    if x < 30:
        return "start"
    if x > WIDTH - 30:
        return "end"
    return "middle"


def _label(x: float, y: float, text: str, css: str, anchor: str | None = None) -> str:
    return (
        f'<text class="{css}" x="{_num(x)}" y="{_num(y)}" '
        f'text-anchor="{anchor or _anchor(x)}">{escape(text)}</text>'
    )


def _label_y(y: float, above: float = 9.0) -> float:
    # Above the dot, unless that would leave the picture at the zenith.
    return y - above if y - above > ZENITH_Y + 4 else y + above + 8


def _body(mark: HorizonMark, css: str, fill: str, radius: float) -> list[str]:
    position = mark.position
    below = " horizon-below" if not position.is_above_horizon else ""
    title = f"{mark.name}: {_where(position, azimuth=False)}"
    return [
        f'<circle class="{css}{below}" cx="{_num(mark.x)}" cy="{_num(mark.y)}" r="{radius}" '
        f'fill="{fill}" stroke="{_LINE}" stroke-width="0.8"><title>{escape(title)}</title>'
        "</circle>",
        _label(mark.x, _label_y(mark.y, radius + 3), mark.name, "horizon-label"),
    ]


def _target(view: HorizonView) -> list[str]:
    start, end = view.start, view.end
    t0, t1 = view.clock(start.when), view.clock(end.when)
    out = []
    apart = math.hypot(end.x - start.x, end.y - start.y) >= _APART
    if apart:
        out.append(
            f'<line class="horizon-motion" x1="{_num(start.x)}" y1="{_num(start.y)}" '
            f'x2="{_num(end.x)}" y2="{_num(end.y)}" stroke="{_TARGET}" stroke-width="1.2" '
            'stroke-dasharray="3 2" marker-end="url(#horizon-arrow)"/>'
        )
    for mark, css, fill in (
        (start, "horizon-target horizon-target-start", _TARGET),
        (end, "horizon-target horizon-target-end", "none"),
    ):
        title = f"{view.body_name} at {view.clock(mark.when)}: {_where(mark.position)}"
        out.append(
            f'<circle class="{css}" cx="{_num(mark.x)}" cy="{_num(mark.y)}" r="4.5" '
            f'fill="{fill}" stroke="{_TARGET}" stroke-width="1.5">'
            f"<title>{escape(title)}</title></circle>"
        )
        if mark.is_below_ground_band:
            out.append(
                f'<path class="horizon-deeper" d="M{_num(mark.x - 4)} {_num(mark.y + 6)}'
                f'l4 4l4 -4" fill="none" stroke="{_TARGET}" stroke-width="1.5"/>'
            )
    top = min(start.y, end.y)
    name_y = _label_y(top, 10)
    if apart:
        out.append(_label(start.x, _label_y(start.y, 8), t0, "horizon-time"))
        out.append(_label(end.x, _label_y(end.y, 8), t1, "horizon-time"))
        out.append(_label((start.x + end.x) / 2, name_y - 10, view.body_name, "horizon-name"))
    else:
        x = (start.x + end.x) / 2
        out.append(_label(x, name_y - 11, view.body_name, "horizon-name"))
        out.append(_label(x, name_y, f"{t0}–{t1}", "horizon-time"))
    return out


def _svg(view: HorizonView) -> str:
    centre = view.centre_azimuth_deg
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="horizon-svg" viewBox="{VIEW_BOX}" '
        f'role="img" aria-label="{escape(view.title)}" focusable="false" '
        f'font-family="system-ui, sans-serif" font-size="10" fill="{_INK}">',
        f"<title>{escape(view.title)}</title>",
        f"<desc>{escape(view.text)}</desc>",
        '<defs><marker id="horizon-arrow" viewBox="0 0 6 6" refX="5" refY="3" '
        'markerWidth="5" markerHeight="5" orient="auto">'
        f'<path d="M0 0L6 3L0 6z" fill="{_TARGET}"/></marker></defs>',
        f'<rect class="horizon-sky" x="0" y="{_num(ZENITH_Y)}" width="{WIDTH}" '
        f'height="{_num(HORIZON_Y - ZENITH_Y)}" fill="{_SKY_FILL}"/>',
        f'<rect class="horizon-ground" x="0" y="{_num(HORIZON_Y)}" width="{WIDTH}" '
        f'height="{_num(GROUND_Y - HORIZON_Y)}" fill="{_GROUND_FILL}"/>',
    ]
    for altitude in GRID_ALTITUDES_DEG:
        y = y_of(altitude)
        parts.append(
            f'<line class="horizon-grid" x1="0" y1="{_num(y)}" x2="{WIDTH}" y2="{_num(y)}" '
            f'stroke="{_GRID}" stroke-width="0.6" stroke-dasharray="2 3"/>'
        )
        parts.append(_label(2, y - 2, f"{altitude}°", "horizon-scale", "start"))
    parts.append(
        f'<line class="horizon-line" x1="0" y1="{_num(HORIZON_Y)}" x2="{WIDTH}" '
        f'y2="{_num(HORIZON_Y)}" stroke="{_LINE}" stroke-width="1.2"/>'
    )
    ticks = []
    for index, label in enumerate(COMPASS_LABELS):
        x = x_of(index * 45.0, centre)
        # The point straight behind sits on both edges of the panorama.
        for edge_x in (x, WIDTH) if x == 0 else (x,):
            ticks.append(f"M{_num(edge_x)} {_num(HORIZON_Y)}v5")
            parts.append(_label(edge_x, COMPASS_Y, label, "horizon-compass", "middle"))
    parts.append(
        f'<path class="horizon-ticks" d="{"".join(ticks)}" stroke="{_LINE}" stroke-width="1"/>'
    )
    # The Sun in the ground band shows where twilight glows; deeper, the sentence says it.
    if view.sun is not None and not view.sun.is_below_ground_band:
        parts += _body(view.sun, "horizon-sun", _SUN, 6)
    if view.moon is not None and view.moon.position.is_above_horizon:
        parts += _body(view.moon, "horizon-moon", _MOON, 5)
    parts += _target(view)
    parts.append("</svg>")
    return "".join(parts)
