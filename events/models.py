"""Photo-session events and their announcements. Times are aware and stored in UTC."""

from datetime import datetime

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from events.sky import TARGET_BODIES


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

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

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
        """How many took part or signed up; the reported figure for historical events."""
        return self.reported_participants or 0


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
