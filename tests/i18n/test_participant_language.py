"""A participant's language: taken from the page they signed up on, changed on their private
page, and every email to them (reminders, announcements) in it, with dates in their zone and
language."""

from datetime import timedelta

import pytest
from django.core import mail

from events.signups import broadcast
from events.signups.reminders import ensure_planner
from tests.emails import html_part, run_queued_emails
from tests.factories import (
    NOW,
    WINDOW_START,
    make_announcement,
    make_participant,
    signup_data,
    signup_url,
    upcoming_event,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(clock):
    clock.move_to(NOW)
    return upcoming_event(title="Wave at Saturn", translations={"de": {"title": "Winke Saturn zu"}})


def test_the_private_page_changes_the_language_and_answers_in_it(client, event):
    client.post(signup_url(event), signup_data())
    participant = event.participants.get()
    assert participant.language == "en"
    page = client.get(participant.get_absolute_url()).content.decode()
    assert '<option value="de" lang="de">Deutsch</option>' in page
    response = client.post(
        participant.get_absolute_url(),
        {"name": "Ana", "city_query": "", "tz": "Europe/Berlin", "language": "de"},
    )
    assert response.status_code == 303
    assert response["Location"] == f"/de/signup/{participant.manage_key}/"
    participant.refresh_from_db()
    assert participant.language == "de"
    german = client.get(response["Location"]).content.decode()
    assert '<option value="de" lang="de" selected>Deutsch</option>' in german


def test_an_unknown_language_is_refused_beside_the_field(client, event):
    client.post(signup_url(event), signup_data())
    participant = event.participants.get()
    response = client.post(
        participant.get_absolute_url(),
        {"name": "Ana", "city_query": "", "tz": "Europe/Berlin", "language": "tlh"},
    )
    assert response.status_code == 400
    participant.refresh_from_db()
    assert participant.language == "en"


def test_a_reminder_is_in_the_participants_language_and_zone(clock, event):
    make_participant(event, email="jonas@example.com", zone="Europe/Berlin", language="de")
    make_participant(event, email="ana@example.com", zone="Europe/Berlin", language="en")
    clock.move_to(WINDOW_START - timedelta(hours=23))
    ensure_planner()
    run_queued_emails()
    by_address = {message.to[0]: message for message in mail.outbox}
    german, english = by_address["jonas@example.com"], by_address["ana@example.com"]
    assert "Sonntag, 19. Juli 2026" in german.body  # 23:27 in Berlin, in German
    assert "Winke Saturn zu" in german.subject
    assert "Winke Saturn zu" in html_part(german)
    assert "/de/signup/" in german.body
    assert german.subject != english.subject.replace("Wave at Saturn", "Winke Saturn zu")
    assert "Sunday 19 July 2026" in english.body
    assert "Wave at Saturn" in english.subject


def test_an_announcement_is_in_each_participants_language(event):
    announcement = make_announcement(
        event,
        title="Clear skies",
        body="The forecast is good.",
        translations={"ja": {"title": "晴れの予報", "body": "天気は良好です。"}},
        published_at=NOW - timedelta(hours=1),
    )
    make_participant(event, email="yui@example.com", wants_announcements=True, language="ja")
    make_participant(event, email="ana@example.com", wants_announcements=True, language="en")
    broadcast.start_broadcast(announcement)
    run_queued_emails()
    by_address = {message.to[0]: message for message in mail.outbox}
    japanese = by_address["yui@example.com"]
    assert "晴れの予報" in japanese.subject
    assert "天気は良好です。" in japanese.body and "天気は良好です。" in html_part(japanese)
    assert "Clear skies" in by_address["ana@example.com"].subject
