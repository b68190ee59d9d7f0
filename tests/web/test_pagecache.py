"""Cached public pages: kept per event and zone, renewed on change, answered with 304."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.cache import cache
from django.test import Client

from events.views import pages
from events.web.pagecache import CSRF_PLACEHOLDER, event_version_key, is_shareable
from tests.factories import CASSINI_START, make_announcement, make_event, make_participant
from tests.html import csrf_token, text

pytestmark = pytest.mark.django_db


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
    assert first["Cache-Control"] == "public, max-age=60"
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


def test_cached_event_page_carries_each_visitors_own_csrf_token(clock):
    clock.move_to(CASSINI_START - timedelta(days=1))
    event = make_event()
    alice, bob = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    tokens = []
    for visitor in (alice, bob):
        html = visitor.get(event.get_absolute_url()).content.decode()
        assert CSRF_PLACEHOLDER not in html
        tokens.append(csrf_token(html))
    # Each token works for its own visitor: the zone form posts through.
    for visitor, token in zip((alice, bob), tokens, strict=True):
        response = visitor.post(
            "/zone/", {"tz": "Europe/Paris", "next": "/", "csrfmiddlewaretoken": token}
        )
        assert response.status_code == 302
    # and not for the other one
    response = Client(enforce_csrf_checks=True).post(
        "/zone/", {"tz": "Europe/Paris", "next": "/", "csrfmiddlewaretoken": tokens[0]}
    )
    assert response.status_code == 403


def test_event_page_answers_304_to_the_same_visitor(client, clock):
    clock.move_to(CASSINI_START - timedelta(days=1))
    event = make_event()
    first = client.get(event.get_absolute_url())
    assert first["Cache-Control"] == "private, no-cache"
    again = client.get(event.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    # another visitor (another CSRF secret) never matches that ETag
    stranger = Client().get(event.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert stranger.status_code == 200


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


def test_search_results_and_signed_in_pages_are_not_cached(client, django_user_model, monkeypatch):
    counted = mock.Mock(wraps=pages.participant_counts)
    monkeypatch.setattr(pages, "participant_counts", counted)
    event = make_event()
    client.get(event.get_absolute_url())
    client.get(event.get_absolute_url())
    assert counted.call_count == 1  # the second came from the cache
    searched = client.get(event.get_absolute_url(), {"zone_q": "Mumbai"}).content.decode()
    assert "1 zone match" in searched
    assert counted.call_count == 2
    staff = django_user_model.objects.create_user("o", password="x", is_staff=True)
    client.force_login(staff)
    client.get(event.get_absolute_url())
    client.get(event.get_absolute_url())
    assert counted.call_count == 4
