"""Sending an announcement to the participants: who gets it, what it says, and that every
recipient gets it exactly once, whatever is clicked twice or crashes half-way."""

import re
import smtplib
from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import Count
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from events.models import Announcement, EmailDelivery, Participant
from events.signups import broadcast, sending
from events.signups.rules import stop_announcements
from events.signups.tasks import RETRY_DELAYS
from tests.emails import html_part, run_queued_emails, run_task
from tests.factories import NOW, make_announcement, make_city, make_participant, upcoming_event

pytestmark = pytest.mark.django_db

Status = EmailDelivery.Status
BATCH_PATH = broadcast.send_announcement_batch.module_path


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    """Batches of two, so that a handful of people make several batch tasks."""
    monkeypatch.setattr(broadcast, "BATCH_SIZE", 2)


@pytest.fixture
def event():
    return upcoming_event()


@pytest.fixture
def announcement(event):
    return make_announcement(
        event,
        title="Clear skies",
        body="The forecast is **good**.\n\n<script>alert(1)</script>",
        published_at=NOW - timedelta(hours=1),
    )


@pytest.fixture
def recipients(event) -> list[Participant]:
    return [
        make_participant(event, email=f"p{number}@example.com", wants_announcements=True)
        for number in range(7)
    ]


def received() -> Counter:
    return Counter(address for message in mail.outbox for address in message.to)


def expected(people) -> Counter:
    return Counter({participant.email: 1 for participant in people})


def tasks(path: str = BATCH_PATH):
    """The ready tasks of one kind, by their first participant id (a stable order)."""
    ready = DBTaskResult.objects.ready().filter(task_path=path)
    return sorted(ready, key=lambda result: result.args_kwargs["args"])


# --- who gets it, and what it says ------------------------------------------------------


def test_every_confirmed_participant_who_asked_gets_it_once(event, announcement, recipients):
    make_participant(event, email="pending@example.com", confirmed=False, wants_announcements=True)
    make_participant(event, email="no-thanks@example.com", wants_announcements=False)
    make_participant(
        event, email="demo@generated.example", wants_announcements=True, is_generated=True
    )
    make_participant(upcoming_event(), email="other-event@example.com", wants_announcements=True)

    broadcast.start_broadcast(announcement)
    outcomes = run_queued_emails()

    assert received() == expected(recipients)
    assert outcomes[0] == 4  # the plan: seven people in batches of two
    assert [outcome["sent"] for outcome in outcomes[1:]] == [2, 2, 2, 1]
    assert EmailDelivery.objects.filter(announcement=announcement).count() == 7
    assert sending.progress(announcement) == sending.BroadcastProgress(sent=7, sent_lately=7)


@pytest.mark.parametrize(
    ("zone", "local_time"),
    [
        ("Europe/Paris", "Sunday 19 July 2026, 23:27–23:42 CEST, UTC+02:00"),
        ("Pacific/Auckland", "Monday 20 July 2026, 09:27–09:42 NZST, UTC+12:00"),
    ],
    ids=["paris", "auckland-next-day"],
)
def test_the_email_gives_the_wave_time_in_the_participants_own_zone(
    event, announcement, zone, local_time
):
    participant = make_participant(
        event, email="ana@example.com", zone=zone, wants_announcements=True
    )
    broadcast.start_broadcast(announcement)
    run_queued_emails()

    [message] = mail.outbox
    assert message.subject == "Wave at Saturn: Clear skies"
    assert local_time in message.body
    assert "The forecast is good." in message.body  # readable text, no Markdown left
    assert "**" not in message.body
    html = html_part(message)
    assert "<p>The forecast is <strong>good</strong>.</p>" in html
    assert "<script" not in html
    manage = f"http://127.0.0.1:8000/signup/{participant.manage_key}/"
    assert manage in message.body and f'href="{manage}"' in html
    assert message.extra_headers["List-Unsubscribe"] == f"<{manage}unsubscribe/>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_city_names_the_place(event, announcement):
    paris = make_city("Paris", "FR", "France", "Europe/Paris")
    make_participant(event, email="ana@example.com", city=paris, wants_announcements=True)
    broadcast.start_broadcast(announcement)
    run_queued_emails()
    assert "When to wave, Paris, France time:" in mail.outbox[0].body


