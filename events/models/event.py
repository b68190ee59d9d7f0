"""Photo-session events and their announcements. Times are aware and stored in UTC."""

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
