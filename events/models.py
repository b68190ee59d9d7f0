"""Photo-session events and their announcements. Times are aware and stored in UTC."""

import secrets
import uuid
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from events.astro.bodies import TARGET_BODIES
from events.markup import render_markdown


class EventQuerySet(models.QuerySet):
    def published(self) -> "EventQuerySet":
        return self.filter(status=Event.Status.PUBLISHED)

    def upcoming(self, now: datetime) -> "EventQuerySet":
        """Events whose window has not ended yet, soonest first."""
        return self.filter(window_end__gt=now).order_by("window_start")

    def past(self, now: datetime) -> "EventQuerySet":
        """Events whose window has ended, most recent first."""
        return self.filter(window_end__lte=now).order_by("-window_start")


class Event(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    slug = models.SlugField(
        max_length=80, unique=True, help_text="The page's address: /events/<slug>/"
    )
    title = models.CharField(max_length=200)
    spacecraft = models.CharField(max_length=100)
    target = models.CharField(
        max_length=100, help_text="Where the spacecraft is, as visitors say it: Saturn, Mercury."
    )
    summary = models.CharField(max_length=300, help_text="One sentence for lists and previews.")
    description = models.TextField(help_text="What will happen, in plain words.")
    target_body = models.CharField(
        max_length=40,
        choices=list(TARGET_BODIES.items()),
        default="saturn barycenter",
        help_text="The body of the ephemeris the spacecraft is at, for where to look.",
    )
    window_start = models.DateTimeField(help_text="When to start waving on Earth (UTC).")
    window_end = models.DateTimeField(help_text="When the wave ends on Earth (UTC).")
    camera_start = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the camera starts imaging Earth, in spacecraft event time (UTC).",
    )
    camera_end = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the camera stops imaging Earth, in spacecraft event time (UTC).",
    )
    distance_km = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Distance from Earth to the spacecraft, as announced."
    )
    reported_participants = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="For a past event run elsewhere: how many took part, as reported.",
    )
    is_sample = models.BooleanField(
        default=False, help_text="A demonstration event, labelled as such on every page."
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["window_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(window_end__gt=F("window_start")),
                name="events_event_window_ends_after_start",
                violation_error_message="The window must end after it starts.",
            ),
            models.CheckConstraint(
                # Spelled out: with one side NULL, "end > start" is NULL, which a CHECK passes.
                condition=Q(camera_start__isnull=True, camera_end__isnull=True)
                | Q(
                    camera_start__isnull=False,
                    camera_end__isnull=False,
                    camera_end__gt=F("camera_start"),
                ),
                name="events_event_camera_window_complete_and_ordered",
                violation_error_message=(
                    "Give both camera times, the end after the start, or neither."
                ),
            ),
            # unique=True on the field already gives one index; this one also refuses
            # "Wave" next to "wave", which would otherwise be two different pages.
            models.UniqueConstraint(Lower("slug"), name="events_event_slug_unique_ci"),
        ]
        indexes = [
            # The home page: published events by window, upcoming and past.
            models.Index(fields=["status", "window_end"], name="events_event_status_end"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        previous = self.updated_at
        super().save(*args, **kwargs)
        if previous is not None and self.updated_at <= previous:
            # updated_at names the version of every cached page of the event
            # (events/pagecache.py): it must move on every save, even when the clock did
            # not (a frozen clock in tests, two saves within one tick).
            self.updated_at = previous + timedelta(microseconds=1)
            Event.objects.filter(pk=self.pk).update(updated_at=self.updated_at)

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        """Compute the Earth window from a camera window; refuse dates the ephemeris lacks.

        Camera times are spacecraft event time: the light the camera records left Earth one
        light-time earlier, and that is when people wave. The Earth window is rounded to the
        nearest minute, as it is announced (2013: 21:26:54–21:41:37 became 21:27–21:42 UTC);
        a wave lasts minutes, so ±30 s changes nothing for the picture. A camera window
        shorter than a minute keeps its seconds rather than shrinking to nothing.
        """
        from events.astro import sky

        first, last = sky.ephemeris_range()
        errors = {}
        for name in ("window_start", "window_end", "camera_start", "camera_end"):
            value = getattr(self, name)
            if value is not None and not first <= value <= last:
                errors[name] = (
                    f"Give a date between {first.day} {first:%B %Y} and {last.day} "
                    f"{last:%B %Y}: the ephemeris (de421) that places the target covers no more."
                )
        if errors:
            raise ValidationError(errors)
        if self.camera_start is not None and self.camera_end is not None:
            if self.camera_end <= self.camera_start:
                raise ValidationError({"camera_end": "The camera window must end after it starts."})
            if self.target_body not in TARGET_BODIES:
                return  # the field's own check says so; nothing to compute from
            try:
                start, end = sky.earth_window_from_camera(
                    self.target_body, self.camera_start, self.camera_end
                )
            except sky.SkyError as exc:
                raise ValidationError({"camera_start": str(exc)}) from None
            minute_start, minute_end = (
                (moment + timedelta(seconds=30)).replace(second=0, microsecond=0)
                for moment in (start, end)
            )
            if minute_end > minute_start:
                start, end = minute_start, minute_end
            self.window_start, self.window_end = start, end
        elif self.window_start is None or self.window_end is None:
            raise ValidationError(
                "Give the wave window on Earth, or the camera window and the target body so "
                "that the Earth window can be computed."
            )

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def duration(self):
        return self.window_end - self.window_start

    def phase(self, now: datetime | None = None) -> str:
        """'upcoming', 'live' or 'past' at `now` (default: the current time)."""
        now = now or timezone.now()
        if now < self.window_start:
            return "upcoming"
        if now < self.window_end:
            return "live"
        return "past"

    @property
    def participant_count(self) -> int:
        """Confirmed sign-ups, plus the reported figure for a historical event run elsewhere.

        One query; pages use `events.signup.participant_counts`, which also splits by country.
        """
        confirmed = self.participants.filter(confirmed_at__isnull=False).count()
        return confirmed + (self.reported_participants or 0)


class AnnouncementQuerySet(models.QuerySet):
    def published(self, now: datetime) -> "AnnouncementQuerySet":
        """Visible at `now`: a publication time is set and has come."""
        return self.filter(published_at__isnull=False, published_at__lte=now)


class Announcement(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="announcements")
    title = models.CharField(max_length=200)
    body = models.TextField()
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Shown from this time on (UTC). Empty: a draft nobody sees.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]
        indexes = [
            # The event page: an event's published announcements, newest first.
            models.Index(fields=["event", "published_at"], name="events_announce_event_pub"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def body_html(self) -> SafeString:
        """The Markdown body as sanitised HTML (events/markup.py)."""
        return render_markdown(self.body)


class City(models.Model):
    """A place people wave from: GeoNames' cities of 15,000+ (load with `load_cities`)."""

    geonameid = models.PositiveIntegerField(unique=True)
    name = models.CharField(max_length=200)
    ascii_name = models.CharField(max_length=200)
    # Lower-case, accents removed: what the search box matches by prefix.
    search_name = models.CharField(max_length=200)
    country_code = models.CharField(max_length=2, db_index=True)
    country = models.CharField(max_length=100)
    admin1_code = models.CharField(max_length=20, blank=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    zone = models.CharField(max_length=64)
    population = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-population", "name"]
        verbose_name_plural = "cities"
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="events_city_coordinates_on_earth",
            ),
        ]
        indexes = [
            # City search: `search_name LIKE 'pre%'`; the pattern opclass lets PostgreSQL
            # use the index whatever the database's collation (other databases ignore it).
            models.Index(
                fields=["search_name"],
                name="events_city_search_prefix",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(fields=["-population"], name="events_city_population"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.country}"


# --- sign-ups --------------------------------------------------------------------------


def new_manage_key() -> str:
    """A fresh secret for a participant's private "manage my sign-up" address."""
    return secrets.token_urlsafe(32)


class Participant(models.Model):
    """Someone signed up to wave at an event. They count once their address is confirmed.

    Never shown in public: pages show counts only. Deleting a sign-up deletes the row.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(max_length=100)
    # Kept as typed (the domain part in IDNA form); compared in lower case, see the constraint.
    email = models.EmailField(max_length=254)
    city = models.ForeignKey(
        City, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    zone = models.CharField(max_length=64, help_text="The IANA zone the emails' times are in.")
    # Copied from the city (or the zone, where one country uses it) so counting by country
    # needs no join. Empty: not known.
    country_code = models.CharField(max_length=2, blank=True)
    country = models.CharField(max_length=100, blank=True)
    wants_announcements = models.BooleanField(default=False)
    # The secret in the participant's private link; only ever sent to their own address.
    manage_key = models.CharField(max_length=64, unique=True, default=new_manage_key)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Demonstration rows made by `manage.py fake_participants`; never emailed unless asked.
    is_generated = models.BooleanField(
        default=False, help_text="Made up by fake_participants for demos and benchmarks."
    )
    # A default rather than auto_now_add, so generated sign-ups can carry their own times.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

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
        CONFIRM = "confirm", "Please confirm"
        MANAGE = "manage", "Already signed up: your link"
        ANNOUNCEMENT = "announcement", "Announcement"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        # The participant stopped announcements (or unconfirmed) before their turn came.
        CANCELLED = "cancelled", "Not sent: no longer wanted"

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="deliveries"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Set for announcement emails only (events/broadcast.py): one row per participant and
    # announcement, whatever happens, is what makes sending them idempotent.
    announcement = models.ForeignKey(
        Announcement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # The task queued to send it (its id in Django's Tasks API) and when that task is due:
    # enough for events/signups/outbox.py to tell a task still waiting (a retry's back-off
    # included) from one a dead worker took with it. Announcement rows are written and
    # sent by their batch task (events/signups/broadcast.py): no task id of their own, and
    # a due time only when the batch is postponed.
    task_id = models.CharField(max_length=64, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "email deliveries"
        constraints = [
            # A second click on "send", two workers, a crash and a resume: one row, so at
            # most one email, per participant and announcement. (NULL announcements, the
            # other kinds, are distinct and do not collide.)
            models.UniqueConstraint(
                fields=["announcement", "participant"],
                name="events_delivery_once_per_announcement",
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


# --- after the event: result pictures and participants' photos (events/photos.py) ---------


def _stored_name(folder: str, event_id: int, filename: str) -> str:
    # A random name: it says nothing about the person, and nobody can guess another's.
    suffix = filename.rpartition(".")[2].lower() if "." in filename else "jpg"
    return f"{folder}/{event_id}/{uuid.uuid4().hex}.{suffix}"


def result_image_path(instance: "ResultImage", filename: str) -> str:
    return _stored_name("results", instance.event_id, filename)


def photo_path(instance: "Photo", filename: str) -> str:
    return _stored_name("photos", instance.event_id, filename)


class ResultImage(models.Model):
    """A picture the session produced: the spacecraft's image, or the mosaic of
    participants' photos (made by a background task as a draft). Shown once published."""

    class Kind(models.TextChoices):
        RESULT = "result", "Result image"
        MOSAIC = "mosaic", "Mosaic of participants' photos"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="results")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.RESULT)
    image = models.ImageField(
        upload_to=result_image_path, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    caption = models.CharField(max_length=300)
    credit = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who made the picture, as they ask to be credited: "
        "NASA/JPL-Caltech/Space Science Institute.",
    )
    alt_text = models.CharField(
        max_length=300, help_text="What the picture shows, for people who cannot see it."
    )
    is_published = models.BooleanField(
        default=True, help_text="Shown on the event page and in its JSON."
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Smaller comes first.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "created_at"]
        indexes = [
            # The event page: an event's published pictures, in order.
            models.Index(
                fields=["event", "position"],
                condition=Q(is_published=True),
                name="events_result_published",
            ),
        ]

    def __str__(self) -> str:
        return self.caption


class PhotoQuerySet(models.QuerySet):
    def approved(self) -> "PhotoQuerySet":
        return self.filter(status=Photo.Status.APPROVED)


class Photo(models.Model):
    """A participant's photo of themselves waving, re-encoded without metadata.

    It waits for a moderator; only approved photos are public. Rejecting deletes the files
    and keeps the row (so the queue shows the decision); deleting the sign-up deletes all.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="photos")
    # Empty once rejected: the files are deleted then.
    image = models.ImageField(upload_to=photo_path, blank=True)
    thumbnail = models.ImageField(upload_to=photo_path, blank=True)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    caption = models.CharField(max_length=140, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    moderated_at = models.DateTimeField(null=True, blank=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at"]
        indexes = [
            # The gallery (approved, newest first) and the moderation queue (pending).
            models.Index(fields=["event", "status", "-uploaded_at"], name="events_photo_gallery"),
            models.Index(
                fields=["uploaded_at"],
                condition=Q(status="pending"),
                name="events_photo_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"Photo {self.pk} for {self.event}: {self.get_status_display()}"