def test_generated_participants_get_it_only_when_asked(event, announcement):
    real = make_participant(event, email="real@example.com", wants_announcements=True)
    demo = make_participant(
        event, email="demo@generated.example", wants_announcements=True, is_generated=True
    )

    broadcast.start_broadcast(announcement)
    run_queued_emails()
    assert received() == expected([real])

    broadcast.start_broadcast(announcement, include_generated=True)
    run_queued_emails()
    assert received() == expected([real, demo])


@pytest.mark.parametrize(
    "published_at",
    [None, NOW + timedelta(hours=1)],
    ids=["draft", "scheduled"],
)
def test_an_announcement_that_is_not_published_is_not_sent(event, recipients, published_at):
    draft = make_announcement(event, published_at=published_at)
    with pytest.raises(broadcast.Refused, match="not published yet"):
        broadcast.start_broadcast(draft)
    assert DBTaskResult.objects.count() == 0


def test_someone_who_stops_announcements_before_their_turn_gets_nothing(
    event, announcement, recipients
):
    broadcast.start_broadcast(announcement)
    [plan] = tasks(broadcast.plan_broadcast.module_path)
    run_task(plan)
    stop_announcements(recipients[-1])

    run_queued_emails()

    assert received() == expected(recipients[:-1])
    assert sending.progress(announcement).remaining == 0


# --- exactly once: repeated clicks, crashes -----------------------------------------------


def test_a_second_click_sends_nobody_anything_twice(event, announcement, recipients):
    broadcast.start_broadcast(announcement)
    broadcast.start_broadcast(announcement)  # before any worker ran
    run_queued_emails()
    broadcast.start_broadcast(announcement)  # after everything was sent
    outcomes = run_queued_emails()

    assert received() == expected(recipients)
    assert outcomes == [0]  # the third plan found nobody left
    rows = EmailDelivery.objects.values("participant").annotate(rows=Count("pk"))
    assert {row["rows"] for row in rows} == {1}


def test_a_crash_between_batches_resumes_without_gaps_or_repeats(event, announcement, recipients):
    broadcast.start_broadcast(announcement)
    run_task(tasks(broadcast.plan_broadcast.module_path)[0])
    first, second, *rest = tasks()
    run_task(first)
    run_task(second)
    # The worker dies: the other batch tasks were taken and will never finish.
    for result in rest:
        result.claim("dead-worker")
    assert received() == expected(recipients[:4])
    progress = sending.progress(announcement)
    assert (progress.sent, progress.remaining, progress.not_queued) == (4, 3, 3)

    broadcast.start_broadcast(announcement)  # the organiser clicks "send" again
    run_queued_emails()

    assert received() == expected(recipients)
    assert sending.progress(announcement) == sending.BroadcastProgress(sent=7, sent_lately=7)


class RacingMailer(BaseEmailBackend):
    """While the first message is being handed over, a second worker runs the very same
    batch task from start to end: the interleaving of two workers, made deterministic."""

    rival = None  # the task row the second worker runs

    def send_messages(self, messages):
        rival, RacingMailer.rival = RacingMailer.rival, None
        if rival is not None:
            rival.task.call(*rival.args_kwargs["args"], **rival.args_kwargs["kwargs"])
        mail.outbox.extend(messages)
        return len(messages)


