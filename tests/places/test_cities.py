"""The City table: names folded for search, the search itself, loading GeoNames' cities
once, a city as a place from its number or the cookie, and the big cities."""

from io import StringIO

import pytest
from django.core.management import call_command

from events.models import City
from events.places.cities import big_cities, fold, place_from_cookie, place_of_city, search_cities
from events.refusal import Refused
from tests.factories import TORONTO_ID, make_city


@pytest.mark.parametrize(
    ("text", "folded"),
    [("São Paulo", "sao paulo"), ("Zürich", "zurich"), ("ŁÓDŹ", "łodz"), ("Straße", "strasse")],
)
def test_fold_removes_case_and_accents(text, folded):
    assert fold(text) == folded


@pytest.mark.django_db
def test_search_is_prefix_first_then_biggest_first_and_accent_blind():
    make_city("Yorkton", population=15_000)
    make_city("York", population=150_000)
    make_city("New York City", population=8_000_000)
    make_city("Zürich", population=400_000)
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


@pytest.mark.django_db
def test_a_city_by_its_geonames_id():
    make_city("Toronto", "CA", "Canada", "America/Toronto", geonameid=TORONTO_ID)
    place = place_of_city(str(TORONTO_ID))
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
    make_city("Small", population=20_000, geonameid=1)
    make_city("Big", population=9_000_000, geonameid=2, latitude=10.0, longitude=20.0)
    with django_assert_num_queries(1):
        rows = big_cities(1)
    assert rows == [("Big", "Testland", 10.0, 20.0)]
