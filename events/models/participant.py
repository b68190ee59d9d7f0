"""Sign-ups and every email sent for them. Never shown in public: pages show counts only."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from events.models.city import City
from events.models.event import Announcement, Event


def new_manage_key() -> str:
    """A fresh secret for a participant's private "manage my sign-up" address."""
    return secrets.token_urlsafe(32)


class Participant(models.Model):
    """Someone signed up to wave at an event. They count once their address is confirmed.

    Never shown in public: pages show counts only. Deleting a sign-up deletes the row.
    """

    event = models.ForeignKey(
        Event,
        verbose_name=gettext_lazy("event"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    name = models.CharField(verbose_name=gettext_lazy("name"), max_length=100)
    # Kept as typed (the domain part in IDNA form); compared in lower case, see the constraint.
    email = models.EmailField(verbose_name=gettext_lazy("email"), max_length=254)
    city = models.ForeignKey(
        City,
        verbose_name=gettext_lazy("city"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    zone = models.CharField(
        verbose_name=gettext_lazy("zone"),
        max_length=64,
        help_text=gettext_lazy("The IANA zone the emails' times are in."),
    )
    # Copied from the city (or the zone, where one country uses it) so counting by country
    # needs no join. Empty: not known.
    country_code = models.CharField(
        verbose_name=gettext_lazy("country code"), max_length=2, blank=True
    )
    country = models.CharField(verbose_name=gettext_lazy("country"), max_length=100, blank=True)
    # The language of the page they signed up on; every email to them is in it (issue 14).
    language = models.CharField(
        verbose_name=gettext_lazy("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=gettext_lazy("The emails' language."),
    )
    wants_announcements = models.BooleanField(
        verbose_name=gettext_lazy("wants announcements"), default=False
    )
    # The day-before and hour-before emails (events/signups/reminders.py).
    wants_reminders = models.BooleanField(
        verbose_name=gettext_lazy("wants reminders"), default=True
    )
    # The secret in the participant's private link; only ever sent to their own address.
    manage_key = models.CharField(
        verbose_name=gettext_lazy("private key"), max_length=64, unique=True, default=new_manage_key
    )
    confirmed_at = models.DateTimeField(
        verbose_name=gettext_lazy("confirmed at"), null=True, blank=True
    )
    # Demonstration rows made by `manage.py fake_participants`; never emailed unless asked.
    is_generated = models.BooleanField(
        verbose_name=gettext_lazy("generated"),
        default=False,
        help_text=gettext_lazy("Made up by fake_participants for demos and benchmarks."),
    )
    # A default rather than auto_now_add, so generated sign-ups can carry their own times.
    created_at = models.DateTimeField(
        verbose_name=gettext_lazy("created at"), default=timezone.now, editable=False
    )
    updated_at = models.DateTimeField(verbose_name=gettext_lazy("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # The rule that makes a duplicate sign-up impossible, even from two requests at
            # the same instant: the second INSERT fails and is handled as "already signed up".
            models.UniqueConstraint(
                "event",
                Lower("email"),
                name="events_participant_email_unique_per_event",
                violation_error_message="This address is already signed up for this event.",
            ),
        ]
        indexes = [
            # The event page: an event's confirmed participants, counted by country.
            models.Index(
                fields=["event", "country"],
                condition=Q(confirmed_at__isnull=False),
                name="events_participant_confirmed",
            ),
            # The admin list (newest first), whole or filtered by event, country or zone,
            # and the dashboard's sign-ups per hour (events/dashboard.py).
            models.Index(fields=["-created_at"], name="events_participant_created"),
            models.Index(fields=["event", "-created_at"], name="events_participant_event_new"),
            models.Index(fields=["country_code", "-created_at"], name="events_participant_cc_new"),
            models.Index(fields=["zone", "-created_at"], name="events_participant_zone_new"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.event})"

    def get_absolute_url(self) -> str:
        return reverse("events:manage_signup", kwargs={"key": self.manage_key})

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class EmailDelivery(models.Model):
    """One email owed to a participant, and how far sending it got.

    The background task moves a row from QUEUED to SENDING with a conditional UPDATE
    before it talks to the mail server, so a task that runs twice (two workers, a retried
    task) sends once. A failed send goes back to QUEUED with a later task; after the last
    retry it stays FAILED, visible here and in the log.
    """

    class Kind(models.TextChoices):
        CONFIRM = "confirm", gettext_lazy("Please confirm")
        MANAGE = "manage", gettext_lazy("Already signed up: your link")
        ANNOUNCEMENT = "announcement", gettext_lazy("Announcement")
        REMINDER = "reminder", gettext_lazy("Reminder before the window")
        PHOTO_APPROVED = "photo_approved", gettext_lazy("Your photo is in the gallery")
        PHOTO_REJECTED = "photo_rejected", gettext_lazy("Your photo was not approved")

    class Status(models.TextChoices):
        QUEUED = "queued", gettext_lazy("Queued")
        SENDING = "sending", gettext_lazy("Sending")
        SENT = "sent", gettext_lazy("Sent")
        FAILED = "failed", gettext_lazy("Failed")
        # The participant stopped announcements (or unconfirmed) before their turn came.
        CANCELLED = "cancelled", gettext_lazy("Not sent: no longer wanted")

    participant = models.ForeignKey(
        Participant,
        verbose_name=gettext_lazy("participant"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    kind = models.CharField(verbose_name=gettext_lazy("kind"), max_length=20, choices=Kind.choices)
    # Set for announcement emails only (events/broadcast.py): one row per participant and
    # announcement, whatever happens, is what makes sending them idempotent.
    announcement = models.ForeignKey(
        Announcement,
        verbose_name=gettext_lazy("announcement"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    # Reminders only (events/signups/reminders.py): how long before the start, and the start
    # it was for, so an event moved to a new time is reminded again at that time.
    reminder_minutes = models.PositiveIntegerField(
        verbose_name=gettext_lazy("reminder minutes"), null=True, blank=True
    )
    reminder_for = models.DateTimeField(
        verbose_name=gettext_lazy("reminder for"), null=True, blank=True
    )
    status = models.CharField(
        verbose_name=gettext_lazy("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(verbose_name=gettext_lazy("attempts"), default=0)
    last_error = models.TextField(verbose_name=gettext_lazy("last error"), blank=True)
    # The task queued to send it (its id in Django's Tasks API) and when that task is due:
    # enough for events/signups/outbox.py to tell a task still waiting (a retry's back-off
    # included) from one a dead worker took with it. Announcement rows are written and
    # sent by their batch task (events/signups/broadcast.py): no task id of their own, and
    # a due time only when the batch is postponed.
    task_id = models.CharField(verbose_name=gettext_lazy("task ID"), max_length=64, blank=True)
    next_attempt_at = models.DateTimeField(
        verbose_name=gettext_lazy("next attempt at"), null=True, blank=True
    )
    created_at = models.DateTimeField(verbose_name=gettext_lazy("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(verbose_name=gettext_lazy("updated at"), auto_now=True)
    sent_at = models.DateTimeField(verbose_name=gettext_lazy("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = gettext_lazy("email deliveries")
        constraints = [
            # A second click on "send", two workers, a crash and a resume: one row, so at
            # most one email, per participant and announcement. (NULL announcements, the
            # other kinds, are distinct and do not collide.)
            models.UniqueConstraint(
                fields=["announcement", "participant"],
                name="events_delivery_once_per_announcement",
            ),
            # Each reminder once per participant and start time, whoever plans it, however
            # often (several workers, a restart, a late planner).
            models.UniqueConstraint(
                fields=["participant", "reminder_minutes", "reminder_for"],
                condition=Q(kind="reminder"),
                name="events_delivery_once_per_reminder",
            ),
            models.CheckConstraint(
                condition=Q(
                    kind="reminder", reminder_minutes__isnull=False, reminder_for__isnull=False
                )
                | (
                    ~Q(kind="reminder")
                    & Q(reminder_minutes__isnull=True, reminder_for__isnull=True)
                ),
                name="events_delivery_reminder_kind",
                violation_error_message="A reminder says how long before which start it is.",
            ),
            models.CheckConstraint(
                condition=Q(kind="announcement", announcement__isnull=False)
                | (~Q(kind="announcement") & Q(announcement__isnull=True)),
                name="events_delivery_announcement_kind",
                violation_error_message="An announcement email names its announcement.",
            ),
        ]
        indexes = [
            # Operators' question: which emails are not sent (yet)?
            models.Index(
                fields=["status", "created_at"],
                condition=~Q(status="sent"),
                name="events_delivery_unsent",
            ),
            # A broadcast's progress (sent / failed / remaining), counted from the index.
            models.Index(fields=["announcement", "status"], name="events_delivery_progress"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to participant {self.participant_id}: {self.status}"