@override_settings(MAILERS={"default": {"BACKEND": f"{__name__}.RacingMailer"}})
def test_two_workers_on_the_same_batch_send_each_email_once(event, announcement, monkeypatch):
    monkeypatch.setattr(broadcast, "BATCH_SIZE", 10)
    people = [
        make_participant(event, email=f"q{number}@example.com", wants_announcements=True)
        for number in range(5)
    ]
    broadcast.start_broadcast(announcement)
    broadcast.start_broadcast(announcement)  # a second click: the same range twice
    plans = tasks(broadcast.plan_broadcast.module_path)
    for plan in plans:
        run_task(plan)
    first, second = tasks()
    RacingMailer.rival = second

    outcome = run_task(first)

    assert received() == expected(people)
    # The rival sent the four the first worker had not claimed yet; the first skipped them.
    assert outcome == {"sent": 1, "skipped": 4}


class SimulatedCrash(BaseException):
    """The process dies (SIGKILL, power): nothing of the task's own code runs after it."""


class CrashingMailer(BaseEmailBackend):
    """Delivers to the outbox, but the process dies while handing over message number
    `crash_at` (1-based), before the server has it."""

    crash_at = 0
    handed_over = 0

    def send_messages(self, messages):
        CrashingMailer.handed_over += 1
        if CrashingMailer.handed_over == CrashingMailer.crash_at:
            raise SimulatedCrash
        mail.outbox.extend(messages)
        return len(messages)


@override_settings(MAILERS={"default": {"BACKEND": f"{__name__}.CrashingMailer"}})
def test_a_crash_inside_a_batch_repeats_nothing_and_shows_the_one_left_unknown(
    event, announcement, recipients, clock
):
    CrashingMailer.crash_at, CrashingMailer.handed_over = 3, 0
    broadcast.start_broadcast(announcement)
    run_task(tasks(broadcast.plan_broadcast.module_path)[0])
    first, second, *_ = tasks()
    run_task(first)
    second.claim("doomed-worker")
    with pytest.raises(SimulatedCrash):
        second.task.call(*second.args_kwargs["args"])
    # Two sent, one lost in the crash (SENDING), one QUEUED by the dead batch.
    assert received() == expected(recipients[:2])
    lost = recipients[2]
    assert EmailDelivery.objects.get(participant=lost).status == Status.SENDING

    broadcast.start_broadcast(announcement)  # resume
    run_queued_emails()
    everyone_else = [p for p in recipients if p != lost]
    assert received() == expected(everyone_else)

    # The one being sent when the process died is not sent again on its own: it may have
    # arrived. After a while it shows as interrupted, and the organiser can send it.
    assert sending.progress(announcement).interrupted == 0
    clock.move_to(NOW + sending.INTERRUPTED_AFTER + timedelta(minutes=1))
    assert sending.progress(announcement).interrupted == 1
    assert sending.resend_interrupted(announcement) == 1
    run_queued_emails()
    assert received() == expected(recipients)
    assert sending.progress(announcement).sent == 7


class RefusingMailer(BaseEmailBackend):
    """The server refuses some addresses for good (550), or is down altogether."""

    refused: frozenset = frozenset()
    down = False

    def open(self):
        if RefusingMailer.down:
            raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, messages):
        [message] = messages
        if message.to[0] in RefusingMailer.refused:
            raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"5.1.1 No such user")})
        mail.outbox.append(message)
        return 1


REFUSING = {"default": {"BACKEND": f"{__name__}.RefusingMailer"}}


@override_settings(MAILERS=REFUSING)
def test_failed_emails_are_counted_and_can_be_retried(event, announcement, recipients):
    RefusingMailer.down, RefusingMailer.refused = False, frozenset({recipients[1].email})
    broadcast.start_broadcast(announcement)
    run_queued_emails()
    progress = sending.progress(announcement)
    assert (progress.sent, progress.failed, progress.remaining) == (6, 1, 0)

    RefusingMailer.refused = frozenset()  # the address works again
    assert sending.retry_failed(announcement) == 1
    run_queued_emails()
    assert received() == expected(recipients)
    assert sending.progress(announcement) == sending.BroadcastProgress(sent=7, sent_lately=7)


