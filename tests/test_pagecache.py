"""Cached public pages: kept per event and zone, renewed on change, answered with 304."""

from datetime import timedelta
from unittest import mock

import pytest

from events.views import pages
from tests.conftest import CASSINI_START
from tests.factories import make_announcement, make_event

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


def test_world_page_keeps_one_query_when_cached(client, django_assert_num_queries):
    event = make_event(window_start=CASSINI_START + timedelta(days=1))
    url = f"/events/{event.slug}/times/"
    client.get(url)
    with django_assert_num_queries(1):  # the event; the page comes from the cache
        client.get(url)


def test_a_page_with_a_personal_message_is_not_cached(client, renders, rf):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage

    from events.pagecache import is_shareable

    request = rf.get("/")
    request.session = client.session
    request._messages = FallbackStorage(request)
    assert is_shareable(request)
    request._messages.add(20, "Your sign-up was deleted.")
    assert not is_shareable(request)
    assert len(get_messages(request)) == 1  # asking did not consume it
