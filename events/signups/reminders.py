"""Reminders before the window: by default the day before and an hour before, in each
participant's zone, each with where to look and the calendar file.

A planner task (`plan_reminders`, on the email queue) runs about once a minute and keeps
itself going: it finds every reminder that is due (its moment has come and the window has
not started) for confirmed participants who want reminders, writes one delivery row per
participant, reminder and start time (INSERT … ON CONFLICT DO NOTHING against the unique
constraint) and queues a batch task per BATCH_SIZE of them, which sends them as the
announcement batches do. Why this holds:

- Exactly once: a row per (participant, minutes before, start) whoever plans it, and only
  the worker that claims a row (QUEUED → SENDING) sends it.
- A worker down at the due moment: the next planner run, after the restart, finds the
  reminder still due and sends it late, saying how soon the window starts; if a later
  reminder is due too, only that one goes (the earlier is marked not sent).
- Never after the start: the planner looks only at windows still to come, and a batch
  checks the start again just before sending.
- An event moved: the rows name the start they were for, so the new start is reminded
  at its own moments; a batch planned for the old start sends nothing.

`ensure_planner()` queues the first planner run (manage.py recover_emails calls it, and
`make run`/scripts/serve.sh run that before the worker).
"""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.tasks import TaskResultStatus, task
from django.tasks.exceptions import TaskResultDoesNotExist
from django.utils import timezone

from events.models import EmailDelivery, Event, Participant, ScheduledRun
from events.models.event import LONGEST_REMINDER_MINUTES
from events.signups import broadcast
from events.signups.broadcast import BATCH_SIZE, id_ranges

logger = logging.getLogger(__name__)

Status = EmailDelivery.Status
Kind = EmailDelivery.Kind

# How often the planner looks (a reminder goes out at most this late while workers run).
PLAN_EVERY = timedelta(minutes=1)


def due_reminder(event: Event, now: datetime) -> tuple[int, list[int]] | None:
    """The reminder of `event` to send now (its minutes before the start), and the earlier
    ones it supersedes; None when none is due or the window has begun."""
    if now >= event.window_start:
        return None
    due = [
        minutes
        for minutes in event.reminder_offsets
        if event.window_start - timedelta(minutes=minutes) <= now
    ]
    if not due:
        return None
    latest = min(due)  # the nearest to the start
    return latest, [minutes for minutes in due if minutes != latest]


def recipients(event: Event):
    """Confirmed participants who want reminders (generated demo rows never get any)."""
    return Participant.objects.filter(
        event=event, confirmed_at__isnull=False, wants_reminders=True, is_generated=False
    )


def _unreminded_ids(event: Event, minutes: int) -> list[int]:
    already = set(
        EmailDelivery.objects.filter(
            participant__event=event,
            kind=Kind.REMINDER,
            reminder_minutes=minutes,
            reminder_for=event.window_start,
        ).values_list("participant_id", flat=True)
    )
    return [
        pk
        for pk in recipients(event).order_by("pk").values_list("pk", flat=True)
        if pk not in already
    ]


def plan_event(event: Event, now: datetime) -> int:
    """Queue the due reminder of one event for everyone still without it; batches queued."""
    found = due_reminder(event, now)
    if found is None:
        return 0
    minutes, superseded = found
    todo = _unreminded_ids(event, minutes)
    with transaction.atomic():
        for earlier in superseded:
            # Too late for these: the nearer reminder says it all. Marked, so they never go.
            _write_rows(event, earlier, todo, status=Status.CANCELLED)
        batches = list(id_ranges(todo, BATCH_SIZE))
        for batch in batches:
            send_reminder_batch.enqueue(
                event.pk, minutes, event.window_start.isoformat(), batch[0], batch[-1]
            )
    if todo:
        logger.info(
            "event %s: reminder %s min before, %s participant(s), %s batch(es)",
            event.pk,
            minutes,
            len(todo),
            len(batches),
        )
    return len(batches)


