"""Cached public pages: kept per event and zone, renewed on change, answered with 304."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.cache import cache
from django.test import Client

from events.views import pages
from events.web.pagecache import event_version_key, is_shareable, public_cache_control
from tests.factories import (
    CASSINI_START,
    make_announcement,
    make_city,
    make_event,
    make_participant,
    signup_data,
    signup_url,
    upcoming_event,
)
from tests.html import text

# Hits are counted per 10-second slot: the clock stands still unless a test moves it.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("still_clock")]


@pytest.fixture
def renders(monkeypatch):
    """Counts how often the world table is computed."""
    spy = mock.Mock(wraps=pages.world_times)
    monkeypatch.setattr(pages, "world_times", spy)
    return spy


def test_world_page_is_rendered_once_per_zone(client, renders):
    event = make_event()
    url = f"/events/{event.slug}/times/"
    first = client.get(url)
    second = client.get(url)
    assert first.content == second.content
    assert renders.call_count == 1
    client.get(url, {"tz": "Asia/Kolkata"})
    assert renders.call_count == 2


def test_editing_the_event_renews_the_page(client, renders):
    event = make_event(title="Old title")
    url = f"/events/{event.slug}/times/"
    client.get(url)
    event.title = "New title"
    event.save()
    assert "New title" in client.get(url).content.decode()
    assert renders.call_count == 2


def test_an_announcement_change_renews_the_event_pages(client, renders):
    event = make_event()
    url = f"/events/{event.slug}/times/"
    client.get(url)
    make_announcement(event)
    client.get(url)
    assert renders.call_count == 2


def test_drafts_and_bad_zones_are_not_cached(client, renders, django_user_model):
    event = make_event()
    url = f"/events/{event.slug}/times/"
    client.get(url, {"tz": "Bad/Zone"})
    client.get(url, {"tz": "Bad/Zone"})
    assert renders.call_count == 2


def test_conditional_get_answers_304(client):
    event = make_event()
    url = f"/events/{event.slug}/times/"
    first = client.get(url)
    assert first["ETag"].startswith('"') and first["Last-Modified"].endswith("GMT")
    assert first["Cache-Control"] == "public, max-age=0, s-maxage=10"
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304
    other = client.get(url, headers={"if-none-match": '"something-else"'})
    assert other.status_code == 200


def test_cached_world_page_needs_no_query(client, django_assert_num_queries):
    event = make_event(window_start=CASSINI_START + timedelta(days=1))
    url = f"/events/{event.slug}/times/"
    client.get(url)
    with django_assert_num_queries(0):  # the event's version and the page: both cached
        client.get(url)


def test_a_changed_event_is_seen_at_once(client):
    event = make_event(title="Before")
    url = f"/events/{event.slug}/times/"
    assert "Before" in client.get(url).content.decode()
    event.title = "After"
    event.save()  # forgets the cached version: the next request sees the new key
    assert "After" in client.get(url).content.decode()


def test_an_unknown_event_is_404_and_not_remembered(client):
    assert client.get("/events/no-such-thing/times/").status_code == 404
    assert client.get("/events/no-such-thing/").status_code == 404
    assert cache.get(event_version_key("no-such-thing")) is None


def test_a_page_with_a_personal_message_is_not_cached(client, renders, rf):
    request = rf.get("/")
    request.session = client.session
    request._messages = FallbackStorage(request)
    assert is_shareable(request)
    request._messages.add(20, "Your sign-up was deleted.")
    assert not is_shareable(request)
    assert len(get_messages(request)) == 1  # asking did not consume it


# --- the event page: one rendering serves everyone, with each visitor's own CSRF token --


def test_event_page_is_cached_and_counts_by_time_slot(client, clock):
    start = CASSINI_START - timedelta(days=1)
    event = make_event()
    clock.move_to(start.replace(second=3))
    make_participant(event, confirmed_at=start - timedelta(minutes=5))
    first = client.get(event.get_absolute_url())
    assert "1 person has said they will wave." in text(first)

    # A confirmation inside the slot shows in the next slot, on every server alike.
    make_participant(event, confirmed_at=start.replace(second=5))
    clock.move_to(start.replace(second=8))
    assert "1 person has said" in text(client.get(event.get_absolute_url()))
    cache.clear()  # even a fresh rendering in the same slot agrees: counts are "as of" it
    assert "1 person has said" in text(client.get(event.get_absolute_url()))

    clock.move_to(start.replace(second=11))
    assert "2 people have said" in text(client.get(event.get_absolute_url()))


def test_the_event_page_is_the_same_for_every_visitor_whatever_their_cookies(clock):
    """A public page is a function of its address: a cache in front may serve it to anyone."""
    clock.move_to(CASSINI_START - timedelta(days=1))
    event = upcoming_event()
    make_city("Paris", country_code="FR", country="France", zone="Europe/Paris", geonameid=2988507)
    newcomer = Client()
    regular = Client()
    regular.cookies["tz"] = "Asia/Kolkata"
    regular.cookies["place"] = "city:2988507"
    regular.cookies["csrftoken"] = "a" * 32
    regular.cookies["sessionid"] = "not-a-session"
    first, second = (visitor.get(event.get_absolute_url()) for visitor in (newcomer, regular))
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    for response in (first, second):
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=10"
        assert "Cookie" not in response.get("Vary", "")
        assert not response.cookies  # nothing set: no CSRF cookie, no session
    # Drawn in UTC, with the data the browser's script needs to show its own zone.
    assert 'data-zone-source="default"' in first.content.decode()
    assert "data-window" in first.content.decode()


def test_the_sign_up_form_on_a_cached_page_gets_its_token_on_demand(clock):
    clock.move_to(CASSINI_START - timedelta(days=1))
    event = upcoming_event()
    browser = Client(enforce_csrf_checks=True)
    html = browser.get(event.get_absolute_url()).content.decode()
    assert 'name="csrfmiddlewaretoken" value=""' in html  # filled in by static/js/signup.js
    assert "data-needs-token" in html
    refused = browser.post(signup_url(event), signup_data(csrfmiddlewaretoken=""))
    assert refused.status_code == 403
    answer = browser.get("/form-token/")
    assert "no-cache" in answer["Cache-Control"] or "no-store" in answer["Cache-Control"]
    token = answer.json()["token"]
    accepted = browser.post(signup_url(event), signup_data(csrfmiddlewaretoken=token))
    assert accepted.status_code == 303
    # A token is the visitor's own: another browser cannot use it.
    stranger = Client(enforce_csrf_checks=True)
    stranger.get(event.get_absolute_url())
    assert (
        stranger.post(signup_url(event), signup_data(csrfmiddlewaretoken=token)).status_code == 403
    )


def test_the_event_page_answers_304_to_anyone_with_its_etag(client, clock):
    clock.move_to(CASSINI_START - timedelta(days=1))
    event = make_event()
    first = client.get(event.get_absolute_url())
    again = client.get(event.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    stranger = Client().get(event.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert stranger.status_code == 304


def test_event_page_is_renewed_when_the_window_starts(client, clock):
    event = make_event()
    clock.move_to(CASSINI_START - timedelta(seconds=2))
    assert "Starts in" in text(client.get(event.get_absolute_url()))
    clock.move_to(CASSINI_START + timedelta(seconds=1))
    assert "Happening now" in text(client.get(event.get_absolute_url()))


def test_event_page_shows_a_scheduled_announcement_on_time(client, clock):
    event = make_event()
    now = clock.move_to(CASSINI_START - timedelta(days=1))
    make_announcement(event, title="Soon", published_at=now + timedelta(seconds=4))
    assert "Soon" not in client.get(event.get_absolute_url()).content.decode()
    clock.move_to(now + timedelta(seconds=5))
    assert "Soon" in client.get(event.get_absolute_url()).content.decode()


def test_search_results_and_signed_in_pages_are_not_cached(
    client, clock, django_user_model, monkeypatch
):
    # The clock stands still: a page is kept per 10-second slot, and crossing a slot's end
    # between two requests (a slow machine, a password to hash) renders it again by design.
    clock.move_to(CASSINI_START - timedelta(days=1, seconds=-3))
    counted = mock.Mock(wraps=pages.participant_counts)
    monkeypatch.setattr(pages, "participant_counts", counted)
    event = make_event()
    client.get(event.get_absolute_url())
    client.get(event.get_absolute_url())
    assert counted.call_count == 1  # the second came from the cache
    searched = client.get(event.get_absolute_url(), {"zone_q": "Mumbai"}).content.decode()
    assert "1 zone match" in searched
    assert counted.call_count == 2
    # Signed in, an organiser sees the public page as everyone does (from the cache) …
    staff = django_user_model.objects.create_user("o", password="x", is_staff=True)
    client.force_login(staff)
    client.get(event.get_absolute_url())
    assert counted.call_count == 2
    # … and a draft's preview is theirs alone, never kept.
    draft = make_event(status="draft")
    client.get(draft.get_absolute_url())
    client.get(draft.get_absolute_url())
    assert counted.call_count == 4


@pytest.mark.parametrize(
    ("seconds_left", "shared"), [(10.0, 10), (9.2, 10), (3.0, 3), (0.4, 1), (0.0, 0), (-2.0, 0)]
)
def test_a_cache_in_front_keeps_the_page_for_what_is_left_of_its_slot(seconds_left, shared):
    # Rounded up: in a slot's last second a cache in front still keeps it (never "0"
    # while any of the slot is left), and never past the page's own time.
    assert public_cache_control(seconds_left) == f"public, max-age=0, s-maxage={shared}"
