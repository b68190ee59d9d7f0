"""Reminders before the window, at fixed instants: the day before and an hour before, each
once, in the participant's zone, with where to look and the calendar file; late but never
after the start when the worker was down; following the event when it moves; not for
those who opted out or left."""

import smtplib
from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.tasks import TaskResultStatus
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from events.models import EmailDelivery, Participant, ScheduledRun
from events.models.event import describe_reminders, reminder_minutes
from events.signups.reminders import ensure_planner, plan_reminders
from tests.emails import html_part, run_queued_emails
from tests.factories import WINDOW_START, make_city, make_participant, upcoming_event

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)


@pytest.fixture
def event():
    return upcoming_event()


@pytest.fixture
def ana(event):
    """Confirmed, in Kolkata (a city row), wanting reminders (the default)."""
    kolkata = make_city("Kolkata", "IN", "India", "Asia/Kolkata", latitude=22.57, longitude=88.36)
    return make_participant(event, city=kolkata, email="ana@example.com")


def tick(clock, at) -> list:
    """The clock at `at`, and the worker runs what is due (the planner keeps itself going;
    `recover_emails` would have queued its first run). The emails sent in this tick."""
    clock.move_to(at)
    ensure_planner()
    before = len(mail.outbox)
    run_queued_emails()
    return mail.outbox[before:]


def reminders(participant) -> list[tuple[int, str]]:
    rows = EmailDelivery.objects.filter(participant=participant, kind="reminder")
    return sorted(rows.values_list("reminder_minutes", "status"))


def test_the_day_before_and_an_hour_before_each_once(clock, event, ana):
    assert tick(clock, WINDOW_START - DAY - MINUTE) == []
    [day_before] = tick(clock, WINDOW_START - DAY + MINUTE)
    assert day_before.to == ["ana@example.com"]
    assert day_before.subject == "In 23 hours 59 minutes: wave for Wave at Saturn"
    # In her zone: 21:27 UTC is 02:57 the next morning in Kolkata.
    assert "Monday 20 July 2026, 02:57–03:12 IST, UTC+05:30" in day_before.body
    assert "Where to look: From Kolkata, India: Saturn" in day_before.body
    assert "Where to look: From Kolkata, India: Saturn" in html_part(day_before)
    [(name, content, _)] = day_before.attachments
    assert name == f"{event.slug}.ics"
    [vevent] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert vevent.decoded("dtstart") == WINDOW_START
    # Planned again and again: nothing more until the next one is due.
    assert tick(clock, WINDOW_START - 2 * HOUR) == []
    [hour_before] = tick(clock, WINDOW_START - HOUR + 2 * MINUTE)
    assert hour_before.subject == "In 58 minutes: wave for Wave at Saturn"
    assert tick(clock, WINDOW_START - MINUTE) == []
    assert tick(clock, WINDOW_START + MINUTE) == []
    assert reminders(ana) == [(60, "sent"), (1440, "sent")]


def test_a_worker_down_at_the_due_moment_sends_late_and_only_the_nearest(clock, event, ana):
    assert tick(clock, WINDOW_START - 2 * DAY) == []
    # Down from then until half an hour before: both reminders are due; one email says so.
    [late] = tick(clock, WINDOW_START - 30 * MINUTE)
    assert late.subject == "In 30 minutes: wave for Wave at Saturn"
    assert "starts in 30 minutes" in late.body
    assert reminders(ana) == [(60, "sent"), (1440, "cancelled")]
    assert tick(clock, WINDOW_START - 10 * MINUTE) == []


def test_never_after_the_start(clock, event, ana):
    # Down until after the start: nothing, ever.
    assert tick(clock, WINDOW_START + MINUTE) == []
    # Planned just before the start, but the batch runs after it: not sent.
    clock.move_to(WINDOW_START - 10 * MINUTE)
    plan_reminders.call()
    clock.move_to(WINDOW_START + 5 * MINUTE)
    run_queued_emails()
    assert mail.outbox == []


def test_two_workers_planning_at_once_send_each_reminder_once(clock, event, ana):
    other = make_participant(event, email="bo@example.com")
    clock.move_to(WINDOW_START - DAY + MINUTE)
    # Two planners (two workers started, or a planner that ran twice) before any batch.
    plan_reminders.call()
    plan_reminders.call()
    run_queued_emails()
    run_queued_emails()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@example.com",
        "bo@example.com",
    ]
    assert reminders(other) == [(1440, "sent")]


def test_opting_out_or_leaving_before_the_reminder(clock, client, event, ana):
    bo = make_participant(event, email="bo@example.com")
    cy = make_participant(event, email="cy@example.com")
    unconfirmed = make_participant(event, email="dee@example.com", confirmed=False)
    # Bo turns reminders off on his page; Cy deletes the sign-up after the plan.
    response = client.post(bo.get_absolute_url(), {"name": "Bo", "tz": "UTC", "city_query": ""})
    assert response.status_code == 303
    bo.refresh_from_db()
    assert bo.wants_reminders is False
    clock.move_to(WINDOW_START - DAY + MINUTE)
    plan_reminders.call()
    Participant.objects.filter(pk=cy.pk).delete()
    Participant.objects.filter(pk=ana.pk).update(wants_reminders=False)  # after the plan
    run_queued_emails()
    assert mail.outbox == []
    assert reminders(ana) == reminders(bo) == reminders(unconfirmed) == []


