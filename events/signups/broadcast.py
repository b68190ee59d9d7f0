"""Sending a published announcement to every confirmed participant who asked for them.

A broadcast is a plan and batches, all background tasks (Django's Tasks API):

1. `start_broadcast` (the admin action) queues `plan_broadcast` and returns: the request
   stays quick with 200,000 participants.
2. The plan reads the ids of the recipients who have not had the announcement yet and
   queues one `send_announcement_batch` task per BATCH_SIZE of them (a range of ids), all
   in one transaction.
3. A batch task writes its range's delivery rows in bulk (INSERT … ON CONFLICT DO NOTHING
   against the unique (announcement, participant) constraint), then sends its QUEUED rows
   over one mail-server connection. It claims each row (QUEUED → SENDING, a conditional
   UPDATE) just before sending it, as single emails are claimed in signups/tasks.py, and
   marks it SENT right after. Rows are written by the batch, not by the plan, so a QUEUED
   row always has a task at work on it (which signups/outbox.py relies on).

Why it is safe to repeat: a participant has at most one row per announcement, and only
the worker that claims a row sends it. A second click, two workers, or a crash followed by
"send" again: the new plan covers only the people without a finished row (those who
confirmed since, or the part a crash never reached), and a batch skips rows already
claimed. So everyone gets the announcement once. The one thing a crash leaves unknown is
the single email being sent at that instant: its row stays SENDING, shown as interrupted.
"""

import logging
import smtplib
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import datetime
from email.utils import make_msgid

from django.core.mail import mailers
from django.db import transaction
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Announcement, EmailDelivery, Participant
from events.refusal import Refused
from events.signups.emails import email_message
from events.signups.tasks import (
    MAILER,
    PAUSED_WAIT,
    RETRY_DELAYS,
    is_still_wanted,
    retry_or_fail,
)

logger = logging.getLogger(__name__)

Status = EmailDelivery.Status

# Emails per batch task: one mail-server connection and one task row for each. Small
# enough that a batch takes seconds; large enough that 200,000 people are 400 tasks.
BATCH_SIZE = 500


def recipients(announcement: Announcement, *, include_generated: bool = False) -> QuerySet:
    """Participants owed this announcement: confirmed, asked for announcements; real ones
    only unless `include_generated` (demo rows from `fake_participants`)."""
    people = Participant.objects.filter(
        event_id=announcement.event_id, confirmed_at__isnull=False, wants_announcements=True
    )
    return people if include_generated else people.filter(is_generated=False)


def is_sendable(announcement: Announcement, now: datetime) -> bool:
    return announcement.published_at is not None and announcement.published_at <= now


def start_broadcast(
    announcement: Announcement, *, include_generated: bool = False, now: datetime | None = None
) -> None:
    """Queue the sending of a published announcement. Safe to call again at any time."""
    now = now or timezone.now()
    if not is_sendable(announcement, now):
        raise Refused(
            "not_sendable",
            # Translators: %(announcement)s is the announcement's title, for the organisers.
            _("“%(announcement)s” is not published yet: publish it before sending it.")
            % {"announcement": announcement},
        )
    # Started (once: the first start stays on record), and not paused or cancelled: an
    # organiser who sends again after a cancel means it.
    Announcement.objects.filter(pk=announcement.pk).update(
        email_started_at=Coalesce(F("email_started_at"), Value(now)),
        email_paused=False,
        email_cancelled_at=None,
    )
    plan_broadcast.enqueue(announcement.pk, include_generated)


def start_due_broadcasts(now: datetime) -> int:
    """Start the emails of announcements published by now whose organiser asked for them
    at publication (email_participants), once each: the minute planner calls it
    (events/signups/reminders.py). How many were started."""
    due = Announcement.objects.filter(
        email_participants=True,
        published_at__lte=now,
        email_started_at__isnull=True,
        email_cancelled_at__isnull=True,
    )
    started = 0
    for announcement in due:
        # Claimed with a conditional UPDATE: two planners at once start it once.
        claimed = Announcement.objects.filter(
            pk=announcement.pk, email_started_at__isnull=True
        ).update(email_started_at=now)
        if claimed:
            plan_broadcast.enqueue(announcement.pk, False)
            started += 1
    return started


