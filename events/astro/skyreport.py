"""What an event page says about the sky: for the event as a whole, and for one place.

Built from `events.astro.sky` (numbers) for any object with a name and coordinates (an
`events.places.Place`, passed in by the caller); returns plain values and
sentences for the templates. Raises `sky.SkyError` when the event's target or dates are
beyond the ephemeris, which the view turns into a message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.astro import sky
from events.astro.coordinates import coordinates_text
from events.cldr import decimal_text


class Located(Protocol):
    """Where the sky is seen from: astro knows places only by this shape (events.places.Place)."""

    name: str
    latitude: float
    longitude: float


# Bodies a person can see by day, or that the daylight sentences would get wrong.
_SEEN_BY_DAY = frozenset({"Sun", "Moon"})
FACING_CITIES = 5


@dataclass(frozen=True)
class GroundPoint:
    """A point on Earth (degrees), e.g. the one with the target overhead."""

    latitude: float
    longitude: float

    @property
    def text(self) -> str:
        return coordinates_text(self.latitude, self.longitude)

    @property
    def query(self) -> str:
        """'lat=-10.9&lon=-46.1': a link to the event page's sky from this point."""
        return f"lat={self.latitude:.1f}&lon={self.longitude:.1f}"


@dataclass(frozen=True)
class EventSky:
    """The sky facts of an event as a whole."""

    body_name: str
    distance: sky.BodyDistance
    sub_start: GroundPoint
    sub_end: GroundPoint
    window_start: datetime
    window_end: datetime
    camera_start: datetime | None
    camera_end: datetime | None

    @property
    def body_label(self) -> str:
        """The target's name in the page's language ('Saturn')."""
        return sky.body_text(self.body_name)

    @property
    def light_time_text(self) -> str:
        return duration_text(self.distance.light_time)

    @property
    def distance_km(self) -> int:
        """To the thousand km: the ephemeris is better, but more digits say nothing here."""
        return int(round(self.distance.km, -3))

    @property
    def distance_miles(self) -> int:
        return int(round(self.distance.miles, -3))

    @property
    def has_camera_window(self) -> bool:
        return self.camera_start is not None and self.camera_end is not None

    @property
    def arrives_at(self) -> datetime:
        """When the light leaving Earth at the window's start reaches the target (about)."""
        return self.window_start + self.distance.light_time


@dataclass(frozen=True)
class FacingCity:
    name: str
    country: str
    position: sky.SkyPosition

    @property
    def query(self) -> str:
        return f"lat={self.position.latitude_deg:.1f}&lon={self.position.longitude_deg:.1f}"


