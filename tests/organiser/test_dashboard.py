"""The organisers' dashboard: its numbers on a known set of sign-ups, the charts drawn on
the server, the cost in queries, and who may see it."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth.models import User

from events.models import Participant
from events.organiser.charts import bar_chart, nice_ceiling
from events.organiser.dashboard import Share, Totals, event_dashboard, event_summaries
from events.signups import broadcast
from tests.factories import make_announcement
from tests.signups import NOW, run_queued_emails, upcoming_event

pytestmark = pytest.mark.django_db

# The window starts at 21:27 UTC on 19 July 2026.
H = datetime(2026, 5, 30, 10, 0, tzinfo=UTC)  # an hour with sign-ups


def person(event, email, zone, country, created_at, confirmed=True, **fields) -> Participant:
    return Participant.objects.create(
        event=event,
        name="P",
        email=email,
        zone=zone,
        country=country,
        country_code=country[:2].upper(),
        created_at=created_at,
        confirmed_at=created_at + timedelta(minutes=5) if confirmed else None,
        **fields,
    )


@pytest.fixture
def event(set_now):
    set_now(NOW)
    event = upcoming_event()
    # Paris: window at 23:27 local; Kolkata: 02:57 the next day; Los Angeles: 14:27.
    person(event, "a@x.org", "Europe/Paris", "France", H)
    person(event, "b@x.org", "Europe/Paris", "France", H + timedelta(minutes=30))
    person(event, "c@x.org", "Europe/Paris", "France", H + timedelta(hours=2))
    person(event, "d@x.org", "Europe/Paris", "France", H + timedelta(hours=2), confirmed=False)
    person(event, "e@x.org", "Asia/Kolkata", "India", H + timedelta(days=1))
    person(event, "f@x.org", "Asia/Kolkata", "India", H + timedelta(days=1), is_generated=True)
    person(
        event,
        "g@x.org",
        "America/Los_Angeles",
        "United States",
        H + timedelta(days=2),
        wants_announcements=True,
    )
    other = upcoming_event()
    person(other, "z@x.org", "Europe/Paris", "France", H)  # another event: never counted
    return event


def test_totals_count_confirmed_pending_and_generated(event):
    assert event_dashboard(event).totals == Totals(
        signed_up=7, confirmed=6, wants_announcements=1, generated=1
    )
    assert event_dashboard(event).totals.pending == 1


def test_sign_ups_per_hour_and_per_day_in_utc_with_empty_hours_as_zero(event):
    figures = event_dashboard(event)
    hourly = dict(figures.hourly)
    assert len(figures.hourly) == 49  # 30 May 10:00 to 1 June 10:00, every hour
    assert hourly[H] == 2
    assert hourly[H + timedelta(hours=1)] == 0
    assert hourly[H + timedelta(hours=2)] == 2
    assert hourly[H + timedelta(days=1)] == 2
    assert hourly[H + timedelta(days=2)] == 1
    assert sum(hourly.values()) == 7
    assert figures.daily == (
        (date(2026, 5, 30), 4),
        (date(2026, 5, 31), 2),
        (date(2026, 6, 1), 1),
    )


def test_the_hourly_chart_keeps_only_the_last_week(set_now):
    set_now(NOW)
    event = upcoming_event()
    person(event, "old@x.org", "UTC", "", H - timedelta(days=20))
    person(event, "new@x.org", "UTC", "", H)
    figures = event_dashboard(event)
    assert len(figures.hourly) == 7 * 24
    assert figures.hourly[-1] == (H, 1)
    assert len(figures.daily) == 21 and sum(people for _, people in figures.daily) == 2


def test_top_countries_and_zones_count_confirmed_participants(event):
    figures = event_dashboard(event)
    assert figures.countries == (
        Share("France", 3),
        Share("India", 2),
        Share("United States", 1),
    )
    assert figures.zones == (
        Share("Europe/Paris", 3),
        Share("Asia/Kolkata", 2),
        Share("America/Los_Angeles", 1),
    )


def test_the_local_hour_of_the_wave_is_the_window_start_in_each_zone(event):
    hours = event_dashboard(event).wave_hours
    assert len(hours) == 24
    assert (hours[23], hours[2], hours[14]) == (3, 2, 1)
    assert sum(hours) == 6  # confirmed only


def test_announcements_sent_are_counted_per_announcement(event):
    sent = make_announcement(event, title="Sent", published_at=NOW - timedelta(hours=1))
    make_announcement(event, title="Draft", published_at=None)
    broadcast.start_broadcast(sent, include_generated=True)
    run_queued_emails()
    announcements = {
        item.announcement.title: item.progress for item in event_dashboard(event).announcements
    }
    assert announcements["Sent"].sent == 1  # the one confirmed participant who asked
    assert announcements["Draft"] == broadcast.BroadcastProgress()


@pytest.mark.parametrize("people", [1, 3], ids=["one", "three"])
def test_the_dashboard_costs_the_same_queries_however_many_sign_ups(
    set_now, django_assert_num_queries, people
):
    set_now(NOW)
    event = upcoming_event()
    for number in range(people):
        person(event, f"p{number}@x.org", "Europe/Paris", "France", H + timedelta(hours=number))
    make_announcement(event, published_at=NOW - timedelta(hours=1))
    # per hour, per zone, per country, the announcements, their emails, the totals
    with django_assert_num_queries(6):
        event_dashboard(event)


def test_event_summaries_count_every_event_in_two_group_bys(event, django_assert_num_queries):
    with django_assert_num_queries(3):
        summaries = {summary.event.pk: summary for summary in event_summaries()}
    assert (summaries[event.pk].signed_up, summaries[event.pk].confirmed) == (7, 6)


# --- the charts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "ceiling"),
    [(0, 1), (1, 1), (2, 2), (3, 5), (7, 10), (10, 10), (11, 20), (480, 500), (501, 1000)],
)
def test_the_axis_top_is_a_round_number(value, ceiling):
    assert nice_ceiling(value) == ceiling


def test_bars_are_proportional_and_sit_on_the_axis():
    chart = bar_chart([("a", 10), ("b", 5), ("c", 0)], width=348, height=136)
    tall, half, empty = chart.bars
    assert tall.height == 100 and half.height == 50 and empty.height == 0  # 100 units tall
    assert tall.y + tall.height == half.y + half.height == chart.baseline
    assert [tick.label for tick in chart.ticks] == ["0", "2", "4", "6", "8", "10"]
    assert [label.label for label in chart.labels] == ["a", "b", "c"]


def test_axis_labels_can_be_sparse():
    chart = bar_chart([("a", 1), ("b", 2), ("c", 3)], axis_labels=["x", "", "z"])
    assert [label.label for label in chart.labels] == ["x", "z"]


# --- the pages ----------------------------------------------------------------------------


@pytest.fixture
def staff_client(client):
    client.force_login(User.objects.create_superuser("organiser", "o@example.org", "pw"))
    return client


def test_the_dashboard_page_shows_the_numbers_and_svg_charts(event, staff_client):
    response = staff_client.get(f"/admin/events/event/{event.pk}/dashboard/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<svg class="chart"') == 3  # per hour, per day, local hour of the wave
    assert re.search(r'<span class="figure">7</span> signed up', html)
    assert re.search(r'<span class="figure">1</span> pending', html)
    assert '<td>02:00–02:59</td><td class="number">2</td>' in html
    # The site's CSP allows no inline style and no inline script.
    assert " style=" not in html and "<style" not in html
    assert "<script>" not in html and " onload=" not in html


def test_the_dashboard_index_links_every_event(event, staff_client):
    html = staff_client.get("/admin/events/event/dashboard/").content.decode()
    assert f'href="/admin/events/event/{event.pk}/dashboard/"' in html
    assert (
        staff_client.get("/admin/").content.decode().count('href="/admin/events/event/dashboard/"')
        == 1
    )


@pytest.mark.parametrize(
    "address", ["/admin/events/event/dashboard/", "/admin/events/event/{pk}/dashboard/"]
)
def test_the_dashboard_is_for_staff_only(event, client, address):
    address = address.format(pk=event.pk)
    response = client.get(address)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.force_login(User.objects.create_user("visitor", password="pw"))
    assert client.get(address).status_code == 302
    client.force_login(User.objects.create_user("clerk", password="pw", is_staff=True))
    assert client.get(address).status_code == 403


def test_an_unknown_event_has_no_dashboard(staff_client):
    assert staff_client.get("/admin/events/event/999/dashboard/").status_code == 404
