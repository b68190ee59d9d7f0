"""Add to calendar: the .ics file parses back with the same times, a stable UID and the
reminder; the Google Calendar link carries the same window."""

import html
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest

from events.sharing.calendar import event_calendar, google_calendar_url
from tests.factories import SITE, make_event

pytestmark = pytest.mark.django_db


def only_event(body: bytes) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(body)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return events[0]


def test_ics_file_round_trips_with_the_same_times(client, django_assert_num_queries):
    event = make_event(title="Wave at Saturn")
    with django_assert_num_queries(1):
        response = client.get(f"/events/{event.slug}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    body = response.content
    calendar = icalendar.Calendar.from_ical(body)
    assert str(calendar["version"]) == "2.0"
    assert "wavesite" in str(calendar["prodid"])
    vevent = only_event(body)
    assert vevent.decoded("dtstart") == datetime(2013, 7, 19, 21, 27, tzinfo=UTC)
    assert vevent.decoded("dtend") == datetime(2013, 7, 19, 21, 42, tzinfo=UTC)
    # Written in UTC ("Z"), which every calendar program converts to its owner's zone.
    assert b"DTSTART:20130719T212700Z" in body
    assert b"DTEND:20130719T214200Z" in body
    assert str(vevent["summary"]) == "Wave at Saturn"
    assert str(vevent["url"]) == f"{SITE}/events/{event.slug}/"
    assert f"{SITE}/events/{event.slug}/" in str(vevent["description"])


def test_ics_has_a_reminder_15_minutes_before():
    event = make_event()
    alarms = list(only_event(event_calendar(event, "https://x.test/")).walk("VALARM"))
    assert len(alarms) == 1
    assert alarms[0].decoded("trigger") == timedelta(minutes=-15)
    assert str(alarms[0]["action"]) == "DISPLAY"


def test_uid_is_stable_across_downloads_and_edits_and_differs_between_events(client):
    event = make_event()
    url = f"/events/{event.slug}/calendar.ics"
    first = str(only_event(client.get(url).content)["uid"])
    assert str(only_event(client.get(url).content)["uid"]) == first
    event.title = "Renamed"
    event.window_start += timedelta(hours=1)
    event.window_end += timedelta(hours=1)
    event.save()
    edited = only_event(client.get(url).content)
    assert str(edited["uid"]) == first
    assert edited.decoded("dtstart") == datetime(2013, 7, 19, 22, 27, tzinfo=UTC)
    other = make_event()
    assert str(only_event(client.get(f"/events/{other.slug}/calendar.ics").content)["uid"]) != first
    assert first == f"event-{event.pk}@127.0.0.1"


def test_same_event_gives_the_same_bytes_and_etag(client):
    event = make_event()
    url = f"/events/{event.slug}/calendar.ics"
    first, second = client.get(url), client.get(url)
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_window_crossing_midnight_keeps_both_dates():
    event = make_event(
        window_start=datetime(2026, 3, 28, 23, 55, tzinfo=UTC),
        window_end=datetime(2026, 3, 29, 0, 10, tzinfo=UTC),
    )
    vevent = only_event(event_calendar(event, "https://x.test/"))
    assert vevent.decoded("dtstart") == datetime(2026, 3, 28, 23, 55, tzinfo=UTC)
    assert vevent.decoded("dtend") == datetime(2026, 3, 29, 0, 10, tzinfo=UTC)


def test_google_calendar_link_has_the_window_in_utc():
    event = make_event(title="Wave at Saturn")
    link = urlsplit(google_calendar_url(event, f"{SITE}/events/{event.slug}/"))
    assert (link.scheme, link.hostname, link.path) == (
        "https",
        "calendar.google.com",
        "/calendar/render",
    )
    query = parse_qs(link.query)
    assert query["action"] == ["TEMPLATE"]
    assert query["text"] == ["Wave at Saturn"]
    assert query["dates"] == ["20130719T212700Z/20130719T214200Z"]
    assert f"{SITE}/events/{event.slug}/" in query["details"][0]


def test_event_page_links_to_all_three_before_the_event(client, clock):
    clock.move_to(datetime(2013, 7, 1, tzinfo=UTC))
    event = make_event()
    page = client.get(event.get_absolute_url()).content.decode()
    assert f'href="/events/{event.slug}/calendar.ics" download>Add to your calendar' in page
    google = html.unescape(re.search(r'href="(https://calendar\.google\.com[^"]+)"', page).group(1))
    assert parse_qs(urlsplit(google).query)["dates"] == ["20130719T212700Z/20130719T214200Z"]
    outlook = html.unescape(re.search(r'href="(https://outlook\.live\.com[^"]+)"', page).group(1))
    query = parse_qs(urlsplit(outlook).query)
    assert (query["startdt"], query["enddt"]) == (
        ["2013-07-19T21:27:00Z"],
        ["2013-07-19T21:42:00Z"],
    )
    assert f"{SITE}/events/{event.slug}/" in query["body"][0]


def test_past_event_page_offers_no_calendar(client, clock):
    clock.move_to(datetime(2026, 1, 1, tzinfo=UTC))
    event = make_event()
    page = client.get(event.get_absolute_url()).content.decode()
    assert "calendar.ics" not in page


def test_draft_calendar_is_404_to_the_public(client):
    event = make_event(status="draft")
    assert client.get(f"/events/{event.slug}/calendar.ics").status_code == 404
