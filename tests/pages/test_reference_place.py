"""Where to look without asking: the page shows the sky from its zone's reference place and
says so; a search lists the visitor's zone's cities first, with their state; the sign-up
form starts with the city chosen for the sky."""

import re

import pytest

from tests.factories import NOW, TORONTO_ID, make_city, make_event, upcoming_event
from tests.html import section, text, visible

pytestmark = pytest.mark.django_db


def sky_section_text(response) -> str:
    return visible(section(response.content.decode(), "sky"))


@pytest.fixture
def kolkata():
    return make_city("Kolkata", "IN", "India", "Asia/Kolkata", latitude=22.56, longitude=88.36)


def test_with_only_a_zone_the_sky_is_shown_from_its_main_city(client, kolkata):
    event = make_event()
    response = client.get(event.get_absolute_url(), {"tz": "Asia/Kolkata"})
    page = sky_section_text(response)
    assert (
        "From Kolkata, the main city of your time zone (Asia/Kolkata) — not there? "
        "Choose your place." in page
    )
    assert "From Kolkata, India" in page  # the sky block itself
    assert "Saturn at the start" in page
    assert re.search(r'<a href="#place">Choose your place</a>', response.content.decode())
    # The map marks it too, at an address of its own.
    assert f"map.svg?city={kolkata.geonameid}" in response.content.decode()


def test_a_zone_without_its_city_in_the_table_uses_zone_tab_coordinates(client):
    event = make_event()
    page = sky_section_text(client.get(event.get_absolute_url(), {"tz": "Antarctica/McMurdo"}))
    assert "From McMurdo, the place of your time zone (Antarctica/McMurdo)" in page
    assert "Saturn at the start" in page


def test_a_chosen_place_is_not_called_the_zones(client, cities):
    event = make_event()
    response = client.get(event.get_absolute_url(), {"tz": "Asia/Kolkata", "city": TORONTO_ID})
    page = sky_section_text(response)
    assert "From Toronto, Canada" in page
    assert "of your time zone" not in page


def test_utc_has_no_reference_place_and_the_page_asks(client):
    page = sky_section_text(client.get(make_event().get_absolute_url()))
    assert "Choose your place below to see where Saturn stands" in page
    assert "of your time zone" not in page


def test_the_sky_part_for_a_zone_alone_says_the_same(client, kolkata):
    event = make_event()
    response = client.get(f"{event.get_absolute_url()}sky/", {"tz": "Asia/Kolkata"})
    assert "From Kolkata, the main city of your time zone" in visible(response.content.decode())


# --- the search: the visitor's zone first, the state named --------------------------------


def test_the_search_json_lists_the_visitors_zone_first_with_states(client, pasadenas):
    texas, california = pasadenas
    for zone, order, label in [
        ("America/Los_Angeles", [california, texas], "Pasadena, California, United States"),
        ("America/Chicago", [texas, california], "Pasadena, Texas, United States"),
    ]:
        results = client.get("/places/search/", {"q": "pasa", "tz": zone}).json()["results"]
        assert [city["id"] for city in results] == [city.geonameid for city in order]
        assert results[0]["label"] == label
        assert results[0]["region"] == label.split(", ")[1]
        assert results[0]["region_code"] == order[0].admin1_code
    # A name that is no zone ranks nothing: the bigger first.
    results = client.get("/places/search/", {"q": "pasa", "tz": "Not/A_Zone"}).json()["results"]
    assert [city["id"] for city in results] == [texas.geonameid, california.geonameid]


def test_without_javascript_the_list_is_ranked_and_named_the_same(client, pasadenas):
    event = make_event()
    response = client.get(
        event.get_absolute_url(), {"tz": "America/Los_Angeles", "place_q": "pasadena"}
    )
    options = re.findall(r'<option value="\d+">([^<]*)</option>', response.content.decode())
    assert options == [
        "Pasadena, California, United States (142,250 people)",
        "Pasadena, Texas, United States (153,784 people)",
    ]


# --- the sign-up form starts with the place chosen for the sky -----------------------------


def signup_fields(response) -> dict[str, str]:
    html = response.content.decode()
    form = re.search(r"<form[^>]*data-signup-form.*?</form>", html, re.S)
    found = {}
    for name in ("city_query", "tz"):
        found[name] = re.search(rf'name="{name}"[^>]*value="([^"]*)"', form.group(0)).group(1)
    chosen = re.search(r'<option value="(\d+)" selected>([^<]*)</option>', form.group(0))
    found["city"] = chosen.group(1) if chosen else ""
    return found


def test_the_signup_form_starts_with_the_city_of_the_link(client, clock, cities):
    clock.move_to(NOW)
    event = upcoming_event()
    response = client.get(event.get_absolute_url(), {"city": TORONTO_ID})
    assert signup_fields(response) == {
        "city_query": "Toronto",
        "tz": "America/Toronto",
        "city": str(TORONTO_ID),
    }


def test_the_signup_form_starts_with_the_zone_alone_not_its_reference_city(client, clock, kolkata):
    clock.move_to(NOW)
    event = upcoming_event()
    response = client.get(event.get_absolute_url(), {"tz": "Asia/Kolkata"})
    assert "From Kolkata, the main city" in text(response)
    assert signup_fields(response) == {"city_query": "", "tz": "Asia/Kolkata", "city": ""}


def test_a_remembered_city_is_marked_for_the_signup_form_script(client, cities):
    # The page never reads the cookie: static/js/place.js swaps in the sky part and puts
    # the remembered city in the sign-up form from these attributes.
    event = make_event()
    response = client.get(
        f"{event.get_absolute_url()}sky/", {"city": TORONTO_ID, "remembered": "1"}
    )
    html = response.content.decode()
    assert f'data-chosen-city="{TORONTO_ID}"' in html
    assert 'data-chosen-city-name="Toronto"' in html
    shared = client.get(f"{event.get_absolute_url()}sky/", {"city": TORONTO_ID})
    assert "data-chosen-city" not in shared.content.decode()