@dataclass(frozen=True)
class PlaceSky:
    """Where the target stands from one place at the start and the end of the window."""

    place: Located
    start: sky.SkyPosition
    end: sky.SkyPosition
    facing_cities: tuple[FacingCity, ...] = field(default=())
    # False for a spacecraft placed by its table or direction: never a dot seen by eye.
    is_seen_by_eye: bool = True

    @property
    def body_name(self) -> str:
        return self.start.body

    @property
    def start_text(self) -> str:
        return _where_text(self.start)

    @property
    def end_text(self) -> str:
        return _where_text(self.end)

    @property
    def state(self) -> str:
        """'up', 'down', 'rises' or 'sets' during the window."""
        return sky.UpDuring(self.start.altitude_deg, self.end.altitude_deg).state

    @property
    def faces_camera(self) -> bool:
        """True when the place faces the camera for at least part of the window."""
        return self.state != "down"

    @property
    def body_label(self) -> str:
        """The target's name in the page's language ('Saturn')."""
        return sky.body_text(self.body_name)

    @property
    def facing_text(self) -> str:
        body = self.body_label
        if self.state == "up":
            # Translators: body is a planet's or a spacecraft's name ("Saturn").
            return _(
                "Your place faces the camera for the whole window: %(body)s is above your "
                "horizon from start to end."
            ) % {"body": body}
        if self.state == "rises":
            # Translators: direction is a compass point ("north-east").
            return _(
                "%(body)s rises during the window: your place turns towards the camera "
                "before the end. Wave late in the window, low towards the %(direction)s."
            ) % {"body": body, "direction": self.end.compass_label}
        if self.state == "sets":
            return _(
                "%(body)s sets during the window: your place turns away from the camera "
                "before the end. Wave early, low towards the %(direction)s."
            ) % {"body": body, "direction": self.start.compass_label}
        return _(
            "%(body)s is below your horizon for the whole window: this side of Earth is "
            "turned away from the camera, so it will not see your place this time."
        ) % {"body": body}

    @property
    def verdict(self) -> str:
        """One line for the top of the event page: where to look from the place, and
        whether its side of Earth faces the camera ('From Kolkata: Jupiter stands 66° up in
        the east-south-east at the start — your side of Earth faces the camera.')."""
        values = {"place": self.place.name, "body": self.body_label}
        if self.state == "up":
            # Translators: the first line of an event page. place is a city's name, body a
            # planet's, height where it stands ("66° up in the east-south-east" or
            # "straight overhead").
            return _(
                "From %(place)s: %(body)s stands %(height)s at the start — your side of Earth "
                "faces the camera."
            ) % {**values, "height": _height(self.start)}
        if self.state == "rises":
            # Translators: direction is a compass point ("north-east").
            return _(
                "From %(place)s: %(body)s rises during the window — wave late, low in the "
                "%(direction)s, as your side of Earth turns to face the camera."
            ) % {**values, "direction": self.end.compass_label}
        if self.state == "sets":
            return _(
                "From %(place)s: %(body)s sets during the window — wave early, low in the "
                "%(direction)s, before your side of Earth turns away."
            ) % {**values, "direction": self.start.compass_label}
        return (
            _(
                "From %(place)s: %(body)s stays below your horizon — your side of Earth is turned "
                "away from the camera this time."
            )
            % values
        )

    @property
    def daylight_text(self) -> str:
        """Day, twilight or night at the start, and what that means for seeing the target."""
        position = self.start
        sun = round(position.sun_altitude_deg)
        body = self.body_label
        if not self.is_seen_by_eye:
            if position.daylight == "day":
                # Translators: degrees is the Sun's height; body a spacecraft's name.
                return _(
                    "It is daytime there (the Sun is %(degrees)s° up). %(body)s is far too "
                    "faint to see by eye; wave towards it all the same: the camera sees Earth."
                ) % {"degrees": abs(sun), "body": body}
            # Translators: light is "night", "civil twilight", "nautical twilight" or
            # "astronomical twilight"; degrees the Sun's depth; body a spacecraft's name.
            return _(
                "It is %(light)s there (the Sun is %(degrees)s° below the horizon). %(body)s "
                "is far too faint to see by eye; wave towards it all the same: the camera "
                "sees Earth."
            ) % {"light": position.daylight_label, "degrees": abs(sun), "body": body}
        if position.daylight == "day":
            text = _("It is daytime there (the Sun is %(degrees)s° up).") % {"degrees": max(sun, 0)}
            if position.is_above_horizon and self.body_name not in _SEEN_BY_DAY:
                text += " " + _(
                    "%(body)s is too faint to see by eye in daylight; wave towards it all the "
                    "same: the camera sees the sunlit Earth."
                ) % {"body": body}
            return text
        if position.daylight == "night":
            text = _("It is night there (the Sun is %(degrees)s° below the horizon).") % {
                "degrees": -sun
            }
        else:
            # Translators: light is "civil twilight", "nautical twilight" or "astronomical
            # twilight".
            text = _("It is %(light)s there (the Sun is %(degrees)s° below the horizon).") % {
                "light": position.daylight_label,
                "degrees": -sun,
            }
        if position.is_above_horizon and self.body_name != "Sun":
            # Translators: direction is a compass point ("north-east"), body a planet.
            text += " " + _("Look %(direction)s: %(body)s may be visible by eye.") % {
                "direction": position.compass_label,
                "body": body,
            }
        return text


def _height(position: sky.SkyPosition) -> str:
    """'66° up in the east-south-east', or 'straight overhead' at the zenith."""
    altitude = position.altitude_deg
    if altitude >= 89.5:
        return _("straight overhead")
    degrees = round(altitude) if altitude >= 0.5 else decimal_text(altitude)
    # Translators: where a planet stands: "66° up in the east-south-east".
    return _("%(degrees)s° up in the %(direction)s") % {
        "degrees": degrees,
        "direction": position.compass_label,
    }