def pause_broadcast(announcement: Announcement) -> bool:
    """Hold the sending: batches stop before their next email and wait (the rows stay
    queued). Whether it was running."""
    return bool(
        Announcement.objects.filter(
            pk=announcement.pk, email_started_at__isnull=False, email_cancelled_at__isnull=True
        ).update(email_paused=True)
    )


def resume_broadcast(announcement: Announcement) -> bool:
    """Let a paused sending go on where it stopped. Whether it was paused."""
    return bool(
        Announcement.objects.filter(pk=announcement.pk, email_paused=True).update(
            email_paused=False
        )
    )


def cancel_broadcast(announcement: Announcement, now: datetime | None = None) -> bool:
    """Stop the sending for good: the emails not sent yet are marked not sent. Whether it
    was running (or scheduled with its publication)."""
    now = now or timezone.now()
    cancelled = (
        Announcement.objects.filter(pk=announcement.pk, email_cancelled_at__isnull=True)
        .filter(Q(email_started_at__isnull=False) | Q(email_participants=True))
        .update(email_cancelled_at=now, email_paused=False)
    )
    EmailDelivery.objects.filter(announcement=announcement, status=Status.QUEUED).update(
        status=Status.CANCELLED, updated_at=now
    )
    return bool(cancelled)


def still_to_send(announcement: Announcement, *, include_generated: bool = False) -> int:
    """How many recipients have no finished email of the announcement yet (none, or one
    still queued): what "send" would really do."""
    finished = EmailDelivery.objects.filter(announcement=announcement).exclude(status=Status.QUEUED)
    return (
        recipients(announcement, include_generated=include_generated)
        .exclude(pk__in=finished.values("participant_id"))
        .count()
    )


def send_test(announcement: Announcement, *, email: str, name: str) -> None:
    """The announcement's email as a participant gets it, sent now to `email` (the
    organiser's own address) with "[Test]" before its subject. Nothing is recorded: the
    participant is made up (in UTC, no city) and never saved."""
    event = announcement.event
    reader = Participant(
        event=event, name=name, email=email, zone="UTC", manage_key="test-send-no-such-key"
    )
    delivery = EmailDelivery(
        participant=reader, announcement=announcement, kind=EmailDelivery.Kind.ANNOUNCEMENT
    )
    message = email_message(delivery)
    message.subject = f"[Test] {message.subject}"
    message.extra_headers["Message-ID"] = make_msgid(domain="wavesite.test")
    mailers[MAILER].send_messages([message])


