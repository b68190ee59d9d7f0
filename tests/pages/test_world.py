"""The world page: the window in every zone places use, its CSV, and for each zone whether
the target is up."""

import re

import pytest

from events.zones.catalogue import place_zone_names
from tests.factories import make_event
from tests.html import visible

pytestmark = pytest.mark.django_db


def test_world_page_lists_every_zone(client):
    event = make_event()
    response = client.get(f"/events/{event.slug}/times/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Asia/Kathmandu", "Pacific/Kiritimati", "America/Los_Angeles", "Antarctica/Troll"):
        assert f'?tz={name}"' in html
    # The groups east of UTC+02:30 (the window ends at 21:42 UTC) start the next day.
    assert html.count("(next day)") > 10
    assert f"all {len(place_zone_names())} time zones" in html


def test_world_page_query_count(client, django_assert_num_queries):
    event = make_event()
    with django_assert_num_queries(2):  # the event's version (page cache key), the event
        client.get(f"/events/{event.slug}/times/")


def test_csv_download(client):
    event = make_event()
    response = client.get(f"/events/{event.slug}/times.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{event.slug}-world-times.csv"'
    )
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeffutc_offset_start,")
    assert len(body.strip().splitlines()) == len(place_zone_names()) + 1


def test_world_page_of_a_draft_is_not_public(client):
    event = make_event(status="draft")
    assert client.get(f"/events/{event.slug}/times/").status_code == 404
    assert client.get(f"/events/{event.slug}/times.csv").status_code == 404


# --- whether the target is up --------------------------------------------------------


def test_world_page_says_for_each_zone_whether_saturn_is_up(client):
    event = make_event()
    html = client.get(f"/events/{event.slug}/times/").content.decode()

    def cell(zone: str) -> str:
        row = re.search(
            rf"<tr[^>]*>(?:(?!</tr>).)*?{re.escape(zone)}</a>[^<]*</td></tr>", html, re.S
        )
        return visible(re.findall(r"<td>(.*?)</td>", row.group(0), re.S)[1])

    assert "Saturn up? (largest city)" in visible(html)
    assert cell("America/Toronto") == "Yes, 28° up"
    assert cell("America/Sao_Paulo").startswith("Yes")
    assert cell("Asia/Tokyo") == "No, below the horizon"
    # No city of 15,000+: the place the zone is named after (tzdata), McMurdo Station.
    assert cell("Antarctica/McMurdo") == "Yes, 1° up"


def test_world_page_query_count_is_unchanged_by_the_column(client, django_assert_num_queries):
    event = make_event()
    # the event's version (for the page cache's key) and the event; the column reads
    # shipped data, not the database
    with django_assert_num_queries(2):
        client.get(f"/events/{event.slug}/times/?tz=Asia/Kolkata")


def test_each_offset_says_its_window_once_and_the_page_keeps_within_its_size(client):
    """Issue 13's budget for the world page (120 KB): the zones of an offset share its
    window and date, so they are written once, in the group's heading cell."""
    event = make_event()
    html = client.get(f"/events/{event.slug}/times/").content
    page = html.decode()
    page = page[page.index('<table class="world-times">') :]
    groups = page.count('<tbody class="offset-group')
    assert groups > 30
    assert page.count("<time ") == 2 * groups
    assert page.count('scope="rowgroup"') == groups
    assert page.count("<tr") == len(place_zone_names()) + 1  # and the heading row
    assert len(html) < 120_000
    # New York's row: its group says the window; the row names the zone's abbreviation.
    new_york = re.search(r"<tbody[^>]*>(?:(?!</tbody>).)*?America/New_York</a> EDT", page, re.S)
    assert "UTC-04:00<br>" in new_york.group(0)
    assert ">17:27</time>–<time" in new_york.group(0)
