"""Which zone an event page shows (the link's, the cookie's, or UTC, and it says which),
and the zone picker that works without JavaScript."""

import re

import pytest
from django.test import Client

from tests.factories import make_event
from tests.html import inline_scripts, local_window_text, text

pytestmark = pytest.mark.django_db


# --- which zone the page shows ---------------------------------------------------------


def test_zone_from_cookie(client):
    event = make_event()
    client.cookies["tz"] = "Asia/Kolkata"
    response = client.get(event.get_absolute_url())
    assert local_window_text(response) == "Saturday 20 July 2013, 02:57–03:12 IST, UTC+05:30"
    assert "(your browser's or your chosen zone)" in text(response)


def test_shared_link_zone_wins_over_cookie(client):
    event = make_event()
    client.cookies["tz"] = "Asia/Kolkata"
    response = client.get(f"{event.get_absolute_url()}?tz=Pacific/Chatham")
    assert local_window_text(response) == "Saturday 20 July 2013, 10:12–10:27 UTC+12:45"
    assert "(from the link you opened)" in text(response)


def test_without_zone_the_page_shows_utc_and_says_so(client):
    event = make_event()
    response = client.get(event.get_absolute_url())
    assert local_window_text(response) == "Friday 19 July 2013, 21:27–21:42 UTC+00:00"
    assert "Showing times for UTC (the default)." in text(response)
    assert 'data-zone-source="default"' in response.content.decode()


@pytest.mark.parametrize(
    "bad", ["Mars/Olympus_Mons", "<script>alert(1)</script>", "x" * 5000, "Europe/../../etc"]
)
def test_unknown_zone_gives_a_message_and_utc(client, bad):
    event = make_event()
    response = client.get(event.get_absolute_url(), {"tz": bad})
    assert response.status_code == 200
    assert local_window_text(response) == "Friday 19 July 2013, 21:27–21:42 UTC+00:00"
    assert "is not a time zone we know, so times are shown in UTC" in text(response)
    assert "<script>alert(1)" not in response.content.decode()


def test_bad_zone_cookie_does_not_break_the_page(client):
    event = make_event()
    client.cookies["tz"] = "Nowhere/Land"
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert local_window_text(response) == "Friday 19 July 2013, 21:27–21:42 UTC+00:00"


def test_pages_load_the_zone_script_and_no_inline_script(client):
    event = make_event()
    html = client.get(event.get_absolute_url()).content.decode()
    assert '<script type="module" src="/static/js/localtime.js">' in html
    assert inline_scripts(html) == []


# --- the zone picker -------------------------------------------------------------------


def test_picker_lists_zones_grouped_by_country(client):
    event = make_event()
    html = client.get(event.get_absolute_url()).content.decode()
    india = re.search(r'<optgroup label="India">(.*?)</optgroup>', html, re.S).group(1)
    assert 'value="Asia/Kolkata"' in india
    assert html.count("<optgroup") > 200
    assert '<option value="UTC" selected>' in html


def test_picker_search_works_without_javascript(client):
    event = make_event()
    html = client.get(event.get_absolute_url(), {"zone_q": "Mumbai"}).content.decode()
    options = re.findall(r'<option value="([^"]+)"', html)
    assert options == ["Asia/Kolkata"]
    assert "1 zone match “Mumbai”." in html


def test_picker_search_with_no_match_says_so(client):
    event = make_event()
    html = client.get(event.get_absolute_url(), {"zone_q": "zzzzz"}).content.decode()
    assert "No zone matches “zzzzz”." in html


def test_choosing_a_zone_remembers_it_and_returns_to_the_page(client):
    event = make_event()
    page = f"{event.get_absolute_url()}?tz=Asia/Kolkata&zone_q=paris"
    response = client.post("/zone/", {"tz": "europe/paris", "next": page})
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    cookie = response.cookies["tz"]
    assert cookie.value == "Europe/Paris"
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 365 * 24 * 3600
    follow = client.get(response["Location"])
    assert local_window_text(follow) == "Friday 19 July 2013, 23:27–23:42 CEST, UTC+02:00"


def test_choosing_an_unknown_zone_is_a_400_with_a_message(client):
    event = make_event()
    response = client.post("/zone/", {"tz": "Atlantis/Capital", "next": event.get_absolute_url()})
    assert response.status_code == 400
    assert "That is not a time zone we know." in text(response)
    assert "tz" not in response.cookies


def test_zone_picker_does_not_redirect_elsewhere(client):
    response = client.post("/zone/", {"tz": "Europe/Paris", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_zone_picker_needs_post_and_csrf(client):
    assert client.get("/zone/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/zone/", {"tz": "Europe/Paris"}).status_code == 403
