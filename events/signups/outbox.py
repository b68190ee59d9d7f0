"""Bring back emails a dead worker left behind.

A worker killed mid-batch (SIGKILL, a lost machine) can leave a delivery QUEUED whose
task row it had already taken (so no other worker will run it), or SENDING (claimed, and
perhaps handed to the mail server, perhaps not). Both are given a fresh task once they
are older than EMAIL_SEND_TIMEOUT, long past any send in progress (the SMTP timeout is
10 s). Sending is claimed by a conditional UPDATE (events/signups/tasks.py), so an extra
task for a delivery that another worker is handling does nothing.

What is known of a delivery's task is on its own row (`task_id`, `next_attempt_at`): a
QUEUED delivery whose task is not due yet, or is still waiting to run (asked through
Django's Tasks API), is left alone. Run it before the workers start: `manage.py
recover_emails`, then `manage.py db_worker` (and from cron every few minutes if wanted).

A SENDING delivery is sent again: the email may then reach the server twice, with the
same Message-ID (events/signups/emails.py), which mail systems treat as one message. That
is the one case of a second copy, and it needs a crash inside a send; never sending would
be worse: a participant who could not confirm.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.tasks import TaskResultStatus
from django.tasks.exceptions import TaskResultDoesNotExist

from events.models import EmailDelivery
from events.signups.tasks import schedule_send, send_participant_email

logger = logging.getLogger(__name__)
Status = EmailDelivery.Status


@dataclass(frozen=True)
class Recovered:
    queued: int
    sending: int


def _task_is_waiting(task_id: str) -> bool:
    """The delivery's task is still queued to run (not taken by a worker, not finished)."""
    if not task_id or not send_participant_email.get_backend().supports_get_result:
        return False
    try:
        return send_participant_email.get_result(task_id).status == TaskResultStatus.READY
    except TaskResultDoesNotExist:
        return False  # pruned, or never committed


def recover_stalled_emails(now: datetime, timeout: timedelta) -> Recovered:
    """Give every delivery stalled since before `now - timeout` a new task."""
    cutoff = now - timeout
    due_before_cutoff = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lt=cutoff)
    stalled = EmailDelivery.objects.filter(updated_at__lt=cutoff).filter(
        Q(status=Status.SENDING) | (Q(status=Status.QUEUED) & due_before_cutoff)
    )
    queued = sending = 0
    for delivery_id, status, task_id in stalled.values_list("pk", "status", "task_id").iterator(
        chunk_size=1000
    ):
        if status == Status.QUEUED and _task_is_waiting(task_id):
            continue  # a worker has yet to take its task (the queue is long)
        with transaction.atomic():
            # Back to QUEUED only if it is still stalled as we saw it (no worker moved it).
            moved = EmailDelivery.objects.filter(
                pk=delivery_id, status=status, updated_at__lt=cutoff
            ).update(status=Status.QUEUED, updated_at=now)
            if moved:
                schedule_send(delivery_id)
        if moved and status == Status.SENDING:
            sending += 1
        elif moved:
            queued += 1
    if queued or sending:
        logger.warning(
            "recovered stalled emails: %s queued without a live task, %s left mid-send",
            queued,
            sending,
        )
    return Recovered(queued, sending)
