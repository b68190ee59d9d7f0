"""The one `Place`: where someone waves from, a city of the table, a pair of coordinates, or
only a time zone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from events.astro.coordinates import coordinates_text
from events.zones.catalogue import country_name, zone_country_code, zone_label

if TYPE_CHECKING:
    from events.models import City


@dataclass(frozen=True)
class Place:
    """Where someone waves from. Coordinates in degrees; None for a place known only by its
    zone (a sign-up that picked a time zone, no city)."""

    name: str
    zone: str | None
    latitude: float | None = None
    longitude: float | None = None
    city: City | None = None
    country_code: str = ""
    country: str = ""

    @property
    def label(self) -> str:
        """'Paris, France', '43.7° N, 79.4° W', or the zone as people say it: 'Kolkata'."""
        return self.name

    @property
    def geonameid(self) -> int | None:
        return self.city.geonameid if self.city is not None else None

    @property
    def is_city(self) -> bool:
        return self.city is not None

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def coordinates_text(self) -> str:
        return coordinates_text(self.latitude, self.longitude) if self.has_coordinates else ""

    @property
    def query_params(self) -> tuple[tuple[str, str], ...]:
        """The query parameters of a link that names this place: city, or lat and lon."""
        if self.city is not None:
            return (("city", str(self.geonameid)),)
        if self.has_coordinates:
            return (("lat", f"{self.latitude:g}"), ("lon", f"{self.longitude:g}"))
        return ()

    @property
    def query_string(self) -> str:
        """The query of a link that names this place: 'city=6167865' or 'lat=43.7&lon=-79.4'."""
        return "&".join(f"{name}={value}" for name, value in self.query_params)

    @property
    def cookie_value(self) -> str:
        """What the `place` cookie holds: 'city:6167865' or '43.7:-79.4'.

        A colon, not a comma: a comma would make Django quote the cookie value.
        """
        if self.city is not None:
            return f"city:{self.geonameid}"
        return f"{self.latitude:g}:{self.longitude:g}" if self.has_coordinates else ""


def zone_place(zone_name: str) -> Place:
    """A place known only by its zone; its country where one country alone uses the zone."""
    code = zone_country_code(zone_name)
    return Place(
        name=zone_label(zone_name), zone=zone_name, country_code=code, country=country_name(code)
    )
