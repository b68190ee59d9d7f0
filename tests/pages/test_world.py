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
    assert html.count("(next day)") > 30
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
        row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*?{re.escape(zone)}</a></td>\s*</tr>", html, re.S)
        return visible(re.findall(r"<td>(.*?)</td>", row.group(0), re.S)[3])

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
