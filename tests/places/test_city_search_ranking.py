"""City search for a visitor: their own zone's cities first, and names that tell namesakes
apart by their state."""

import pytest

from events.places.cities import city_labels, search_cities
from tests.factories import make_city

pytestmark = pytest.mark.django_db


def test_the_visitors_own_zone_comes_first(pasadenas):
    texas, california = pasadenas
    assert search_cities("pasadena", zone="America/Los_Angeles") == [california, texas]
    assert search_cities("pasadena", zone="America/Chicago") == [texas, california]
    # No zone, or one without a Pasadena: the bigger first.
    assert search_cities("pasadena") == [texas, california]
    assert search_cities("pasadena", zone="Asia/Tokyo") == [texas, california]


def test_a_prefix_match_still_comes_before_a_match_in_the_middle():
    middle = make_city("South Pasadena", "US", "United States", "America/Los_Angeles")
    start = make_city("Pasadena", "US", "United States", "America/Chicago", population=1)
    assert search_cities("PASADÉNA", zone="America/Los_Angeles") == [start, middle]


def test_labels_name_the_state(pasadenas):
    assert city_labels(pasadenas) == [
        "Pasadena, Texas, United States",
        "Pasadena, California, United States",
    ]


def test_namesakes_without_a_state_name_get_their_region_code():
    one = make_city("Santa Cruz", "BR", "Brazil", admin1_code="27")
    other = make_city("Santa Cruz", "BR", "Brazil", admin1_code="05")
    alone = make_city("Toronto", "CA", "Canada", admin1_code="08")
    assert city_labels([one, other, alone]) == [
        "Santa Cruz, Brazil (region 27)",
        "Santa Cruz, Brazil (region 05)",
        "Toronto, Canada",
    ]
