"""Emails left behind by a dead worker are sent after all, each once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from events.models import EmailDelivery, Participant
from events.signups.outbox import Recovered, recover_stalled_emails
from events.signups.tasks import queue_email
from tests.signups import run_queued_emails, upcoming_event

pytestmark = pytest.mark.django_db
TIMEOUT = timedelta(minutes=2)
Status = EmailDelivery.Status


@pytest.fixture
def participant():
    event = upcoming_event()
    return Participant.objects.create(event=event, name="Ana", email="ana@example.com", zone="UTC")


def _age(delivery: EmailDelivery, by: timedelta) -> None:
    EmailDelivery.objects.filter(pk=delivery.pk).update(updated_at=timezone.now() - by)


def _drop_its_task() -> None:
    # What a worker killed after taking the task row leaves: the row is RUNNING forever.
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
    DBTaskResult.objects.filter(args_kwargs__args=[sending.pk]).update(status="RUNNING")
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