@override_settings(MAILERS=REFUSING)
def test_a_mail_server_that_is_down_postpones_the_batches(event, announcement, recipients, clock):
    RefusingMailer.down, RefusingMailer.refused = True, frozenset()
    broadcast.start_broadcast(announcement)
    outcomes = run_queued_emails()
    assert outcomes[1:] == [{"postponed": 1}] * 4
    assert mail.outbox == []
    assert sending.progress(announcement).queued == 7

    RefusingMailer.down = False
    clock.move_to(NOW + RETRY_DELAYS[0])
    run_queued_emails()
    assert received() == expected(recipients)


def test_progress_of_many_announcements_is_one_query(
    event, announcement, recipients, django_assert_num_queries
):
    other = make_announcement(event, title="Other", published_at=NOW - timedelta(hours=2))
    broadcast.start_broadcast(announcement)
    run_queued_emails()
    with django_assert_num_queries(1):
        progress = sending.progress_by_announcement([announcement.pk, other.pk])
    assert progress == {announcement.pk: sending.BroadcastProgress(sent=7)}


class FlakyMailer(BaseEmailBackend):
    """Drops the connection on the first message it is given, then works."""

    failures = 0

    def send_messages(self, messages):
        if FlakyMailer.failures == 0:
            FlakyMailer.failures += 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        mail.outbox.extend(messages)
        return len(messages)


@override_settings(MAILERS={"default": {"BACKEND": f"{__name__}.FlakyMailer"}})
def test_a_participant_who_stops_announcements_after_a_failure_is_not_sent_the_retry(
    event, announcement, clock
):
    FlakyMailer.failures = 0
    clock.move_to(NOW)
    ana = make_participant(event, email="ana@example.com", wants_announcements=True)
    broadcast.start_broadcast(announcement)
    run_queued_emails()
    assert mail.outbox == []  # the connection dropped: her email waits for its retry
    delivery = EmailDelivery.objects.get(participant=ana)
    assert delivery.status == Status.QUEUED
    stop_announcements(ana)
    clock.move_to(NOW + RETRY_DELAYS[0] + timedelta(minutes=1))
    run_queued_emails()
    assert mail.outbox == []
    delivery.refresh_from_db()
    assert delivery.status == Status.CANCELLED


@override_settings(REPLY_TO_EMAIL="organisers@example.org")
def test_the_email_is_readable_as_text_and_every_link_works_from_a_mail_program(event):
    announcement = make_announcement(
        event,
        title="Where to stand",
        body=(
            "## Before you go\n\n"
            "See [the start times](times/) and [the sign-up page](/events/other/), "
            "or [NASA's page](https://science.nasa.gov/).\n\n"
            "- bring a **torch**\n- wave *hard*\n\n"
            "> Clear skies\n"
        ),
        published_at=NOW - timedelta(hours=1),
    )
    participant = make_participant(event, email="ana@example.com", wants_announcements=True)
    broadcast.start_broadcast(announcement)
    run_queued_emails()
    [message] = mail.outbox
    page = f"http://127.0.0.1:8000/events/{event.slug}/"
    text = message.body
    assert "Before you go" in text and "##" not in text
    assert f"the start times ({page}times/)" in text
    assert "the sign-up page (http://127.0.0.1:8000/events/other/)" in text
    assert "NASA's page (https://science.nasa.gov/)" in text
    assert "• bring a torch\n• wave hard" in text
    assert "> Clear skies" in text
    html = html_part(message)
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert hrefs and all(href.startswith(("http://", "https://", "mailto:")) for href in hrefs)
    assert f'href="{page}times/"' in html
    # The footer: the participant's page and the way to stop, in both parts.
    manage = f"http://127.0.0.1:8000/signup/{participant.manage_key}/"
    assert manage in text and f"{manage}unsubscribe/" in text
    assert f'href="{manage}"' in html and f'href="{manage}unsubscribe/"' in html
    assert message.from_email == "wavesite <noreply@localhost>"
    assert message.reply_to == ["organisers@example.org"]


