"""How far an announcement’s sending has got, and sending a part of it again (the failed
or the interrupted emails)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone

from events.models import Announcement, EmailDelivery
from events.signups.broadcast import (
    BATCH_SIZE,
    Status,
    id_ranges,
    recipients,
    send_announcement_batch,
)

# A row still SENDING after this long belongs to a worker that stopped while sending it.
INTERRUPTED_AFTER = timedelta(minutes=15)
# The sending rate is the emails sent in this last stretch of time.
RATE_WINDOW = timedelta(minutes=1)


@dataclass(frozen=True)
class BroadcastProgress:
    """Where an announcement's emails stand: counts of delivery rows by state, plus the
    recipients who have none yet (confirmed since it was sent, or a plan cut short)."""

    sent: int = 0
    failed: int = 0
    queued: int = 0
    sending: int = 0
    interrupted: int = 0  # SENDING for longer than INTERRUPTED_AFTER: a worker stopped
    cancelled: int = 0
    not_queued: int = 0
    # Emails sent in the last RATE_WINDOW (one announcement's `progress` only).
    sent_lately: int = 0

    @property
    def remaining(self) -> int:
        return self.queued + self.sending + self.not_queued

    @property
    def per_minute(self) -> float:
        """The rate of the last minute: emails a minute."""
        return self.sent_lately / (RATE_WINDOW.total_seconds() / 60)

    @property
    def time_left(self) -> timedelta | None:
        """At the last minute's rate, how long the rest takes (None when nothing moves)."""
        if not self.remaining or not self.sent_lately:
            return None
        return timedelta(minutes=self.remaining / self.per_minute)

    @property
    def total(self) -> int:
        return self.sent + self.failed + self.interrupted + self.remaining

    @property
    def is_started(self) -> bool:
        return self.sent + self.failed + self.queued + self.sending + self.interrupted > 0


def _status_counts(announcement_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    rows = (
        EmailDelivery.objects.filter(announcement_id__in=list(announcement_ids))
        .values("announcement_id", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["announcement_id"], {})[row["status"]] = row["count"]
    return counts


def progress_by_announcement(announcement_ids: Iterable[int]) -> dict[int, BroadcastProgress]:
    """Delivery counts for many announcements in one query (lists and the dashboard).

    Without the recipients who have no row yet, and with every SENDING row counted as
    sending: exact figures for one announcement come from `progress`.
    """
    return {
        pk: BroadcastProgress(
            sent=counts.get(Status.SENT, 0),
            failed=counts.get(Status.FAILED, 0),
            queued=counts.get(Status.QUEUED, 0),
            sending=counts.get(Status.SENDING, 0),
            cancelled=counts.get(Status.CANCELLED, 0),
        )
        for pk, counts in _status_counts(announcement_ids).items()
    }


def progress(announcement: Announcement, now: datetime | None = None) -> BroadcastProgress:
    """Sent, failed, interrupted and remaining emails of one announcement, and the rate of
    the last minute: four queries."""
    now = now or timezone.now()
    counts = _status_counts([announcement.pk]).get(announcement.pk, {})
    sent_lately = 0
    if counts.get(Status.SENT):
        sent_lately = EmailDelivery.objects.filter(
            announcement=announcement, status=Status.SENT, sent_at__gte=now - RATE_WINDOW
        ).count()
    interrupted = 0
    if counts.get(Status.SENDING):
        interrupted = _interrupted(announcement, now).count()
    not_queued = (
        recipients(announcement)
        .exclude(
            Exists(
                EmailDelivery.objects.filter(announcement=announcement, participant=OuterRef("pk"))
            )
        )
        .count()
    )
    return BroadcastProgress(
        sent=counts.get(Status.SENT, 0),
        failed=counts.get(Status.FAILED, 0),
        queued=counts.get(Status.QUEUED, 0),
        sending=counts.get(Status.SENDING, 0) - interrupted,
        interrupted=interrupted,
        cancelled=counts.get(Status.CANCELLED, 0),
        not_queued=not_queued,
        sent_lately=sent_lately,
    )


def _interrupted(announcement: Announcement, now: datetime) -> QuerySet:
    return EmailDelivery.objects.filter(
        announcement=announcement, status=Status.SENDING, updated_at__lt=now - INTERRUPTED_AFTER
    )


def retry_failed(announcement: Announcement, now: datetime | None = None) -> int:
    """Queue the FAILED emails again, from a fresh first attempt; how many."""
    failed = EmailDelivery.objects.filter(announcement=announcement, status=Status.FAILED)
    return _requeue(announcement, failed, now or timezone.now())


def resend_interrupted(announcement: Announcement, now: datetime | None = None) -> int:
    """Queue again the emails a stopped worker was sending; they may arrive twice."""
    now = now or timezone.now()
    return _requeue(announcement, _interrupted(announcement, now), now)


def _requeue(announcement: Announcement, rows: QuerySet, now: datetime) -> int:
    participant_ids = list(rows.order_by("participant_id").values_list("participant_id", flat=True))
    requeued = 0
    for batch in id_ranges(participant_ids, BATCH_SIZE):
        with transaction.atomic():
            # The same condition again, so a row that moved on meanwhile is left alone.
            count = rows.filter(participant_id__gte=batch[0], participant_id__lte=batch[-1]).update(
                status=Status.QUEUED, attempts=0, last_error="", updated_at=now
            )
            if count:
                send_announcement_batch.enqueue(announcement.pk, batch[0], batch[-1])
            requeued += count
    return requeued