def _where_text(position: sky.SkyPosition) -> str:
    """describe(), without repeating "turned away" in every line of a turned-away place."""
    if position.is_above_horizon:
        return position.describe()
    depth = -position.altitude_deg
    return _("%(degrees)s° below the horizon") % {
        "degrees": round(depth) if depth >= 0.5 else decimal_text(depth)
    }


def duration_text(duration: timedelta) -> str:
    """'80 minutes 18 seconds', '5 minutes 27 seconds', '1.3 seconds', '4 hours 10 minutes'."""
    seconds = duration.total_seconds()
    if seconds < 60:
        # Translators: a light time under a minute, with one decimal ("1.3 seconds").
        return _("%(seconds)s seconds") % {"seconds": decimal_text(seconds)}
    whole = round(seconds)
    # Minutes up to two hours: "80 minutes" is how light time to Saturn is told.
    if whole >= 2 * 3600:
        hours, minutes = divmod(round(whole / 60), 60)
        # Translators: a light time, "4 hours 10 minutes": hours, then minutes.
        return _("%(hours)s %(minutes)s") % {
            "hours": ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours},
            "minutes": ngettext("%(count)s minute", "%(count)s minutes", minutes)
            % {"count": minutes},
        }
    minutes, secs = divmod(whole, 60)
    # Translators: a light time, "80 minutes 18 seconds": minutes, then seconds.
    return _("%(minutes)s %(seconds)s") % {
        "minutes": ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes},
        "seconds": ngettext("%(count)s second", "%(count)s seconds", secs) % {"count": secs},
    }


def event_sky(event) -> EventSky:
    """Distance, light time and the sub-target points at the window's start and end."""
    body = event.sky_target
    start, end = event.window_start, event.window_end
    return EventSky(
        body_name=sky.target_name(body),
        distance=sky.distance_and_light_time(body, start),
        sub_start=GroundPoint(*sky.sub_body_point(body, start)),
        sub_end=GroundPoint(*sky.sub_body_point(body, end)),
        window_start=start,
        window_end=end,
        camera_start=event.camera_start,
        camera_end=event.camera_end,
    )


def facing_cities(
    body: sky.Target,
    when: datetime,
    cities: Sequence[tuple[str, str, float, float]],
    limit: int = FACING_CITIES,
) -> tuple[FacingCity, ...]:
    """Big cities that face the camera at `when`: the highest target first, one per country.

    One per country, because the few cities with the target nearest the zenith are all
    neighbours, and a reader learns more from five countries than from five suburbs.
    """
    if not cities:
        return ()
    # Altitudes of all of them as plain numbers first; SkyPositions only for the chosen few.
    altitudes = sky.altitudes_many(
        body, when, [city[2] for city in cities], [city[3] for city in cities]
    )
    chosen_rows: list[int] = []
    countries: set[str] = set()
    for index in np.argsort(-altitudes, kind="stable").tolist():
        if altitudes[index] <= 0.0 or len(chosen_rows) == limit:
            break
        country = cities[index][1]
        if country not in countries:
            countries.add(country)
            chosen_rows.append(index)
    chosen_cities = [cities[index] for index in chosen_rows]
    positions = sky.where_to_look_many(
        body, when, [city[2] for city in chosen_cities], [city[3] for city in chosen_cities]
    )
    chosen = [
        FacingCity(name, country, position)
        for (name, country, _, _), position in zip(chosen_cities, positions, strict=True)
    ]
    return tuple(chosen)


def place_sky(event, place: Located, cities=None) -> PlaceSky:
    """The target from `place` at the window's start and end (vectorised path, one place).

    `cities` is a callable giving (name, country, lat, lon) of big cities; it is called only
    when the place does not face the camera at the start, to say which places do.
    """
    body = event.sky_target
    (start,) = sky.where_to_look_many(body, event.window_start, [place.latitude], [place.longitude])
    (end,) = sky.where_to_look_many(body, event.window_end, [place.latitude], [place.longitude])
    facing: tuple[FacingCity, ...] = ()
    if not start.faces_camera and cities is not None:
        facing = facing_cities(body, event.window_start, cities())
    return PlaceSky(
        place=place,
        start=start,
        end=end,
        facing_cities=facing,
        is_seen_by_eye=isinstance(body, str),
    )