def id_ranges(ids: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@task(queue_name="email")
def plan_broadcast(announcement_id: int, include_generated: bool = False) -> int:
    """Queue a batch task per BATCH_SIZE recipients still without the announcement; the
    number of batch tasks queued."""
    announcement = Announcement.objects.filter(pk=announcement_id).first()
    if announcement is None:
        return 0
    # Two lists of ids (a couple of megabytes at 200,000 people), each read in one query.
    finished = set(
        EmailDelivery.objects.filter(announcement_id=announcement_id)
        .exclude(status=Status.QUEUED)
        .values_list("participant_id", flat=True)
    )
    todo = [
        pk
        for pk in recipients(announcement, include_generated=include_generated)
        .order_by("pk")
        .values_list("pk", flat=True)
        if pk not in finished
    ]
    batches = list(id_ranges(todo, BATCH_SIZE))
    with transaction.atomic():
        for batch in batches:
            send_announcement_batch.enqueue(
                announcement_id, batch[0], batch[-1], include_generated=include_generated
            )
    logger.info(
        "announcement %s: %s recipient(s) to send to, %s batch task(s) queued",
        announcement_id,
        len(todo),
        len(batches),
    )
    return len(batches)


@task(queue_name="email")
def send_announcement_batch(
    announcement_id: int,
    first_participant_id: int,
    last_participant_id: int,
    include_generated: bool = False,
    attempt: int = 1,
) -> dict[str, int]:
    """Send the announcement to the recipients in one range of participant ids who have
    not had it; what happened (sent, skipped, cancelled, retrying, failed, postponed)."""
    announcement = Announcement.objects.select_related("event").filter(pk=announcement_id).first()
    if announcement is None:
        return {}
    if held := _held(announcement, first_participant_id, last_participant_id, include_generated):
        return held
    people = recipients(announcement, include_generated=include_generated).filter(
        pk__range=(first_participant_id, last_participant_id)
    )
    EmailDelivery.objects.bulk_create(
        [
            EmailDelivery(
                participant_id=participant_id,
                announcement_id=announcement_id,
                kind=EmailDelivery.Kind.ANNOUNCEMENT,
            )
            for participant_id in people.values_list("pk", flat=True)
        ],
        ignore_conflicts=True,
        batch_size=BATCH_SIZE,
    )
    deliveries = list(
        EmailDelivery.objects.filter(
            announcement_id=announcement_id,
            participant_id__gte=first_participant_id,
            participant_id__lte=last_participant_id,
            status=Status.QUEUED,
        )
        .select_related("participant__city")
        .order_by("participant_id")
    )
    for delivery in deliveries:
        delivery.announcement = announcement
        delivery.participant.event = announcement.event
    outcome, stopped = send_rows(deliveries, should_stop=lambda: _is_held(announcement_id))
    if stopped is not None and stopped[1] is None:
        # Paused or cancelled while this batch was sending: the rest of the range waits,
        # or is marked not sent.
        announcement.refresh_from_db(fields=["email_paused", "email_cancelled_at"])
        outcome.update(
            _held(announcement, stopped[0], last_participant_id, include_generated) or {}
        )
    elif stopped is not None:
        # The server or the connection is the trouble: the rest of the range waits.
        # (Counting starts again once some got through, so a flaky server that drops every
        # connection after a while does not exhaust the retries.)
        resume_at, error = stopped
        outcome.update(
            _postpone(
                announcement_id,
                resume_at,
                last_participant_id,
                include_generated,
                1 if outcome["sent"] else attempt,
                error,
            )
        )
    return dict(outcome)


# A running batch asks whether its sending was paused or cancelled every this many emails.
HOLD_CHECK_EVERY = 20


def send_rows(
    deliveries: list[EmailDelivery], *, should_stop=None
) -> tuple[Counter[str], tuple[int, Exception | None] | None]:
    """Send QUEUED rows over one mail-server connection, claiming each just before; rows
    no longer wanted (tasks.is_still_wanted) are marked not sent. What happened, and
    where it stopped if the server failed or `should_stop()` said so (asked every
    HOLD_CHECK_EVERY emails): (the participant id to resume from, the error or None), the
    rows from there on left QUEUED for the caller."""
    outcome: Counter[str] = Counter()
    now = timezone.now()
    keep = [delivery for delivery in deliveries if is_still_wanted(delivery, now)]
    # Stopped wanting them since the plan (or unconfirmed): a final "not sent".
    unwanted = {delivery.pk for delivery in deliveries} - {delivery.pk for delivery in keep}
    if unwanted:
        outcome["cancelled"] = EmailDelivery.objects.filter(
            pk__in=unwanted, status=Status.QUEUED
        ).update(status=Status.CANCELLED, updated_at=timezone.now())
    if not keep:
        return outcome, None
    connection = mailers[MAILER]
    try:
        connection.open()
    except Exception as error:
        return outcome, (keep[0].participant_id, error)
    just_sent = None
    stopped = None
    try:
        for number, delivery in enumerate(keep):
            if should_stop and number and number % HOLD_CHECK_EVERY == 0 and should_stop():
                stopped = (delivery.participant_id, None)
                break
            # One commit per email, not two: the previous email's SENT goes with this
            # one's claim. (A commit waits for the disk; it is most of an email's cost.)
            with transaction.atomic():
                if just_sent is not None:
                    _mark_sent(just_sent)
                    just_sent = None
                claimed = _claim(delivery)
            if not claimed:
                outcome["skipped"] += 1  # another worker has it, or had it
                continue
            try:
                connection.send_messages([email_message(delivery)])
            except Exception as error:
                # This one retries on its own schedule (events/signups/tasks.py), or fails for good.
                outcome[retry_or_fail(delivery, error)] += 1
                if _concerns_one_recipient(error):
                    continue
                stopped = (delivery.participant_id + 1, error)
                break
            just_sent = delivery
            outcome["sent"] += 1
    finally:
        if just_sent is not None:
            _mark_sent(just_sent)
        connection.close()
    return outcome, stopped


def _is_held(announcement_id: int) -> bool:
    return Announcement.objects.filter(
        Q(email_paused=True) | Q(email_cancelled_at__isnull=False), pk=announcement_id
    ).exists()


def _held(
    announcement: Announcement, first_id: int, last_id: int, include_generated: bool
) -> dict[str, int] | None:
    """A cancelled sending marks the range's waiting rows not sent; a paused one waits a
    minute and looks again (its rows keep a task due then: not stalled for the outbox).
    None when the sending may go on."""
    waiting = EmailDelivery.objects.filter(
        announcement_id=announcement.pk,
        participant_id__gte=first_id,
        participant_id__lte=last_id,
        status=Status.QUEUED,
    )
    if announcement.email_cancelled_at is not None:
        return {"cancelled": waiting.update(status=Status.CANCELLED, updated_at=timezone.now())}
    if announcement.email_paused:
        run_after = timezone.now() + PAUSED_WAIT
        send_announcement_batch.using(run_after=run_after).enqueue(
            announcement.pk, first_id, last_id, include_generated
        )
        waiting.update(next_attempt_at=run_after)
        return {"paused": 1}
    return None


def _mark_sent(delivery: EmailDelivery) -> None:
    now = timezone.now()
    EmailDelivery.objects.filter(pk=delivery.pk, status=Status.SENDING).update(
        status=Status.SENT, sent_at=now, updated_at=now, last_error=""
    )


def _claim(delivery: EmailDelivery) -> bool:
    """QUEUED → SENDING; exactly one worker succeeds for a row (a conditional UPDATE)."""
    claimed = EmailDelivery.objects.filter(pk=delivery.pk, status=Status.QUEUED).update(
        status=Status.SENDING, attempts=F("attempts") + 1, updated_at=timezone.now()
    )
    delivery.attempts += 1
    return bool(claimed)


def _concerns_one_recipient(error: Exception) -> bool:
    """The server refused this message or address, and is otherwise fine."""
    return isinstance(error, smtplib.SMTPRecipientsRefused | smtplib.SMTPDataError)


def _postpone(
    announcement_id: int,
    first_id: int,
    last_id: int,
    include_generated: bool,
    attempt: int,
    error: Exception,
) -> dict[str, int]:
    """The mail server cannot be reached: try the range again later, or after the last
    retry mark its waiting rows FAILED, for the organiser to retry."""
    description = f"{type(error).__name__}: {error}"[:2000]
    if first_id > last_id:
        return {}
    if attempt <= len(RETRY_DELAYS):
        run_after = timezone.now() + RETRY_DELAYS[attempt - 1]
        send_announcement_batch.using(run_after=run_after).enqueue(
            announcement_id, first_id, last_id, include_generated, attempt + 1
        )
        # The waiting rows have a task again, due later: not stalled (events/signups/outbox.py).
        EmailDelivery.objects.filter(
            announcement_id=announcement_id,
            participant_id__gte=first_id,
            participant_id__lte=last_id,
            status=Status.QUEUED,
        ).update(next_attempt_at=run_after)
        logger.warning(
            "announcement %s, participants %s–%s: mail server unavailable, retrying at %s: %s",
            announcement_id,
            first_id,
            last_id,
            run_after,
            description,
        )
        return {"postponed": 1}
    failed = EmailDelivery.objects.filter(
        announcement_id=announcement_id,
        participant_id__gte=first_id,
        participant_id__lte=last_id,
        status=Status.QUEUED,
    ).update(status=Status.FAILED, last_error=description, updated_at=timezone.now())
    logger.error(
        "announcement %s, participants %s–%s: %s email(s) failed for good: %s",
        announcement_id,
        first_id,
        last_id,
        failed,
        description,
    )
    return {"failed": failed}
