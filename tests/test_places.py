"""events.places: the largest cities per zone, and the City table's search."""

from io import StringIO

import pytest
from django.core.management import call_command

from events.models import City
from events.places import fold, largest_cities, search_cities


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
