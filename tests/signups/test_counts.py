"""The counts an event page shows: confirmed people by country, the reported figure of a
past session, and never a person."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Participant
from events.signups.counts import participant_counts
from tests.factories import NOW, WINDOW_END, signup_data, signup_url, upcoming_event
from tests.html import text, visible

pytestmark = pytest.mark.django_db

# Confirmed a minute ago: the page counts confirmations up to the start of its 10-second slot.
A_MINUTE_AGO = NOW - timedelta(minutes=1)


def test_the_event_page_counts_confirmed_participants_by_country(client):
    event = upcoming_event()
    for email, zone, confirmed in [
        ("a@example.com", "Europe/Paris", True),
        ("b@example.com", "Europe/Paris", True),
        ("c@example.com", "Asia/Tokyo", True),
        ("d@example.com", "UTC", True),
        ("e@example.com", "Asia/Tokyo", False),
    ]:
        client.post(signup_url(event), signup_data(email=email, tz=zone))
        if confirmed:
            Participant.objects.filter(email=email).update(confirmed_at=A_MINUTE_AGO)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "4 people have said they will wave." in visible(html)
    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td></tr>', html)
    assert rows == [
        ("France", "2"),
        ("Japan", "1"),
        ("Not known (a time zone several countries share)", "1"),
    ]


def test_the_participant_list_is_never_public(client):
    event = upcoming_event()
    client.post(signup_url(event), signup_data(name="Secret Sam", email="sam@example.com"))
    Participant.objects.update(confirmed_at=A_MINUTE_AGO)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Secret Sam" not in page and "sam@example.com" not in page
    assert "1 person has said they will wave." in visible(page)


def test_a_past_event_adds_its_reported_figure(client, clock):
    event = upcoming_event(reported_participants=20_000)
    client.post(signup_url(event), signup_data())
    Participant.objects.update(confirmed_at=NOW)
    clock.move_to(WINDOW_END + timedelta(days=1))
    assert event.participant_count == 20_001
    page = text(client.get(event.get_absolute_url()))
    assert "More than 20,001 people took part." in page


def test_counts_come_in_one_query(django_assert_num_queries):
    event = upcoming_event()
    with django_assert_num_queries(1):
        counts = participant_counts(event)
    assert counts.total == 0 and counts.by_country == ()


def test_a_slots_pages_share_one_count(client, clock, django_assert_num_queries):
    """Every page of one time slot (each zone is a page of its own) counts as of the slot's
    start: the database is asked once, and a sign-up confirmed since shows in the next slot,
    as does a change of the event."""
    clock.move_to(NOW)
    event = upcoming_event()
    Participant.objects.create(
        event=event, name="A", email="a@example.com", zone="Asia/Tokyo", confirmed_at=A_MINUTE_AGO
    )
    with django_assert_num_queries(1):
        assert participant_counts(event, as_of=NOW).confirmed == 1
    Participant.objects.create(
        event=event, name="B", email="b@example.com", zone="Asia/Tokyo", confirmed_at=A_MINUTE_AGO
    )
    with django_assert_num_queries(0):
        assert participant_counts(event, as_of=NOW).confirmed == 1
    assert participant_counts(event, as_of=NOW + timedelta(seconds=10)).confirmed == 2
    assert participant_counts(event).confirmed == 2  # live: never kept
    # Pages of different zones in one slot: one count between them.
    clock.move_to(NOW + timedelta(seconds=21))
    with CaptureQueriesContext(connection) as queries:
        for zone in ("Asia/Tokyo", "Europe/Paris", "America/Chicago"):
            client.get(event.get_absolute_url(), {"tz": zone})
    # One GROUP BY country (the counts), one by map square (the map's words): not three each.
    counting = [query["sql"] for query in queries.captured_queries if "COUNT(" in query["sql"]]
    assert len(counting) == 2, counting
    assert sum('"country"' in sql for sql in counting) == 1
