"""Found and shown well: schema.org JSON-LD on event pages, and the site's icons."""

import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from PIL import Image

from events.models import Event
from events.sharing.structured import event_json_ld
from tests.factories import CASSINI_END, CASSINI_START, make_event
from tests.html import inline_scripts, meta_tags

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def test_the_event_page_describes_the_event_for_search_engines(client):
    event = make_event()
    html = client.get(event.get_absolute_url()).content.decode()
    data = json_ld(html)
    assert data["@type"] == "Event" and data["name"] == event.title
    # the wave window on Earth, in UTC
    assert (data["startDate"], data["endDate"]) == ("2013-07-19T21:27:00Z", "2013-07-19T21:42:00Z")
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["url"].endswith(event.get_absolute_url())
    assert "/share.png" in data["image"][0]
    # a data block, not code: the no-inline-script rule still holds
    assert inline_scripts(html) == []


def test_the_window_is_given_in_utc_whatever_zone_the_times_are_in():
    paris = ZoneInfo("Europe/Paris")
    event = Event(
        title="Wave",
        summary="Go outside.",
        target="Saturn",
        window_start=datetime(2026, 7, 19, 23, 27, tzinfo=paris),  # 21:27 UTC (summer time)
        window_end=datetime(2026, 7, 20, 0, 12, tzinfo=paris),  # the next day in Paris
    )
    data = event_json_ld(event, "https://example.org/events/wave/", "https://example.org/i.png")
    assert (data["startDate"], data["endDate"]) == ("2026-07-19T21:27:00Z", "2026-07-19T22:12:00Z")
    assert data["location"]["@type"] == "Place" and "Saturn" in data["location"]["name"]


def test_a_past_event_is_still_scheduled_not_cancelled(client, clock):
    event = make_event()
    seen = []
    for moment in (CASSINI_START - timedelta(hours=1), CASSINI_END + timedelta(days=1)):
        clock.move_to(moment)
        seen.append(json_ld(client.get(event.get_absolute_url()).content.decode()))
    before, after = seen
    assert after["eventStatus"] == before["eventStatus"] == "https://schema.org/EventScheduled"
    assert after["startDate"] == before["startDate"] == "2013-07-19T21:27:00Z"


def test_a_title_cannot_break_out_of_the_data_block(client):
    event = make_event(title="</script><script>alert(1)</script>")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
    assert json_ld(html)["name"] == "</script><script>alert(1)</script>"


def test_an_executable_inline_script_is_still_caught():
    assert inline_scripts('<script>alert(1)</script><script type="module">x</script>') == [
        "<script>",
        '<script type="module">',
    ]


def test_a_json_ld_data_block_is_not_an_inline_script():
    page = '<script type="application/ld+json">{}</script><script src="/static/js/a.js"></script>'
    assert inline_scripts(page) == []
    # ... but a data block beside code does not hide the code
    assert inline_scripts(page + "<script>alert(1)</script>") == ["<script>"]


def test_the_event_page_keeps_a_website_og_type(client):
    event = make_event()
    tags = meta_tags(client.get(event.get_absolute_url()).content.decode())
    assert tags["og:type"] == "website"  # Open Graph has no event type


def test_the_home_page_has_a_link_preview(client):
    html = client.get("/").content.decode()
    tags = meta_tags(html)
    assert tags["og:type"] == "website"
    assert "wave at the spacecraft" in tags["og:title"]
    assert tags["og:description"]
    assert tags["og:url"] == settings.SITE_URL + "/"
    image = tags["og:image"]
    assert image == settings.SITE_URL + "/static/img/og-home.png"
    with Image.open(finders.find("img/og-home.png")) as picture:
        assert picture.size == (1200, 630)
        assert picture.size == (int(tags["og:image:width"]), int(tags["og:image:height"]))
    assert inline_scripts(html) == []


def test_every_page_links_its_icons_and_favicon_ico_leads_to_one(client):
    html = client.get("/").content.decode()
    for rel in ('rel="icon" href="/static/favicon.svg"', 'rel="apple-touch-icon"'):
        assert rel in html
    assert 'rel="icon" href="/static/img/favicon-32.png" type="image/png"' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 302  # not 301: the target's hashed name changes
    assert response["Location"] == "/static/img/favicon-32.png"
    # ... an icon that is there
    for path in ("img/favicon-32.png", "img/apple-touch-icon.png", "favicon.svg"):
        assert finders.find(path), path
    with Image.open(finders.find("img/apple-touch-icon.png")) as touch_icon:
        assert touch_icon.size == (180, 180)
