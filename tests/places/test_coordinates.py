"""Coordinates as typed or linked: read, rounded to a tenth of a degree, refused with a
message when they are not coordinates, and the time zone there."""

import pytest

from events.places import coordinates
from events.places.coordinates import place_at
from events.refusal import Refused


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
        ("-90.5", "0", "The latitude must be between −90 and 90 degrees; −90.5 is not."),
        ("0", "180.5", "The longitude must be between −180 and 180 degrees; 180.5 is not."),
        ("0", "-999", "The longitude must be between −180 and 180 degrees; −999 is not."),
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
