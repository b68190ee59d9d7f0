"""A zone's reference place: where the sky is shown from before a visitor chooses a place.

The place tzdata names the zone after (zone.tab's principal location: Asia/Kolkata →
Kolkata), as the City row there when the table has one, else as its coordinates; for a zone
zone.tab does not list, its largest city. UTC and the Etc/ zones have none.
"""

import math

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from events.models import City
from events.places.cities import city_place, fold
from events.places.place import Place
from events.zones.catalogue import country_name, zone_country_code
from events.zones.reference import principal_location, zone_location

# zone.tab gives a city's centre to the minute of arc; GeoNames may put it a few km away
# (another district, the old town). Farther than this, a namesake is another place.
SAME_PLACE_KM = 30
# Namesakes of a zone's city looked at, biggest first ("London" has a dozen).
NAMESAKES = 20
EARTH_RADIUS_KM = 6371.0


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    # Equirectangular: within 1% of the great circle over the few tens of km compared here.
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return EARTH_RADIUS_KM * math.hypot(x, y)


def _city_at(name: str, lat: float, lon: float) -> City | None:
    """The biggest city of the table whose name starts with `name` (any case, any accents:
    'New York' finds New York City) and that stands within SAME_PLACE_KM of (lat, lon)."""
    namesakes = City.objects.filter(search_name__startswith=fold(name))[:NAMESAKES]
    for city in namesakes:  # biggest first (City's ordering)
        if _distance_km(lat, lon, city.latitude, city.longitude) <= SAME_PLACE_KM:
            return city
    return None


# A zone's reference place changes only when the city table is loaded again: kept in the
# cache for an hour (a rush of waves or page renders asks for a handful of zones).
REFERENCE_SECONDS = 3600
_NONE = "none"


def reference_place(zone_name: str) -> Place | None:
    """_reference_place, kept in the cache (one query and a scan of names otherwise), per
    language: a city's place is named with its country in the page's language ("Toronto,
    Kanada"), which a French page must not be given."""
    key = f"reference-place:{get_language() or settings.LANGUAGE_CODE}:{zone_name}"
    found = cache.get(key)
    if found is None:
        found = _reference_place(zone_name) or _NONE
        cache.set(key, found, REFERENCE_SECONDS)
    return None if found == _NONE else found


def _reference_place(zone_name: str) -> Place | None:
    """Where a visitor of `zone_name` is shown the sky from until they choose a place: the
    place tzdata names the zone after (a City row if the table has it, at most one query),
    else the zone's largest city; None for UTC and zones without a place."""
    principal = principal_location(zone_name)
    name, lat, lon = principal or zone_location(zone_name) or (None, None, None)
    if name is None:
        return None
    if city := _city_at(name, lat, lon):
        return city_place(city)
    code = zone_country_code(zone_name)
    return Place(
        name=name,
        zone=zone_name,
        latitude=lat,
        longitude=lon,
        country_code=code,
        country=country_name(code),
    )
