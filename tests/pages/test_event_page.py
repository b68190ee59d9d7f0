"""The home page and an event's page, as a visitor sees them, in the visitor's zone."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import User

from events.models import Event
from tests.conftest import CASSINI_START
from tests.factories import make_announcement, make_event

pytestmark = pytest.mark.django_db

AFTER_2013 = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def visible(html: str) -> str:
    """Text as a reader sees it: tags removed, whitespace collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"</?(span|strong|time|a|em)\b[^>]*>", "", html)  # inline: no gap
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def text(response) -> str:
    return visible(response.content.decode())


def when_text(response) -> str:
    """The main line of the page: the window in the visitor's zone."""
    match = re.search(r'<p class="local-window">(.*?)</p>', response.content.decode(), re.S)
    return visible(match.group(1))


# --- home ------------------------------------------------------------------------------


def test_home_lists_upcoming_and_past_events(client, set_now):
    now = set_now(AFTER_2013)
    past = make_event(title="Wave at Saturn")
    upcoming = make_event(
        title="Sample wave", window_start=now + timedelta(days=30), is_sample=True
    )
    make_event(
        title="Secret draft", status=Event.Status.DRAFT, window_start=now + timedelta(days=3)
    )
    response = client.get("/")
    page = text(response)
    assert response.status_code == 200
    upcoming_part, past_part = page.split(" Past ", 1)
    assert upcoming.title in upcoming_part and past.title not in upcoming_part
    assert past.title in past_part
    assert "Sample event" in upcoming_part
    assert "Secret draft" not in page


def test_home_shows_each_window_in_the_visitors_zone(client):
    make_event()
    page = text(client.get("/?tz=Asia/Kathmandu"))
    assert "Saturday 20 July 2013, 03:12–03:27 UTC+05:45" in page


@pytest.mark.parametrize("count", [1, 3])
def test_home_query_count(client, django_assert_num_queries, count):
    for _ in range(count):
        make_event()
    with django_assert_num_queries(2):  # upcoming, past
        client.get("/")


# --- an event's page -------------------------------------------------------------------


def test_event_page_shows_what_when_and_who(client, set_now):
    set_now(AFTER_2013)
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
    assert when_text(response) == "Friday 19 July 2013, 14:27–14:42 PDT, UTC-07:00"
    assert "In UTC: Friday 19 July 2013, 21:27–21:42 UTC+00:00" in page
    assert "Your time zone: America/Los_Angeles" in page
    assert "Took place 13 years, 4 months ago." in page
    assert "Notice given" in page and "Look up your time." in page
    assert "More than 20,000 people took part." in page


def test_event_page_marks_the_next_day(client):
    event = make_event()
    response = client.get(f"/events/{event.slug}/?tz=Pacific/Kiritimati")
    assert when_text(response) == "Saturday 20 July 2013, 11:27–11:42 UTC+14:00"
    assert "that is the day after the date in UTC" in text(response)


def test_event_page_across_a_clock_change_shows_both_offsets(client):
    event = make_event(
        window_start=datetime(2026, 3, 8, 6, 50, tzinfo=UTC),
        window_end=datetime(2026, 3, 8, 7, 10, tzinfo=UTC),
    )
    response = client.get(f"/events/{event.slug}/?tz=America/New_York")
    assert when_text(response) == (
        "Sunday 8 March 2026, 01:50–03:10 (EST UTC-05:00 at the start, EDT UTC-04:00 at the "
        "end: the clocks change during the window)"
    )


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (CASSINI_START - timedelta(days=2, hours=3), "Starts in 2 days, 3 hours."),
        (CASSINI_START - timedelta(seconds=30), "Starts in 0 minutes."),
        (CASSINI_START + timedelta(minutes=5), "Happening now: wave! It ends in 10 minutes."),
        (CASSINI_START + timedelta(minutes=15), "Took place 15 minutes ago."),
    ],
    ids=["days-before", "just-before", "during", "at-end"],
)
def test_countdown_before_during_and_after(client, set_now, now, expected):
    set_now(now)
    event = make_event()
    assert expected in text(client.get(event.get_absolute_url()))


def test_countdown_carries_machine_times_for_the_live_script(client, set_now):
    set_now(CASSINI_START - timedelta(days=1))
    event = make_event()
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'data-window-start="2013-07-19T21:27:00+00:00"' in html
    assert 'data-phase="upcoming"' in html
    assert 'role="timer" aria-live="off" data-countdown' in html


def test_only_published_announcements_are_shown(client, set_now):
    now = set_now(CASSINI_START - timedelta(days=1))
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
    # announcements, the next scheduled one.
    with django_assert_num_queries(8):
        client.get(event.get_absolute_url())
    # From the page cache: no query (the event's version is cached too).
    with django_assert_num_queries(0):
        client.get(event.get_absolute_url())


# --- which zone the page shows ---------------------------------------------------------


def test_zone_from_cookie(client):
    event = make_event()
    client.cookies["tz"] = "Asia/Kolkata"
    response = client.get(event.get_absolute_url())
    assert when_text(response) == "Saturday 20 July 2013, 02:57–03:12 IST, UTC+05:30"
    assert "(your browser's or your chosen zone)" in text(response)


def test_shared_link_zone_wins_over_cookie(client):
    event = make_event()
    client.cookies["tz"] = "Asia/Kolkata"
    response = client.get(f"{event.get_absolute_url()}?tz=Pacific/Chatham")
    assert when_text(response) == "Saturday 20 July 2013, 10:12–10:27 UTC+12:45"
    assert "(from the link you opened)" in text(response)


def test_without_zone_the_page_shows_utc_and_says_so(client):
    event = make_event()
    response = client.get(event.get_absolute_url())
    assert when_text(response) == "Friday 19 July 2013, 21:27–21:42 UTC+00:00"
    assert "Showing times for UTC (the default)." in text(response)
    assert 'data-zone-source="default"' in response.content.decode()


@pytest.mark.parametrize(
    "bad", ["Mars/Olympus_Mons", "<script>alert(1)</script>", "x" * 5000, "Europe/../../etc"]
)
def test_unknown_zone_gives_a_message_and_utc(client, bad):
    event = make_event()
    response = client.get(event.get_absolute_url(), {"tz": bad})
    assert response.status_code == 200
    assert when_text(response) == "Friday 19 July 2013, 21:27–21:42 UTC+00:00"
    assert "is not a time zone we know, so times are shown in UTC" in text(response)
    assert "<script>alert(1)" not in response.content.decode()


def test_bad_zone_cookie_does_not_break_the_page(client):
    event = make_event()
    client.cookies["tz"] = "Nowhere/Land"
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert when_text(response) == "Friday 19 July 2013, 21:27–21:42 UTC+00:00"


def test_pages_load_the_zone_script_and_no_inline_script(client):
    event = make_event()
    html = client.get(event.get_absolute_url()).content.decode()
    assert '<script type="module" src="/static/js/localtime.js">' in html
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []


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
    assert when_text(follow) == "Friday 19 July 2013, 23:27–23:42 CEST, UTC+02:00"


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
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/zone/", {"tz": "Europe/Paris"}).status_code == 403
