"""Canonical addresses of the cached pages: a parameter a page does not use (utm_source=…,
fbclid=…) reaches neither its links nor its cache key, so one visitor's query string never
appears in another's page (events/web/canonical.py)."""

import html
import re
from unittest import mock
from urllib.parse import unquote, urlencode

import pytest
from django.test import Client

from events.views import pages
from tests.factories import TORONTO_ID, make_event
from tests.html import text

# A CI run saw 2 renderings where a test here counts 1: the clock must stand still.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("still_clock")]

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
    """Where the page sends the visitor back to after a choice: the full zone list's
    `next`, and the address the pickers' forms open (their action and hidden fields)."""
    page = response.content.decode()
    values = {
        unquote(html.unescape(value)) for value in re.findall(r'/zones/\?next=([^"]*)"', page)
    }
    for action, fields in re.findall(
        r'<form method="get" action="([^"#]*)(?:#where)?" class="place-choose"[^>]*>(.*?)</form>',
        page,
        re.S,
    ):
        hidden = re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', fields)
        values.add(action + (f"?{urlencode(hidden, safe='/')}" if hidden else ""))
    assert values, "the page has no way back"
    return values


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
    assert f"{url}?tz=Asia/Kolkata&city={TORONTO_ID}" in next_links(response)
    assert "asia/calcutta" not in response.content.decode()


def test_coordinates_in_the_links_are_the_ones_the_page_shows(client, renders):
    event = make_event()
    url = event.get_absolute_url()
    response = client.get(url, {"lat": "43.65321", "lon": "-79.38318", "fbclid": "xyzzy"})
    assert_clean(response)
    assert f"{url}?lat=43.7&lon=-79.4" in next_links(response)
    client.get(url, {"lat": "43.7", "lon": "-79.4"})
    assert renders("events/detail.html") == 1


def test_choosing_a_place_or_zone_returns_to_the_page_without_the_junk(client, cities):
    event = make_event()
    url = event.get_absolute_url()
    page = client.get(url, {"tz": "Asia/Tokyo", "city": str(TORONTO_ID), "utm_source": "xyzzy"})
    back = f"{url}?tz=Asia/Tokyo&city={TORONTO_ID}"
    assert back in next_links(page)
    zone = client.post("/zone/", {"tz": "Europe/Paris", "next": back})
    assert zone["Location"] == f"{url}?city={TORONTO_ID}&tz=Europe%2FParis"
    # The full zone list leads back to the same page, the chosen zone in place of the old.
    full = client.get("/zones/", {"next": back}).content.decode()
    assert f'href="{url}?city={TORONTO_ID}&amp;tz=Europe/Paris"' in full


def test_a_remembered_place_comes_in_its_own_part_never_in_the_shared_page(cities):
    event = make_event()
    url = event.get_absolute_url()
    remembered = Client()
    remembered.cookies["place"] = f"city:{TORONTO_ID}"
    own = remembered.get(url)
    assert own.content == Client().get(url).content  # the page is the same for everyone
    assert "Toronto" not in text(own)
    # static/js/place.js fetches the sky section for the remembered place
    part = remembered.get(f"/events/{event.slug}/sky/", {"city": TORONTO_ID, "remembered": "1"})
    assert part["Cache-Control"].startswith("public")
    assert "remembered in this browser" in text(part) and "Forget my place" in text(part)

    linked = Client().get(url, {"city": str(TORONTO_ID)})
    assert "from the link you opened" in text(linked)
    assert f"{url}?city={TORONTO_ID}" in next_links(linked)


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
