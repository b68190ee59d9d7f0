"""Background work through Django's Tasks API: sending participants' emails.

A task carries only a delivery's id. The queue holds no personal data, and a sign-up
deleted before its email went out leaves nothing to send. Workers: `manage.py db_worker
--queue-name default,email` (as many as wanted; each claims task rows with SKIP LOCKED).
"""

import logging
import smtplib
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone

from events.models import EmailDelivery, Participant
from events.signups.emails import email_message

logger = logging.getLogger(__name__)

# The wait before each retry: about nine hours in all, enough to ride out a mail server's
# outage. After the last one the delivery stays FAILED (and is logged as an error).
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)
MAILER = "default"

Status = EmailDelivery.Status


def queue_email(participant: Participant, kind: str) -> EmailDelivery:
    """Owe `participant` an email of `kind` and queue the task that sends it.

    Call it inside the transaction that gave the reason for the email: django-tasks-db
    writes the task row with the same database connection, so the reason, the delivery
    and the task commit together or not at all. (transaction.on_commit would open a gap:
    a crash between the commit and the enqueue would lose the email.)
    """
    # No savepoint: inside the caller's transaction a failure here must undo it all anyway.
    with transaction.atomic(savepoint=False):
        delivery = EmailDelivery.objects.create(participant=participant, kind=kind)
        delivery.task_id, delivery.next_attempt_at = schedule_send(delivery.pk)
    return delivery


def schedule_send(delivery_id: int, at: datetime | None = None) -> tuple[str, datetime]:
    """Queue the task that sends a QUEUED delivery, now or at `at`, and note the task on
    the delivery's row (events/signups/outbox.py reads it); the task's id and due time.

    Call it in the transaction that made the row QUEUED, so both commit or neither does.
    """
    due = at or timezone.now()
    sender = send_participant_email if at is None else send_participant_email.using(run_after=at)
    task_id = sender.enqueue(delivery_id).id
    EmailDelivery.objects.filter(pk=delivery_id).update(task_id=task_id, next_attempt_at=due)
    return task_id, due


@task(queue_name="email")
def send_participant_email(delivery_id: int) -> str:
    """Send one delivery's email unless it has been sent or is being sent; retry failures."""
    # The claim: a conditional UPDATE is atomic on every database, so of two workers (or
    # a task that runs twice) exactly one moves the row from QUEUED and sends.
    claimed = EmailDelivery.objects.filter(pk=delivery_id, status=Status.QUEUED).update(
        status=Status.SENDING, attempts=F("attempts") + 1, updated_at=timezone.now()
    )
    if not claimed:
        logger.info("email delivery %s: nothing to send (sent, in progress or gone)", delivery_id)
        return "skipped"
    try:
        delivery = EmailDelivery.objects.select_related(
            "participant__event", "participant__city", "announcement"
        ).get(pk=delivery_id)
    except EmailDelivery.DoesNotExist:
        # The sign-up was deleted a moment ago.
        return "skipped"
    if delivery.kind == EmailDelivery.Kind.ANNOUNCEMENT and delivery.announcement.email_paused:
        # The organiser paused the sending: this one (a retry) waits with the rest.
        with transaction.atomic():
            EmailDelivery.objects.filter(pk=delivery_id, status=Status.SENDING).update(
                status=Status.QUEUED, attempts=F("attempts") - 1, updated_at=timezone.now()
            )
            schedule_send(delivery_id, at=timezone.now() + PAUSED_WAIT)
        return "paused"
    if not is_still_wanted(delivery, timezone.now()):
        # A retry or a recovered email whose moment has passed: announcements stopped, a
        # reminder after the start or for a start the event no longer has.
        EmailDelivery.objects.filter(pk=delivery_id, status=Status.SENDING).update(
            status=Status.CANCELLED, updated_at=timezone.now()
        )
        logger.info("email delivery %s: no longer wanted, not sent", delivery_id)
        return "cancelled"
    try:
        email_message(delivery).send(using=MAILER)
    except Exception as error:
        return retry_or_fail(delivery, error)
    # A crash right here leaves the row SENDING: it is not sent again, since the server may
    # well have accepted it. Such rows are few and visible (status "sending").
    EmailDelivery.objects.filter(pk=delivery_id, status=Status.SENDING).update(
        status=Status.SENT, sent_at=timezone.now(), updated_at=timezone.now(), last_error=""
    )
    logger.info("email delivery %s sent (%s)", delivery_id, delivery.kind)
    return "sent"


# How long an email of a paused sending waits before it looks again.
PAUSED_WAIT = timedelta(minutes=1)


def is_still_wanted(delivery: EmailDelivery, now: datetime) -> bool:
    """Whether the participant still wants this email now: announcements only while they
    ask for them, reminders only while they ask for them and before the start they were
    for (an event moved since has reminders of its own). Confirmations and links always."""
    participant = delivery.participant
    if delivery.kind == EmailDelivery.Kind.ANNOUNCEMENT:
        return (
            participant.is_confirmed
            and participant.wants_announcements
            and delivery.announcement.email_cancelled_at is None
        )
    if delivery.kind == EmailDelivery.Kind.REMINDER:
        start = participant.event.window_start
        return (
            participant.is_confirmed
            and participant.wants_reminders
            and delivery.reminder_for == start
            and now < start
        )
    return True


def _is_permanent(error: Exception) -> bool:
    """A 5xx answer refusing the recipient: asking again will not change it."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return False


def retry_or_fail(delivery: EmailDelivery, error: Exception) -> str:
    """After a failed send of a SENDING `delivery`: queue it again after the next delay in
    RETRY_DELAYS, or mark it FAILED (a permanent refusal, or the retries used up).

    Returns "retrying" or "failed". Broadcast batches call it for each email that fails.
    """
    now = timezone.now()
    description = f"{type(error).__name__}: {error}"[:2000]
    attempt = delivery.attempts
    if not _is_permanent(error) and attempt <= len(RETRY_DELAYS):
        delay = RETRY_DELAYS[attempt - 1]
        with transaction.atomic():
            requeued = EmailDelivery.objects.filter(pk=delivery.pk, status=Status.SENDING).update(
                status=Status.QUEUED, last_error=description, updated_at=now
            )
            if requeued:
                schedule_send(delivery.pk, at=now + delay)
        logger.warning(
            "email delivery %s failed (attempt %s), retrying in %s: %s",
            delivery.pk,
            attempt,
            delay,
            description,
        )
        return "retrying"
    EmailDelivery.objects.filter(pk=delivery.pk, status=Status.SENDING).update(
        status=Status.FAILED, last_error=description, updated_at=now
    )
    logger.error(
        "email delivery %s to participant %s failed for good after %s attempt(s): %s",
        delivery.pk,
        delivery.participant_id,
        attempt,
        description,
    )
    return "failed"
