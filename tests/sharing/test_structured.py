"""Found and shown well: schema.org JSON-LD on event pages, and the site's icons."""

import json
import re

import pytest

from tests.factories import make_event
from tests.html import inline_scripts

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


def test_every_page_links_its_icons_and_favicon_ico_leads_to_one(client):
    html = client.get("/").content.decode()
    for rel in ('rel="icon" href="/static/favicon.svg"', 'rel="apple-touch-icon"'):
        assert rel in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon-32.png"