def _write_rows(event: Event, minutes: int, ids, *, status: str = Status.QUEUED) -> None:
    EmailDelivery.objects.bulk_create(
        [
            EmailDelivery(
                participant_id=participant_id,
                kind=Kind.REMINDER,
                reminder_minutes=minutes,
                reminder_for=event.window_start,
                status=status,
            )
            for participant_id in ids
        ],
        ignore_conflicts=True,
        batch_size=BATCH_SIZE,
    )


def events_to_remind(now: datetime):
    """Published events whose window is still to come and whose first reminder may be due."""
    return Event.objects.filter(
        status=Event.Status.PUBLISHED,
        window_start__gt=now,
        window_start__lte=now + timedelta(minutes=LONGEST_REMINDER_MINUTES),
    ).exclude(reminders="")


@task(queue_name="email")
def plan_reminders() -> int:
    """Plan the reminders that are due and start the announcement emails scheduled with
    their publication, then queue the next run (unless one is queued already)."""
    now = timezone.now()
    queued = sum(plan_event(event, now) for event in events_to_remind(now))
    # The same minute's other duty: announcements emailed at their publication time.
    queued += broadcast.start_due_broadcasts(now)
    ensure_planner(at=now + PLAN_EVERY)
    return queued


PLANNER = "reminders"


def ensure_planner(at: datetime | None = None) -> bool:
    """Queue a planner run at `at` (now by default) unless the one on record is still
    waiting; whether one was queued. The run on record is a row of our own (ScheduledRun),
    read and written under a row lock, so two workers starting at once queue one run, and
    a planner that ran twice folds back into one chain."""
    with transaction.atomic():
        run, _ = ScheduledRun.objects.select_for_update().get_or_create(name=PLANNER)
        if run.task_id and _is_waiting(run.task_id):
            return False
        planner = plan_reminders if at is None else plan_reminders.using(run_after=at)
        run.task_id = planner.enqueue().id
        run.due_at = at or timezone.now()
        run.save(update_fields=["task_id", "due_at"])
    return True


def _is_waiting(task_id: str) -> bool:
    """The task has not been taken by a worker yet (Django's Tasks API)."""
    try:
        return plan_reminders.get_result(task_id).status == TaskResultStatus.READY
    except TaskResultDoesNotExist:
        return False  # pruned, or never committed


@task(queue_name="email")
def send_reminder_batch(
    event_id: int, minutes: int, start_iso: str, first_participant_id: int, last_participant_id: int
) -> dict[str, int]:
    """Send one reminder to a range of participant ids; what happened. Nothing once the
    window has started, or when the event has moved since the plan."""
    event = Event.objects.filter(pk=event_id).first()
    start = datetime.fromisoformat(start_iso)
    now = timezone.now()
    if event is None or event.window_start != start or now >= start:
        return {"too late or moved": 1}
    people = recipients(event).filter(pk__range=(first_participant_id, last_participant_id))
    _write_rows(event, minutes, people.values_list("pk", flat=True))
    deliveries = list(
        EmailDelivery.objects.filter(
            kind=Kind.REMINDER,
            reminder_minutes=minutes,
            reminder_for=start,
            participant_id__gte=first_participant_id,
            participant_id__lte=last_participant_id,
            participant__event_id=event_id,
            status=Status.QUEUED,
        )
        .select_related("participant__city")
        .order_by("participant_id")
    )
    for delivery in deliveries:
        delivery.participant.event = event
    outcome, stopped = broadcast.send_rows(deliveries)
    if stopped is not None:
        # The mail server failed: the rest of the range again in a minute, while there is
        # time (the rows stay QUEUED; after the start the batch sends nothing).
        resume_at, error = stopped
        retry_at = timezone.now() + PLAN_EVERY
        if retry_at < start and resume_at <= last_participant_id:
            send_reminder_batch.using(run_after=retry_at).enqueue(
                event_id, minutes, start_iso, resume_at, last_participant_id
            )
            outcome["postponed"] += 1
        logger.warning("reminders of event %s: mail server failed: %s", event_id, error)
    return dict(outcome)
