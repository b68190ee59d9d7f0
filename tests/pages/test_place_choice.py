"""Choosing a place: the city search (JSON, and a list without JavaScript), and the place
remembered in a cookie."""

import re

import pytest
from django.test import Client

from tests.factories import TORONTO_ID, make_event
from tests.html import text, visible

pytestmark = pytest.mark.django_db


# --- the search box's JSON ------------------------------------------------------------------


def test_search_answers_json_biggest_prefix_first_and_may_be_cached(client, cities):
    response = client.get("/places/search/", {"q": "sao"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    body = response.json()
    assert body["query"] == "sao"
    assert body["results"] == [
        {
            "id": 3448439,
            "name": "São Paulo",
            "region": "",
            "region_code": "",
            "country": "Brazil",
            "label": "São Paulo, Brazil",
            "latitude": -23.55,
            "longitude": -46.64,
            "zone": "America/Sao_Paulo",
            "population": 10_000_000,
        }
    ]


@pytest.mark.parametrize("query", ["", "   ", "zzzzzz", "x" * 5000, "<script>", "%", "_"])
def test_search_with_nothing_to_find_answers_an_empty_list(client, cities, query):
    response = client.get("/places/search/", {"q": query})
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_search_without_javascript_lists_cities_to_choose(client, cities):
    event = make_event()
    html = client.get(event.get_absolute_url(), {"place_q": "to"}).content.decode()
    options = re.findall(r'<option value="(\d+)">([^<]*)</option>', html)
    assert options[:2] == [
        ("1850147", "Tokyo, Japan (8,300,000 people)"),
        (str(TORONTO_ID), "Toronto, Canada (2,600,000 people)"),
    ]
    assert "2 cities match “to”" in visible(html)


# --- remembering the place ----------------------------------------------------------------


def test_choosing_a_city_remembers_it_and_goes_back_without_the_link_place(client, cities):
    event = make_event()
    back = f"{event.get_absolute_url()}?lat=1&lon=2&place_q=tor&tz=Asia/Tokyo"
    response = client.post("/place/", {"city": str(TORONTO_ID), "next": back})
    assert response.status_code == 302
    location = f"{event.get_absolute_url()}?tz=Asia/Tokyo&city={TORONTO_ID}#where"
    assert response["Location"] == location
    cookie = response.cookies["place"]
    assert cookie.value == f"city:{TORONTO_ID}"
    # Read by static/js/place.js on the next visit: not HttpOnly (it holds a place, no secret)
    assert cookie["samesite"] == "Lax" and not cookie["httponly"]
    assert "From Toronto, Canada" in text(client.get(location))


def test_giving_coordinates_keeps_them_to_a_tenth_of_a_degree(client):
    response = client.post("/place/", {"lat": "43.65321", "lon": "-79.38318", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["place"].value == "43.7:-79.4"


@pytest.mark.parametrize(
    "data",
    [
        {"lat": "95", "lon": "0"},
        {"lat": "0", "lon": "200"},
        {"lat": "abc", "lon": "0"},
        {"lat": "", "lon": ""},
        {"city": "nope"},
        {"city": "424242424"},
    ],
    ids=["lat", "lon", "word", "empty", "city-word", "city-unknown"],
)
def test_a_bad_place_is_a_400_with_a_message_and_no_cookie(client, data):
    response = client.post("/place/", {**data, "next": "/"})
    assert response.status_code == 400
    assert "That place is not one we can use" in text(response)
    assert "place" not in response.cookies


def test_forgetting_the_place_deletes_the_cookie(client):
    client.cookies["place"] = "43.7:-79.4"
    response = client.post("/place/", {"forget": "1", "next": "/"})
    assert response.cookies["place"].value == ""
    assert response.cookies["place"]["max-age"] == 0


def test_place_form_does_not_redirect_elsewhere_and_needs_post_and_csrf(client):
    response = client.post("/place/", {"lat": "1", "lon": "2", "next": "https://evil.example/"})
    assert response["Location"] == "/?lat=1&lon=2#where"
    assert client.get("/place/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/place/", {"lat": "1", "lon": "2"}).status_code == 403
