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

from babel.dates import format_time
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from events.astro import sky
from events.astro.ephemeris import utc_instant
from events.cldr import decimal_text

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


def compass_label_text(label: str) -> str:
    """One of COMPASS_LABELS in the page's language: a letter or two under the picture."""
    words = {
        # Translators: the abbreviation of a compass point under the picture of the sky
        # (north); one to three letters.
        "N": pgettext("compass", "N"),
        "NE": pgettext("compass", "NE"),
        "E": pgettext("compass", "E"),
        "SE": pgettext("compass", "SE"),
        "S": pgettext("compass", "S"),
        "SW": pgettext("compass", "SW"),
        "W": pgettext("compass", "W"),
        "NW": pgettext("compass", "NW"),
    }
    return words.get(label, label)


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
        """'22:27', or as the page's language reads a clock."""
        return format_time(when, "short", tzinfo=self.zone, locale=sky.reader_locale())

    @property
    def zone_label(self) -> str:
        return self.start.when.astimezone(self.zone).tzname() or "UTC"

    @property
    def title(self) -> str:
        # Translators: the title of the picture of the sky. body is a planet's name, start
        # and end clock times, zone the zone's abbreviation ("CEST"), direction a compass
        # point ("south-east").
        return _(
            "Where %(body)s stands in your sky, %(start)s–%(end)s %(zone)s, facing %(direction)s"
        ) % {
            "body": sky.body_text(self.body_name),
            "start": self.clock(self.start.when),
            "end": self.clock(self.end.when),
            "zone": self.zone_label,
            "direction": sky.compass_text(sky.compass_point(self.centre_azimuth_deg)),
        }

    @property
    def text(self) -> str:
        """The picture in words, e.g. 'At 22:27 CEST Jupiter is 34° up in the south-east …'."""
        start, end = self.start, self.end
        # Translators: start_time and end_time are clock times, zone the zone's abbreviation,
        # body a planet's name; start and end where it stands ("34° up in the south-east
        # (azimuth 130°)").
        sentences = [
            _("At %(start_time)s %(zone)s %(body)s is %(start)s; by %(end_time)s it is %(end)s.")
            % {
                "start_time": self.clock(start.when),
                "zone": self.zone_label,
                "body": sky.body_text(self.body_name),
                "start": _where(start.position),
                "end_time": self.clock(end.when),
                "end": _where(end.position),
            }
        ]
        others = []
        if self.sun is not None:
            # Translators: part of "At 22:27 the Sun is 5° below the horizon, towards the
            # north-west; the Moon is below the horizon."
            others.append(_("the Sun is %(where)s") % {"where": _where(self.sun.position, False)})
        if self.moon is not None:
            moon = self.moon.position
            others.append(
                _("the Moon is %(where)s") % {"where": _where(moon, azimuth=False)}
                if moon.is_above_horizon
                else _("the Moon is below the horizon")
            )
        if len(others) == 2:
            # Translators: time is a clock time; sun and moon the parts "the Sun is …" and
            # "the Moon is …".
            sentences.append(
                _("At %(time)s %(sun)s; %(moon)s.")
                % {"time": self.clock(start.when), "sun": others[0], "moon": others[1]}
            )
        elif others:
            # Translators: time is a clock time; where the part "the Sun is …" or "the
            # Moon is …".
            sentences.append(
                _("At %(time)s %(where)s.") % {"time": self.clock(start.when), "where": others[0]}
            )
        return " ".join(sentences)

    @property
    def svg(self) -> str:
        """The picture as an inline <svg> element; every text in it is escaped."""
        return _svg(self)


def _where(position: sky.SkyPosition, azimuth: bool = True) -> str:
    alt = position.altitude_deg
    if alt >= 89.5:
        return _("overhead, at the zenith")
    values = {"direction": position.compass_label, "azimuth": round(position.azimuth_deg) % 360}
    if alt > 0.0:
        values["degrees"] = f"{round(alt)}" if alt >= 0.5 else decimal_text(alt)
        if azimuth:
            # Translators: "34° up in the south-east (azimuth 130°)"; direction is a compass
            # point.
            return _("%(degrees)s° up in the %(direction)s (azimuth %(azimuth)s°)") % values
        return _("%(degrees)s° up in the %(direction)s") % values
    values["degrees"] = f"{round(-alt)}" if alt <= -0.5 else decimal_text(-alt)
    if azimuth:
        return (
            _("%(degrees)s° below the horizon, towards the %(direction)s (azimuth %(azimuth)s°)")
            % values
        )
    return _("%(degrees)s° below the horizon, towards the %(direction)s") % values


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
    # Translators: the tooltip of the Sun or the Moon in the picture: "Sun: 5° up in the west".
    title = _("%(body)s: %(where)s") % {
        "body": sky.body_text(mark.name),
        "where": _where(position, azimuth=False),
    }
    return [
        f'<circle class="{css}{below}" cx="{_num(mark.x)}" cy="{_num(mark.y)}" r="{radius}" '
        f'fill="{fill}" stroke="{_LINE}" stroke-width="0.8"><title>{escape(title)}</title>'
        "</circle>",
        _label(mark.x, _label_y(mark.y, radius + 3), sky.body_text(mark.name), "horizon-label"),
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
        # Translators: the tooltip of the target in the picture: "Jupiter at 22:27: 34° up
        # in the south-east (azimuth 130°)".
        title = _("%(body)s at %(time)s: %(where)s") % {
            "body": sky.body_text(view.body_name),
            "time": view.clock(mark.when),
            "where": _where(mark.position),
        }
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
        out.append(
            _label(
                (start.x + end.x) / 2, name_y - 10, sky.body_text(view.body_name), "horizon-name"
            )
        )
    else:
        x = (start.x + end.x) / 2
        out.append(_label(x, name_y - 11, sky.body_text(view.body_name), "horizon-name"))
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
            parts.append(
                _label(edge_x, COMPASS_Y, compass_label_text(label), "horizon-compass", "middle")
            )
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