# --- scheduled with the publication; paused, resumed, cancelled ---------------------------


def test_an_announcement_emailed_at_its_publication_time_goes_then_and_once(event, clock):
    from events.signups.reminders import plan_reminders

    clock.move_to(NOW)
    people = [
        make_participant(event, email=f"s{number}@example.com", wants_announcements=True)
        for number in range(3)
    ]
    later = make_announcement(
        event, title="At noon", published_at=NOW + timedelta(hours=1), email_participants=True
    )
    plan_reminders.call()
    run_queued_emails()
    assert mail.outbox == []  # not published yet: nothing goes
    clock.move_to(NOW + timedelta(hours=1, seconds=30))
    plan_reminders.call()
    run_queued_emails()
    assert received() == expected(people)
    later.refresh_from_db()
    assert later.email_started_at == NOW + timedelta(hours=1, seconds=30)
    # The planner's next minutes start nothing again.
    clock.move_to(NOW + timedelta(hours=1, minutes=2))
    plan_reminders.call()
    run_queued_emails()
    assert received() == expected(people)


def test_a_paused_sending_waits_and_resumes_where_it_stopped(
    event, announcement, recipients, clock
):
    clock.move_to(NOW)
    broadcast.start_broadcast(announcement)
    assert broadcast.pause_broadcast(announcement) is True
    outcomes = run_queued_emails()
    assert mail.outbox == [] and {"paused": 1} in outcomes
    assert sending.progress(announcement).remaining == 7
    clock.move_to(NOW + timedelta(minutes=2))
    run_queued_emails()
    assert mail.outbox == []  # still paused: the batches looked again, and wait
    assert broadcast.resume_broadcast(announcement) is True
    clock.move_to(NOW + timedelta(minutes=4))
    run_queued_emails()
    assert received() == expected(recipients)


class PausingMailer(BaseEmailBackend):
    """Sends, and after the first email the organiser presses Pause."""

    announcement_id = None

    def send_messages(self, messages):
        mail.outbox.extend(messages)
        Announcement.objects.filter(pk=PausingMailer.announcement_id).update(email_paused=True)
        return len(messages)


@override_settings(MAILERS={"default": {"BACKEND": f"{__name__}.PausingMailer"}})
def test_a_pause_stops_a_batch_that_is_already_sending(event, announcement, clock, monkeypatch):
    monkeypatch.setattr(broadcast, "BATCH_SIZE", 10)
    monkeypatch.setattr(broadcast, "HOLD_CHECK_EVERY", 1)
    clock.move_to(NOW)
    people = [
        make_participant(event, email=f"b{number}@example.com", wants_announcements=True)
        for number in range(5)
    ]
    PausingMailer.announcement_id = announcement.pk
    broadcast.start_broadcast(announcement)
    run_queued_emails()
    assert len(mail.outbox) == 1  # one went; the batch saw the pause before the next
    assert sending.progress(announcement).sent == 1
    Announcement.objects.filter(pk=announcement.pk).update(email_paused=False)
    with override_settings(
        MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    ):
        clock.move_to(NOW + timedelta(minutes=2))
        run_queued_emails()
    assert received() == expected(people)


def test_a_cancelled_sending_sends_nothing_more_until_sent_again(
    event, announcement, recipients, clock
):
    clock.move_to(NOW)
    broadcast.start_broadcast(announcement)
    assert broadcast.cancel_broadcast(announcement) is True
    run_queued_emails()
    assert mail.outbox == []
    assert sending.progress(announcement).sent == 0
    # Sending again is the organiser's choice: it goes.
    broadcast.start_broadcast(announcement)
    run_queued_emails()
    assert received() == expected(recipients)
