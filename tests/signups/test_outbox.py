"""Emails left behind by a dead worker are sent after all, each once."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from events.models import EmailDelivery, Participant
from events.signups.broadcast import start_broadcast
from events.signups.outbox import Recovered, recover_stalled_emails
from events.signups.tasks import RETRY_DELAYS, queue_email, send_participant_email
from tests.emails import run_queued_emails
from tests.factories import NOW, make_announcement, make_participant, upcoming_event

pytestmark = pytest.mark.django_db
TIMEOUT = timedelta(minutes=2)
Status = EmailDelivery.Status


@pytest.fixture
def participant():
    return make_participant(upcoming_event(), email="ana@example.com", confirmed=False)


def _age(delivery: EmailDelivery, by: timedelta) -> None:
    earlier = timezone.now() - by
    EmailDelivery.objects.filter(pk=delivery.pk).update(updated_at=earlier, next_attempt_at=earlier)


def _drop_its_task() -> None:
    # What a worker killed after taking the task row leaves: the row is RUNNING forever.
    # (The test plays the dead worker, so it writes the backend's table; the code under
    # test only asks Django's Tasks API.)
    DBTaskResult.objects.update(status="RUNNING")


def test_a_queued_email_whose_task_died_is_sent_once(participant):
    delivery = queue_email(participant, EmailDelivery.Kind.CONFIRM)
    _drop_its_task()
    _age(delivery, TIMEOUT + timedelta(seconds=1))
    recovered = recover_stalled_emails(timezone.now(), TIMEOUT)
    assert (recovered.queued, recovered.sending) == (1, 0)
    assert run_queued_emails() == ["sent"]
    assert len(mail.outbox) == 1
    # running the recovery again finds nothing, and nothing is sent again
    assert recover_stalled_emails(timezone.now() + TIMEOUT * 2, TIMEOUT).queued == 0
    assert run_queued_emails() == []
    assert len(mail.outbox) == 1


def test_an_email_left_mid_send_is_sent_again_with_the_same_message_id(participant):
    delivery = queue_email(participant, EmailDelivery.Kind.CONFIRM)
    _drop_its_task()
    EmailDelivery.objects.filter(pk=delivery.pk).update(status=Status.SENDING, attempts=1)
    _age(delivery, TIMEOUT + timedelta(seconds=1))
    assert recover_stalled_emails(timezone.now(), TIMEOUT).sending == 1
    assert run_queued_emails() == ["sent"]
    (message,) = mail.outbox
    assert message.extra_headers["Message-ID"].startswith(f"<delivery-{delivery.pk}.")
    assert EmailDelivery.objects.get().status == Status.SENT


def test_recent_sends_and_waiting_retries_are_left_alone(participant):
    sending = queue_email(participant, EmailDelivery.Kind.CONFIRM)
    EmailDelivery.objects.filter(pk=sending.pk).update(status=Status.SENDING)
    waiting = queue_email(participant, EmailDelivery.Kind.MANAGE)  # its task row is READY
    _age(waiting, TIMEOUT * 10)
    sending.refresh_from_db()
    DBTaskResult.objects.filter(pk=sending.task_id).update(status="RUNNING")
    tasks_before = DBTaskResult.objects.count()
    assert recover_stalled_emails(timezone.now(), TIMEOUT) == Recovered(0, 0)
    assert DBTaskResult.objects.count() == tasks_before


def test_sent_emails_are_never_recovered(participant):
    delivery = queue_email(participant, EmailDelivery.Kind.CONFIRM)
    run_queued_emails()
    _age(delivery, TIMEOUT * 10)
    assert recover_stalled_emails(timezone.now(), TIMEOUT).queued == 0
    assert run_queued_emails() == []
    assert len(mail.outbox) == 1


def test_the_delivery_names_its_task_and_the_recovery_gives_it_a_new_one(participant):
    delivery = queue_email(participant, EmailDelivery.Kind.CONFIRM)
    delivery.refresh_from_db()
    first = send_participant_email.get_result(delivery.task_id)
    assert (first.args, first.status) == ([delivery.pk], TaskResultStatus.READY)
    assert delivery.next_attempt_at is not None
    _drop_its_task()
    _age(delivery, TIMEOUT * 2)
    assert recover_stalled_emails(timezone.now(), TIMEOUT).queued == 1
    delivery.refresh_from_db()
    second = send_participant_email.get_result(delivery.task_id)
    assert second.id != first.id
    assert (second.args, second.status) == ([delivery.pk], TaskResultStatus.READY)


def test_a_retry_due_later_is_left_alone_even_without_its_task(participant):
    delivery = queue_email(participant, EmailDelivery.Kind.CONFIRM)
    _drop_its_task()
    EmailDelivery.objects.filter(pk=delivery.pk).update(
        updated_at=timezone.now() - TIMEOUT * 10, next_attempt_at=timezone.now() + TIMEOUT
    )
    assert recover_stalled_emails(timezone.now(), TIMEOUT) == Recovered(0, 0)
    # once it is overdue, it is recovered
    later = timezone.now() + TIMEOUT * 3
    assert recover_stalled_emails(later, TIMEOUT) == Recovered(1, 0)


class DownMailer(BaseEmailBackend):
    """A mail server that cannot be reached."""

    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")


MAIL_SERVER_DOWN = {"default": {"BACKEND": f"{__name__}.DownMailer"}}


@override_settings(MAILERS=MAIL_SERVER_DOWN)
def test_a_retry_waiting_out_its_back_off_is_not_stalled(participant, clock):
    now = clock.move_to(NOW)
    delivery = queue_email(participant, EmailDelivery.Kind.CONFIRM)
    assert run_queued_emails() == ["retrying"]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.next_attempt_at) == (Status.QUEUED, now + RETRY_DELAYS[0])
    assert send_participant_email.get_result(delivery.task_id).status == TaskResultStatus.READY
    # its last change long ago, its task due one minute after it: not stalled until then
    EmailDelivery.objects.filter(pk=delivery.pk).update(updated_at=now - TIMEOUT * 10)
    assert recover_stalled_emails(now + RETRY_DELAYS[0], TIMEOUT) == Recovered(0, 0)


@override_settings(MAILERS=MAIL_SERVER_DOWN)
def test_a_postponed_broadcast_is_left_to_its_batch_until_it_is_overdue(participant, clock):
    now = clock.move_to(NOW)
    Participant.objects.filter(pk=participant.pk).update(confirmed_at=now, wants_announcements=True)
    announcement = make_announcement(participant.event, published_at=now - timedelta(hours=1))
    start_broadcast(announcement)
    assert run_queued_emails() == [1, {"postponed": 1}]
    delivery = EmailDelivery.objects.get(announcement=announcement)
    assert delivery.next_attempt_at == now + RETRY_DELAYS[0]
    # past the timeout but before the batch's retry is due (plus the timeout): its batch's
    assert recover_stalled_emails(now + TIMEOUT + RETRY_DELAYS[0] / 2, TIMEOUT) == Recovered(0, 0)
    # the batch task lost, and long overdue: the email gets a task of its own
    _drop_its_task()
    assert recover_stalled_emails(now + TIMEOUT + RETRY_DELAYS[0] * 2, TIMEOUT) == Recovered(1, 0)


def test_recover_emails_command_reports_what_it_did(participant):
    delivery = queue_email(participant, EmailDelivery.Kind.CONFIRM)
    _drop_its_task()
    _age(delivery, TIMEOUT * 10)
    output = StringIO()
    call_command("recover_emails", stdout=output)
    assert output.getvalue().splitlines() == [
        "recovered 1 queued and 0 mid-send emails",
        "queued the reminders' planner",
    ]
    assert run_queued_emails() == ["sent", 0]  # the email; the planner, with nothing due
    # Run again (another worker's start): the planner is waiting already, not queued twice.
    again = StringIO()
    call_command("recover_emails", stdout=again)
    assert again.getvalue().splitlines() == ["recovered 0 queued and 0 mid-send emails"]
