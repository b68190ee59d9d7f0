"""Canonical addresses of the cached pages: a parameter a page does not use (utm_source=…,
fbclid=…) reaches neither its links nor its cache key, so one visitor's query string never
appears in another's page (events/web/canonical.py)."""

import html
import re
from unittest import mock

import pytest
from django.test import Client

from events.views import pages
from tests.factories import TORONTO_ID, make_event
from tests.html import text

pytestmark = pytest.mark.django_db

# "xyzzy" is in no zone's or city's name ("evil" is: Libreville).
JUNK = [
    {"utm_source": "xyzzy<script>"},
    {"fbclid": "xyzzy-IwAR0"},
    {"xyzzy": "1"},
    {'"><script>xyzzy': "1"},
]


@pytest.fixture
def renders(monkeypatch):
    """The pages rendered, by template name."""
    spy = mock.Mock(wraps=pages.render_to_string)
    monkeypatch.setattr(pages, "render_to_string", spy)
    return lambda template: sum(1 for call in spy.call_args_list if call.args[0] == template)


def next_links(response) -> set[str]:
    """Where the page's forms send the visitor back to after a choice."""
    values = re.findall(r'name="next" value="([^"]*)"', response.content.decode())
    assert values, "the page has no form with a way back"
    return {html.unescape(value) for value in values}


def assert_clean(response):
    page = response.content.decode()
    assert "xyzzy" not in page and "utm_source" not in page and "fbclid" not in page


# --- the event page ----------------------------------------------------------------------


@pytest.mark.parametrize("junk", JUNK)
def test_event_page_keeps_no_visitors_junk_for_the_next(renders, junk):
    event = make_event()
    url = event.get_absolute_url()
    first = Client().get(url, {**junk, "tz": "Europe/Paris"})
    second = Client().get(url, {"tz": "Europe/Paris"})
    assert_clean(first)
    assert_clean(second)
    assert next_links(first) == next_links(second) == {f"{url}?tz=Europe/Paris"}
    assert renders("events/detail.html") == 1


def test_event_page_with_junk_is_the_same_cache_entry(client, renders):
    event = make_event()
    url = event.get_absolute_url()
    plain = client.get(url, {"tz": "Europe/Paris"})
    with_junk = client.get(url, {"tz": "Europe/Paris", "junk": "1"})
    # One rendering (the bodies differ only by the masked CSRF token): the same ETag.
    assert with_junk["ETag"] == plain["ETag"]
    assert renders("events/detail.html") == 1


def test_event_page_links_keep_the_zone_and_place_it_uses(client, cities):
    event = make_event()
    url = event.get_absolute_url()
    response = client.get(
        url, {"utm_source": "xyzzy", "city": str(TORONTO_ID), "tz": "asia/calcutta"}
    )
    assert_clean(response)
    # Fixed order, the zone's canonical name: the link means what the page shows.
    assert next_links(response) == {f"{url}?tz=Asia/Kolkata&city={TORONTO_ID}"}
    assert "asia/calcutta" not in response.content.decode()


def test_coordinates_in_the_links_are_the_ones_the_page_shows(client, renders):
    event = make_event()
    url = event.get_absolute_url()
    response = client.get(url, {"lat": "43.65321", "lon": "-79.38318", "fbclid": "xyzzy"})
    assert_clean(response)
    assert next_links(response) == {f"{url}?lat=43.7&lon=-79.4"}
    client.get(url, {"lat": "43.7", "lon": "-79.4"})
    assert renders("events/detail.html") == 1


def test_choosing_a_place_or_zone_returns_to_the_page_without_the_junk(client, cities):
    event = make_event()
    url = event.get_absolute_url()
    page = client.get(url, {"tz": "Asia/Tokyo", "city": str(TORONTO_ID), "utm_source": "xyzzy"})
    (back,) = next_links(page)
    place = client.post("/place/", {"city": str(TORONTO_ID), "next": back})
    assert place["Location"] == f"{url}?tz=Asia%2FTokyo#where"
    zone = client.post("/zone/", {"tz": "Europe/Paris", "next": back})
    assert zone["Location"] == f"{url}?city={TORONTO_ID}"


def test_a_linked_place_is_not_served_the_page_of_a_remembered_one(cities):
    event = make_event()
    url = event.get_absolute_url()
    remembered = Client()
    remembered.cookies["place"] = f"city:{TORONTO_ID}"
    own = remembered.get(url)
    assert "remembered in this browser" in text(own) and "Forget my place" in text(own)
    assert next_links(own) == {url}

    linked = Client().get(url, {"city": str(TORONTO_ID)})
    assert "from the link you opened" in text(linked)
    assert "Forget my place" not in text(linked)
    assert next_links(linked) == {f"{url}?city={TORONTO_ID}"}


# --- the world page and the home page ----------------------------------------------------


@pytest.mark.parametrize("junk", JUNK)
def test_world_page_keeps_no_visitors_junk_for_the_next(monkeypatch, junk):
    spy = mock.Mock(wraps=pages.world_times)
    monkeypatch.setattr(pages, "world_times", spy)
    url = f"/events/{make_event().slug}/times/"
    first = Client().get(url, {**junk, "tz": "Europe/Paris"})
    second = Client().get(url, {"tz": "Europe/Paris"})
    assert_clean(first)
    assert_clean(second)
    assert first.content == second.content and first["ETag"] == second["ETag"]
    assert spy.call_count == 1


def test_home_page_links_carry_only_the_zone(client):
    make_event()
    response = client.get("/", {"tz": "Europe/Paris", "utm_source": "xyzzy"})
    assert_clean(response)
    assert next_links(response) == {"/?tz=Europe/Paris"}
