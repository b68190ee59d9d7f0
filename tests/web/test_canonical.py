"""A page's canonical address: only the parameters it uses, in a fixed order."""

import pytest

from events.web.canonical import canonical_path


def test_keeps_the_given_order_and_leaves_out_missing_values():
    params = [("tz", "Europe/Paris"), ("city", None), ("lat", ""), ("lon", "-79.4")]
    assert canonical_path("/events/x/", params) == "/events/x/?tz=Europe/Paris&lon=-79.4"


def test_without_parameters_is_the_path_alone():
    assert canonical_path("/events/x/", []) == "/events/x/"
    assert canonical_path("/", [("tz", None)]) == "/"


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        ("a&b=c", "a%26b%3Dc"),
        ('"><script>', "%22%3E%3Cscript%3E"),
        ("Amérique", "Am%C3%A9rique"),
        ("a b#c", "a+b%23c"),
    ],
)
def test_values_are_encoded_so_they_cannot_add_a_parameter(value, encoded):
    assert canonical_path("/p/", [("tz", value)]) == f"/p/?tz={encoded}"