def test_the_pages_say_which_reminders_the_event_has(client, event, ana):
    page = client.get(ana.get_absolute_url()).content.decode()
    assert 'name="wants_reminders" type="checkbox" checked' in page
    assert "Remind me by email before the start (the day before and an hour before)" in page
    signup = client.get(event.get_absolute_url()).content.decode()
    assert "with a reminder the day before and an hour before" in signup
    event.reminders = ""
    event.save()
    page = client.get(ana.get_absolute_url()).content.decode()
    assert "Remind me" not in page and 'type="hidden" name="wants_reminders" value="on"' in page


def test_an_event_moved_after_reminders_were_planned(clock, event, ana):
    [first] = tick(clock, WINDOW_START - DAY + MINUTE)
    # Planned for the hour before the old start, then moved two days later.
    clock.move_to(WINDOW_START - HOUR + MINUTE)
    plan_reminders.call()
    new_start = WINDOW_START + 2 * DAY
    event.window_start, event.window_end = new_start, new_start + 15 * MINUTE
    event.save()
    run_queued_emails()
    assert len(mail.outbox) == 1  # the old start's hour-before batch sent nothing
    # The new start is reminded at its own moments, saying its own time.
    [again] = tick(clock, new_start - DAY + MINUTE)
    assert "Wednesday 22 July 2026, 02:57–03:12 IST" in again.body
    [hour] = tick(clock, new_start - HOUR + MINUTE)
    assert hour.subject == "In 59 minutes: wave for Wave at Saturn"
    assert first.subject.startswith("In 23 hours")


def test_the_organiser_chooses_the_reminders_or_none(clock, ana):
    event = ana.event
    event.reminders = "30"
    event.save()
    assert tick(clock, WINDOW_START - DAY + MINUTE) == []
    [only] = tick(clock, WINDOW_START - 29 * MINUTE)
    assert only.subject == "In 29 minutes: wave for Wave at Saturn"
    quiet = upcoming_event(slug="quiet", reminders="")
    make_participant(quiet, email="q@example.com")
    assert tick(clock, WINDOW_START - 10 * MINUTE) == []


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("1440,60", [1440, 60]), (" 60 , 1440, 60 ", [1440, 60]), ("", []), ("5", [5])],
)
def test_the_reminders_field_reads_minutes(text, minutes):
    assert reminder_minutes(text) == minutes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("an hour", "whole numbers of minutes"),
        ("-60", "whole numbers of minutes"),
        ("٦٠", "whole numbers of minutes"),  # other scripts' digits
        ("1", "between 5 and 20160 minutes"),
        ("30000", "between 5 and 20160 minutes"),
        ("5,10,15,20,25,30", "At most 5 reminders"),
    ],
)
def test_the_reminders_field_refuses_with_a_message(event, text, message):
    event.reminders = text
    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    assert message in str(refused.value.message_dict["reminders"])


def test_reminders_are_described_as_people_say_them():
    assert describe_reminders([1440, 60]) == "the day before and an hour before"
    assert (
        describe_reminders([2880, 120, 30]) == "2 days before, 2 hours before and 30 minutes before"
    )
    assert describe_reminders([]) == ""


def test_the_planner_keeps_itself_going_once(clock, event):
    clock.move_to(WINDOW_START - 3 * DAY)
    assert ensure_planner() is True
    assert ensure_planner() is False  # one waiting: not two
    run_queued_emails()
    # It ran, and queued its next run a minute on: the one on record, waiting.
    run = ScheduledRun.objects.get(name="reminders")
    assert run.due_at == WINDOW_START - 3 * DAY + MINUTE
    assert plan_reminders.get_result(run.task_id).status == TaskResultStatus.READY
    assert DBTaskResult.objects.filter(task_path=plan_reminders.module_path).count() == 2
    # A second planner run (two workers, a retry) queues no second chain.
    plan_reminders.call()
    assert DBTaskResult.objects.filter(task_path=plan_reminders.module_path).count() == 2


class DroppingMailer(BaseEmailBackend):
    """Drops the connection on every message."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@override_settings(MAILERS={"default": {"BACKEND": f"{__name__}.DroppingMailer"}})
def test_a_reminder_that_failed_is_not_retried_after_the_start(clock, event, ana):
    clock.move_to(WINDOW_START - 10 * MINUTE)
    plan_reminders.call()
    run_queued_emails()
    [row] = EmailDelivery.objects.filter(participant=ana, kind="reminder", reminder_minutes=60)
    assert row.status == "queued" and row.attempts == 1  # waits for its retry
    with override_settings(MAILERS=LOCMEM):
        clock.move_to(WINDOW_START + HOUR)
        run_queued_emails()
    assert mail.outbox == []
    row.refresh_from_db()
    assert row.status == "cancelled"
