"""The organisers' dashboard: its numbers on a known set of sign-ups, the charts drawn on
the server, the cost in queries, and who may see it."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from events.organiser.dashboard import Share, Totals, event_dashboard, event_summaries
from events.signups import broadcast, sending
from tests.access import STAFF_ONLY, answers_by_visitor
from tests.emails import run_queued_emails
from tests.factories import NOW, make_announcement, make_event, make_participant, upcoming_event

pytestmark = pytest.mark.django_db

# The window starts at 21:27 UTC on 19 July 2026.
H = datetime(2026, 5, 30, 10, 0, tzinfo=UTC)  # an hour with sign-ups


PARIS = {"zone": "Europe/Paris", "country": "France"}
KOLKATA = {"zone": "Asia/Kolkata", "country": "India"}
LOS_ANGELES = {"zone": "America/Los_Angeles", "country": "United States"}


@pytest.fixture
def event(clock):
    clock.move_to(NOW)
    event = upcoming_event()
    # Paris: window at 23:27 local; Kolkata: 02:57 the next day; Los Angeles: 14:27.
    make_participant(event, **PARIS, created_at=H)
    make_participant(event, **PARIS, created_at=H + timedelta(minutes=30))
    make_participant(event, **PARIS, created_at=H + timedelta(hours=2))
    make_participant(event, **PARIS, created_at=H + timedelta(hours=2), confirmed=False)
    make_participant(event, **KOLKATA, created_at=H + timedelta(days=1))
    make_participant(event, **KOLKATA, created_at=H + timedelta(days=1), is_generated=True)
    make_participant(
        event, **LOS_ANGELES, created_at=H + timedelta(days=2), wants_announcements=True
    )
    other = upcoming_event()
    make_participant(other, **PARIS, created_at=H)  # another event: never counted
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


def test_the_hourly_chart_keeps_only_the_last_week(clock):
    clock.move_to(NOW)
    event = upcoming_event()
    make_participant(event, created_at=H - timedelta(days=20))
    make_participant(event, created_at=H)
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
    assert announcements["Draft"] == sending.BroadcastProgress()


@pytest.mark.parametrize("people", [1, 3], ids=["one", "three"])
def test_the_dashboard_costs_the_same_queries_however_many_sign_ups(
    clock, django_assert_num_queries, people
):
    clock.move_to(NOW)
    event = upcoming_event()
    for number in range(people):
        make_participant(event, **PARIS, created_at=H + timedelta(hours=number))
    make_announcement(event, published_at=NOW - timedelta(hours=1))
    # per hour, per zone, per country, the announcements, their emails, the totals
    with django_assert_num_queries(6):
        event_dashboard(event)


def test_event_summaries_count_every_event_in_two_group_bys(event, django_assert_num_queries):
    with django_assert_num_queries(3):
        summaries = {summary.event.pk: summary for summary in event_summaries()}
    assert (summaries[event.pk].signed_up, summaries[event.pk].confirmed) == (7, 6)


# --- the pages ----------------------------------------------------------------------------


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
    assert answers_by_visitor(client, address.format(pk=event.pk)) == STAFF_ONLY


def test_an_unknown_event_has_no_dashboard(staff_client):
    assert staff_client.get("/admin/events/event/999/dashboard/").status_code == 404


def test_a_session_run_elsewhere_shows_its_reported_count_and_says_so(staff_client):
    """The 2013 Cassini session has no sign-ups here; its page says more than 20,000: the
    dashboard shows that figure and where it comes from, not only "0 signed up"."""
    cassini = make_event(title="Wave at Saturn", reported_participants=20_000)
    index = staff_client.get("/admin/events/event/dashboard/").content.decode()
    row = index[index.index("Wave at Saturn") :]
    row = row[: row.index("</tr>")]
    assert re.findall(r'<td class="number">([^<]+)</td>', row) == ["0", "0", "20,000"]
    page = staff_client.get(f"/admin/events/event/{cassini.pk}/dashboard/").content.decode()
    assert "run outside wavesite: <strong>20,000</strong> people took part, as reported" in page
    assert "“more than 20,000”" in page


def test_the_event_page_lists_what_to_do_next(event, staff_client):
    make_announcement(event)
    page = staff_client.get(f"/admin/events/event/{event.pk}/dashboard/").content.decode()
    steps = page[page.index('class="next-steps"') :]
    steps = steps[: steps.index("</section>")]
    hrefs = [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', steps)]
    assert hrefs == [
        f"/admin/events/announcement/add/?event={event.pk}",
        f"/admin/events/announcement/?event__id__exact={event.pk}",
        f"/admin/events/participant/?event__id__exact={event.pk}",
        f"/admin/events/participant/export.csv?event__id__exact={event.pk}",
        f"/admin/events/photo/?event__id__exact={event.pk}",
        f"/admin/events/event/{event.pk}/change/",
    ]
    assert "its announcements (1)" in steps and "Photos to decide: 0" in steps
    assert "Reminders: the day before and an hour before the start" in steps
    for href in hrefs:
        assert staff_client.get(href).status_code == 200, href
    # A draft says how to publish it.
    draft = make_event(status="draft")
    page = staff_client.get(f"/admin/events/event/{draft.pk}/dashboard/").content.decode()
    assert "Publish it</a>: set its status to Published" in page
