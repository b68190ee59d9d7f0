"""The home page: upcoming and past sessions, each window in the visitor's zone."""

from datetime import UTC, datetime, timedelta

import pytest

from events.models import Event
from tests.factories import make_event
from tests.html import text

pytestmark = pytest.mark.django_db

AFTER_2013 = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_home_lists_upcoming_and_past_events(client, clock):
    now = clock.move_to(AFTER_2013)
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
