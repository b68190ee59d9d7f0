"""An event's page as a visitor sees it: what, when in the visitor's zone, the countdown,
the announcements, drafts and the cost in queries."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import User

from events.models import Event
from tests.factories import CASSINI_START, make_announcement, make_event
from tests.html import local_window_text, text

# Some tests count the page cache's hits, kept per 10-second slot: the clock stands still.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("still_clock")]

AFTER_2013 = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_event_page_shows_what_when_and_who(client, clock):
    clock.move_to(AFTER_2013)
    event = make_event(
        slug="wave-at-saturn-2013",
        title="Wave at Saturn",
        spacecraft="Cassini",
        target="Saturn",
        description="Cassini takes a mosaic from Saturn's shadow.",
        distance_km=1_444_000_000,
        reported_participants=20_000,
    )
    make_announcement(event, title="Notice given", body="Look up your time.")
    response = client.get("/events/wave-at-saturn-2013/?tz=America/Los_Angeles")
    page = text(response)
    assert response.status_code == 200
    assert "Wave at Saturn" in page
    assert "Spacecraft Cassini" in page
    assert "Where it is Saturn" in page
    assert "Cassini takes a mosaic from Saturn&#x27;s shadow." in page
    assert "about 1,444,000,000 km" in page
    assert local_window_text(response) == "Friday 19 July 2013, 14:27–14:42 PDT, UTC-07:00"
    assert "In UTC: Friday 19 July 2013, 21:27–21:42 UTC+00:00" in page
    assert "Your time zone: America/Los_Angeles" in page
    assert "Took place 13 years, 4 months ago." in page
    assert "Notice given" in page and "Look up your time." in page
    assert "More than 20,000 people took part." in page


def test_event_page_marks_the_next_day(client):
    event = make_event()
    response = client.get(f"/events/{event.slug}/?tz=Pacific/Kiritimati")
    assert local_window_text(response) == "Saturday 20 July 2013, 11:27–11:42 UTC+14:00"
    assert "that is the day after the date in UTC" in text(response)


def test_event_page_across_a_clock_change_shows_both_offsets(client):
    event = make_event(
        window_start=datetime(2026, 3, 8, 6, 50, tzinfo=UTC),
        window_end=datetime(2026, 3, 8, 7, 10, tzinfo=UTC),
    )
    response = client.get(f"/events/{event.slug}/?tz=America/New_York")
    assert local_window_text(response) == (
        "Sunday 8 March 2026, 01:50–03:10 (EST UTC-05:00 at the start, EDT UTC-04:00 at the "
        "end: the clocks change during the window)"
    )


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (CASSINI_START - timedelta(days=2, hours=3), "Starts in 2 days, 3 hours."),
        (CASSINI_START - timedelta(seconds=30), "Starts in 0 minutes."),
        (
            CASSINI_START + timedelta(minutes=5),
            "Go outside and wave towards Saturn. It ends in 10 minutes.",
        ),
        (CASSINI_START + timedelta(minutes=15), "Took place 15 minutes ago."),
    ],
    ids=["days-before", "just-before", "during", "at-end"],
)
def test_countdown_before_during_and_after(client, clock, now, expected):
    clock.move_to(now)
    event = make_event()
    page = text(client.get(event.get_absolute_url()))
    assert expected in page
    # Only while the window is open, above everything else in "When to wave".
    assert ("Happening now: wave! When to wave" in page) is (
        now == CASSINI_START + timedelta(minutes=5)
    )


def test_countdown_carries_machine_times_for_the_live_script(client, clock):
    clock.move_to(CASSINI_START - timedelta(days=1))
    event = make_event()
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'data-window-start="2013-07-19T21:27:00+00:00"' in html
    assert 'data-phase="upcoming"' in html
    assert 'role="timer" aria-live="off" data-countdown' in html


def test_only_published_announcements_are_shown(client, clock):
    now = clock.move_to(CASSINI_START - timedelta(days=1))
    event = make_event()
    make_announcement(event, title="Out now", published_at=now - timedelta(hours=1))
    make_announcement(event, title="Scheduled", published_at=now + timedelta(hours=1))
    make_announcement(event, title="Draft", published_at=None)
    page = text(client.get(event.get_absolute_url()))
    assert "Out now" in page
    assert "Scheduled" not in page and "Draft" not in page


def test_announcement_markup_is_sanitised(client):
    event = make_event()
    make_announcement(event, body='Hi <script>alert("x")</script><img src=x onerror=alert(1)>')
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'alert("x")' not in html
    assert "onerror" not in html
    assert "<p>Hi </p>" in html


def test_draft_is_404_to_the_public_and_a_preview_to_staff(client):
    event = make_event(status=Event.Status.DRAFT)
    assert client.get(event.get_absolute_url()).status_code == 404
    staff = User.objects.create_user("organiser", password="x", is_staff=True)
    client.force_login(staff)
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "Draft preview: the public cannot see this page yet." in text(response)


def test_unknown_event_is_404(client):
    assert client.get("/events/no-such-event/").status_code == 404


def test_sample_event_is_labelled(client):
    event = make_event(is_sample=True)
    assert "Sample event: made up to show how an upcoming session looks" in text(
        client.get(event.get_absolute_url())
    )


@pytest.mark.parametrize("announcements", [1, 3])
def test_event_page_query_count(client, django_assert_num_queries, announcements):
    event = make_event()
    for _ in range(announcements):
        make_announcement(event)
    # Rendering: the event's version (the page cache's key), the event, participants per
    # country and per city (sky map), the published result images and gallery photos, the
    # announcements, the next scheduled one, and (a past event) the waves counted.
    with django_assert_num_queries(9):
        client.get(event.get_absolute_url())
    # From the page cache: no query (the event's version is cached too).
    with django_assert_num_queries(0):
        client.get(event.get_absolute_url())


def test_the_first_screen_comes_in_the_order_of_the_task(client, clock):
    """Name, when (with the countdown), where to look in one line, Sign up and Add to
    calendar; the details after them."""
    clock.move_to(CASSINI_START - timedelta(days=3))
    event = make_event()
    page = text(client.get(event.get_absolute_url(), {"tz": "Asia/Kolkata"}))
    order = [
        event.title,
        "When to wave",
        "Starts in 3 days",
        "From Kolkata: Saturn",
        "Where to look Sign up Add to calendar",
        "Start times across the globe",
        "Where to look",
        "What will happen Spacecraft",
        "Participants",
        "Announcements",
    ]
    at = 0
    for part in order:  # each after the one before (ValueError: missing, or out of order)
        at = page.index(part, at) + len(part)
