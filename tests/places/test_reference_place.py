"""A zone's reference place: where the sky is shown from before the visitor chooses one."""

import pytest

from events.places.reference import reference_place
from tests.factories import make_city

pytestmark = pytest.mark.django_db


def test_the_city_a_zone_is_named_after_from_the_table():
    # Mumbai is the zone's biggest city, but Asia/Kolkata says Kolkata: the visitor reads it.
    make_city(
        "Mumbai",
        "IN",
        "India",
        "Asia/Kolkata",
        latitude=19.07,
        longitude=72.88,
        population=12_700_000,
    )
    kolkata = make_city(
        "Kolkata",
        "IN",
        "India",
        "Asia/Kolkata",
        latitude=22.56,
        longitude=88.36,
        population=4_600_000,
    )
    place = reference_place("Asia/Kolkata")
    assert place.city == kolkata
    assert place.name == "Kolkata, India"
    assert place.zone == "Asia/Kolkata"


def test_a_longer_name_for_the_same_place_is_found():
    new_york = make_city(
        "New York City",
        "US",
        "United States",
        "America/New_York",
        latitude=40.71,
        longitude=-74.01,
        population=8_800_000,
    )
    assert reference_place("America/New_York").city == new_york


def test_without_the_city_in_the_table_the_zone_tab_coordinates():
    # A namesake far away is another place, not the zone's.
    make_city("Kolkata", latitude=0.0, longitude=0.0)
    place = reference_place("Asia/Kolkata")
    assert not place.is_city
    assert place.name == "Kolkata"
    assert (round(place.latitude, 2), round(place.longitude, 2)) == (22.53, 88.37)
    assert place.zone == "Asia/Kolkata"
    assert place.country == "India"


def test_a_zone_named_after_no_city_is_placed_where_zone_tab_says():
    place = reference_place("Antarctica/McMurdo")
    assert place.name == "McMurdo"
    assert round(place.latitude) == -78 and round(place.longitude) == 167


def test_utc_has_no_reference_place():
    assert reference_place("UTC") is None
    assert reference_place("Etc/GMT+5") is None


def test_each_language_gets_the_place_named_in_its_own_words():
    # Kept in the cache per language: the first page to ask (German here) must not name
    # the place for the next one (French).
    from django.core.cache import cache
    from django.utils import translation

    from tests.factories import make_real_cities

    make_real_cities()
    cache.clear()
    with translation.override("de"):
        assert reference_place("America/Toronto").name == "Toronto, Kanada"
    with translation.override("fr"):
        assert reference_place("America/Toronto").name == "Toronto, Canada"
    with translation.override("ja"):
        assert reference_place("America/Toronto").name == "Toronto, カナダ"
