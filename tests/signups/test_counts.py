"""The counts an event page shows: confirmed people by country, the reported figure of a
past session, and never a person."""

import re
from datetime import timedelta

import pytest

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
