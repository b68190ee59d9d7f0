"""Event and Announcement: rules the database enforces, and what the public sees."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from events.models import Announcement, Event, Participant
from tests.factories import CASSINI_END, CASSINI_START, make_announcement, make_event

pytestmark = pytest.mark.django_db


def test_window_must_end_after_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(window_start=CASSINI_END, window_end=CASSINI_START)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(window_start=CASSINI_START, window_end=CASSINI_START)
    assert Event.objects.count() == 0


def test_window_rule_gives_a_friendly_message_in_validation():
    event = Event(
        slug="backwards",
        title="Backwards",
        spacecraft="Cassini",
        target="Saturn",
        summary="s",
        description="d",
        window_start=CASSINI_END,
        window_end=CASSINI_START,
    )
    with pytest.raises(ValidationError, match=r"The window must end after it starts\."):
        event.full_clean()


def test_slugs_are_unique_in_any_letter_case():
    make_event(slug="wave")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(slug="wave")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(slug="Wave")
    assert Event.objects.count() == 1


def test_times_are_stored_in_utc():
    paris = ZoneInfo("Europe/Paris")
    event = make_event(window_start=CASSINI_START.astimezone(paris))
    as_text = {
        "sqlite": "CAST(window_start AS TEXT)",  # SQLite stores the text Django wrote
        "postgresql": "to_char(window_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')",
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {as_text} FROM events_event WHERE id = %s", [event.id])  # noqa: S608
        (raw,) = cursor.fetchone()
    assert raw.startswith("2013-07-19 21:27:00")
    event.refresh_from_db()
    assert event.window_start == CASSINI_START
    assert event.window_start.tzinfo == UTC


def test_published_upcoming_and_past():
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    past = make_event()
    soon = make_event(window_start=now + timedelta(days=1))
    later = make_event(window_start=now + timedelta(days=9))
    live = make_event(window_start=now - timedelta(minutes=5))  # ends in 10 minutes
    make_event(window_start=now + timedelta(days=2), status=Event.Status.DRAFT)
    published = Event.objects.published()
    assert list(published.upcoming(now)) == [live, soon, later]
    assert list(published.past(now)) == [past]


@pytest.mark.parametrize(
    ("offset", "phase"),
    [
        (timedelta(seconds=-1), "upcoming"),
        (timedelta(0), "live"),
        (timedelta(minutes=14, seconds=59), "live"),
        (timedelta(minutes=15), "past"),
    ],
    ids=["just-before", "at-start", "just-before-end", "at-end"],
)
def test_phase_around_the_window(offset, phase):
    event = make_event()
    assert event.phase(CASSINI_START + offset) == phase


def test_announcements_are_published_when_their_time_comes():
    event = make_event()
    now = datetime(2013, 7, 1, tzinfo=UTC)
    shown = make_announcement(event, published_at=now - timedelta(hours=1))
    make_announcement(event, published_at=now + timedelta(hours=1))  # scheduled
    make_announcement(event, published_at=None)  # draft
    assert list(Announcement.objects.published(now)) == [shown]
    assert Announcement.objects.published(now + timedelta(hours=2)).count() == 2


def test_historical_participant_count_is_the_reported_figure():
    assert make_event(reported_participants=20_000).participant_count == 20_000
    assert make_event().participant_count == 0


def test_absolute_url_is_the_readable_slug():
    assert make_event(slug="wave-at-saturn-2013").get_absolute_url() == (
        "/events/wave-at-saturn-2013/"
    )


def test_camera_window_is_both_or_neither_and_ordered():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(camera_start=CASSINI_START)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(camera_start=CASSINI_END, camera_end=CASSINI_START)
    assert make_event(camera_start=CASSINI_START, camera_end=CASSINI_END).pk


@pytest.mark.django_db
def test_an_integer_in_lookup_with_values_past_the_column_matches_nothing_instead_of_raising():
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Moderators")
    huge = [10**40, 2**63, -(2**63) - 1]
    assert list(Group.objects.filter(pk__in=huge)) == []
    assert list(Group.objects.filter(pk__in=[*huge, group.pk])) == [group]
    assert Participant.objects.filter(id__in=huge).count() == 0


@pytest.mark.django_db
def test_an_integer_in_lookup_with_values_that_are_no_numbers_matches_nothing():
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Moderators")
    assert list(Group.objects.filter(pk__in=[" ", "x", "1.5e400"])) == []
    assert list(Group.objects.filter(pk__in=[" ", str(group.pk)])) == [group]


@pytest.mark.django_db
def test_an_announcement_form_holding_a_blank_event_id_says_so_instead_of_a_500(staff_client):
    # The autocomplete widget draws what the bound form holds: it looked up " " unchecked.
    response = staff_client.post(
        "/admin/events/announcement/add/", {"event": " ", "title": "T", "body": "B"}
    )
    assert response.status_code == 200  # the form again, with its error
    assert "Select a valid choice" in response.content.decode()
