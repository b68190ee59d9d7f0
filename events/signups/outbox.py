"""Bring back emails a dead worker left behind.

A worker killed mid-batch (SIGKILL, a lost machine) can leave a delivery QUEUED whose
task row it had already taken (so no other worker will run it), or SENDING (claimed, and
perhaps handed to the mail server, perhaps not). Both are given a fresh task once they
are older than EMAIL_SEND_TIMEOUT, long past any send in progress (the SMTP timeout is
10 s). Sending is claimed by a conditional UPDATE (events/tasks.py), so an extra task for
a delivery that another worker is handling does nothing.

A SENDING delivery is sent again: the email may then reach the server twice, with the
same Message-ID (events/mail.py), which mail systems treat as one message. That is the
one case of a second copy, and it needs a crash inside a send; never sending would be
worse: a participant who could not confirm.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from events.models import EmailDelivery
from events.signups.tasks import send_participant_email

logger = logging.getLogger(__name__)
Status = EmailDelivery.Status


@dataclass(frozen=True)
class Recovered:
    queued: int
    sending: int


def _deliveries_with_a_waiting_task() -> set[int]:
    """Deliveries that a task row still waits to send (a retry's back-off included)."""
    waiting = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=send_participant_email.module_path
    ).values_list("args_kwargs", flat=True)
    return {args_kwargs["args"][0] for args_kwargs in waiting.iterator(chunk_size=2000)}


def recover_stalled_emails(now: datetime, timeout: timedelta) -> Recovered:
    """Give every delivery stalled since before `now - timeout` a new task."""
    cutoff = now - timeout
    stalled = EmailDelivery.objects.filter(updated_at__lt=cutoff).filter(
        Q(status=Status.QUEUED) | Q(status=Status.SENDING)
    )
    waiting = _deliveries_with_a_waiting_task()
    queued = sending = 0
    for delivery_id, status in stalled.values_list("pk", "status").iterator(chunk_size=1000):
        if status == Status.QUEUED and delivery_id in waiting:
            continue  # its task is still there (perhaps waiting out a retry's back-off)
        with transaction.atomic():
            # Back to QUEUED only if it is still stalled as we saw it (no worker moved it).
            moved = EmailDelivery.objects.filter(
                pk=delivery_id, status=status, updated_at__lt=cutoff
            ).update(status=Status.QUEUED, updated_at=now)
            if moved:
                send_participant_email.enqueue(delivery_id)
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
