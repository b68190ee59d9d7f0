"""Photo-session events and their announcements. Times are aware and stored in UTC."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from events.astro.bodies import TARGET_BODIES
from events.markup import render_markdown
from events.models.localized import LocalizedQuerySet, TranslatedTexts
from events.zones.localformat import list_text, short_date_text

# Reminder emails (events/signups/reminders.py): minutes before the start.
DEFAULT_REMINDERS = "1440,60"
LONGEST_REMINDER_MINUTES = 14 * 24 * 60
MAX_REMINDERS = 5


def reminder_minutes(text: str) -> list[int]:
    """'1440, 60' → [1440, 60] (largest first, no repeats); ValidationError if not that."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not all(part.isascii() and part.isdigit() and len(part) <= 6 for part in parts):
        raise ValidationError(
            _(
                "Give whole numbers of minutes separated by commas, e.g. 1440, 60 "
                "(the day before and an hour before), or leave it empty for no reminders."
            )
        )
    minutes = sorted({int(part) for part in parts}, reverse=True)
    if len(minutes) > MAX_REMINDERS:
        raise ValidationError(
            ngettext("At most %(count)s reminder.", "At most %(count)s reminders.", MAX_REMINDERS)
            % {"count": MAX_REMINDERS}
        )
    if minutes and (minutes[-1] < 5 or minutes[0] > LONGEST_REMINDER_MINUTES):
        raise ValidationError(
            _("A reminder goes between 5 and %(longest)s minutes (two weeks) before the start.")
            % {"longest": LONGEST_REMINDER_MINUTES}
        )
    return minutes


def describe_reminders(offsets: list[int]) -> str:
    """[1440, 60] → 'the day before and an hour before'; '' for none."""

    def one(minutes: int) -> str:
        days, rest = divmod(minutes, 24 * 60)
        if not rest:
            if days == 1:
                return _("the day before")
            return ngettext("%(count)s day before", "%(count)s days before", days) % {"count": days}
        hours, rest = divmod(minutes, 60)
        if not rest:
            if hours == 1:
                return _("an hour before")
            return ngettext("%(count)s hour before", "%(count)s hours before", hours) % {
                "count": hours
            }
        return ngettext("%(count)s minute before", "%(count)s minutes before", minutes) % {
            "count": minutes
        }

    return list_text([one(minutes) for minutes in offsets])


def validate_reminders(text: str) -> None:
    reminder_minutes(text)


class EventQuerySet(LocalizedQuerySet):
    def published(self) -> "EventQuerySet":
        return self.filter(status=Event.Status.PUBLISHED)

    def upcoming(self, now: datetime) -> "EventQuerySet":
        """Events whose window has not ended yet, soonest first."""
        return self.filter(window_end__gt=now).order_by("window_start")

    def past(self, now: datetime) -> "EventQuerySet":
        """Events whose window has ended, most recent first."""
        return self.filter(window_end__lte=now).order_by("-window_start")


class Event(TranslatedTexts):
    TRANSLATED_FIELDS = ("title", "summary", "description")

    class Status(models.TextChoices):
        DRAFT = "draft", gettext_lazy("Draft")
        PUBLISHED = "published", gettext_lazy("Published")

    class TargetKind(models.TextChoices):
        BODY = "body", gettext_lazy("The spacecraft is at a body of the Solar System")
        TABLE = "table", gettext_lazy("An ephemeris table of the spacecraft (JPL Horizons)")
        DIRECTION = "direction", gettext_lazy("A fixed direction (RA/Dec) and distance")

    slug = models.SlugField(
        verbose_name=gettext_lazy("slug"),
        max_length=80,
        unique=True,
        help_text=gettext_lazy("The page's address: /events/<slug>/"),
    )
    title = models.CharField(verbose_name=gettext_lazy("title"), max_length=200)
    spacecraft = models.CharField(verbose_name=gettext_lazy("spacecraft"), max_length=100)
    target = models.CharField(
        verbose_name=gettext_lazy("target"),
        max_length=100,
        help_text=gettext_lazy("Where the spacecraft is, as visitors say it: Saturn, Mercury."),
    )
    summary = models.CharField(
        verbose_name=gettext_lazy("summary"),
        max_length=300,
        help_text=gettext_lazy("One sentence for lists and previews."),
    )
    description = models.TextField(
        verbose_name=gettext_lazy("description"),
        help_text=gettext_lazy("What will happen, in plain words."),
    )
    target_body = models.CharField(
        verbose_name=gettext_lazy("target body"),
        max_length=40,
        choices=list(TARGET_BODIES.items()),
        default="saturn barycenter",
        help_text=gettext_lazy(
            "The body of the ephemeris the spacecraft is at, for where to look."
        ),
    )
    target_kind = models.CharField(
        gettext_lazy("kind of target"),
        max_length=10,
        choices=TargetKind.choices,
        default=TargetKind.BODY,
        help_text=gettext_lazy(
            "What places the spacecraft in the sky: the body above, the table, or the direction."
        ),
    )
    target_table = models.TextField(
        gettext_lazy("ephemeris table"),
        blank=True,
        help_text=gettext_lazy(
            "The whole text output of JPL Horizons for the spacecraft, header included: "
            "a geocentric vector table (geometric states, Center 500@399) or an observer table "
            "(quantities 1 and 20: astrometric RA/Dec and range), fixed-width or CSV, covering "
            "the wave window (less the light time) and the camera window, with a step of a day "
            "or less."
        ),
    )
    target_ra_deg = models.FloatField(
        gettext_lazy("right ascension (°)"),
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "J2000/ICRF, as seen from Earth's centre, in degrees from 0 to 360 (hours × 15)."
        ),
    )
    target_dec_deg = models.FloatField(
        gettext_lazy("declination (°)"),
        null=True,
        blank=True,
        help_text=gettext_lazy("J2000/ICRF, in degrees from −90 to 90."),
    )
    window_start = models.DateTimeField(
        verbose_name=gettext_lazy("window start"),
        help_text=gettext_lazy("When to start waving on Earth (UTC)."),
    )
    window_end = models.DateTimeField(
        verbose_name=gettext_lazy("window end"),
        help_text=gettext_lazy("When the wave ends on Earth (UTC)."),
    )
    camera_start = models.DateTimeField(
        verbose_name=gettext_lazy("camera start"),
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "When the camera starts imaging Earth, in spacecraft event time (UTC)."
        ),
    )
    camera_end = models.DateTimeField(
        verbose_name=gettext_lazy("camera end"),
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "When the camera stops imaging Earth, in spacecraft event time (UTC)."
        ),
    )
    distance_km = models.PositiveBigIntegerField(
        verbose_name=gettext_lazy("distance (km)"),
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "Distance from Earth to the spacecraft, as announced. For a fixed "
            "direction it also gives the light time."
        ),
    )
    reported_participants = models.PositiveIntegerField(
        verbose_name=gettext_lazy("reported participants"),
        null=True,
        blank=True,
        help_text=gettext_lazy("For a past event run elsewhere: how many took part, as reported."),
    )
    is_sample = models.BooleanField(
        verbose_name=gettext_lazy("sample"),
        default=False,
        help_text=gettext_lazy("A demonstration event, labelled as such on every page."),
    )
    reminders = models.CharField(
        verbose_name=gettext_lazy("reminders"),
        max_length=60,
        blank=True,
        default=DEFAULT_REMINDERS,
        validators=[validate_reminders],
        help_text=gettext_lazy(
            "Reminder emails to confirmed participants, in minutes before the start, "
            "separated by commas: 1440 is the day before, 60 an hour before. Empty: no reminders."
        ),
    )
    status = models.CharField(
        verbose_name=gettext_lazy("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    # A rehearsal of the live wave (issue 16): a short test window opened "now" from the
    # admin (events/live/rehearsal.py), whose waves are kept apart from the real count.
    rehearsal_start = models.DateTimeField(
        verbose_name=gettext_lazy("rehearsal start"), null=True, blank=True, editable=False
    )
    rehearsal_end = models.DateTimeField(
        verbose_name=gettext_lazy("rehearsal end"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(verbose_name=gettext_lazy("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(verbose_name=gettext_lazy("updated at"), auto_now=True)

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
            models.CheckConstraint(
                condition=Q(target_kind__in=["body", "table", "direction"]),
                name="events_event_target_kind_known",
            ),
            models.CheckConstraint(
                condition=~Q(target_kind="table") | ~Q(target_table=""),
                name="events_event_table_target_has_table",
                violation_error_message="Give the spacecraft's ephemeris table.",
            ),
            models.CheckConstraint(
                # isnull spelled out: a NULL angle makes "ra >= 0" NULL, which a CHECK passes.
                condition=~Q(target_kind="direction")
                | Q(
                    target_ra_deg__isnull=False,
                    target_dec_deg__isnull=False,
                    distance_km__isnull=False,
                    target_ra_deg__gte=0.0,
                    target_ra_deg__lt=360.0,
                    target_dec_deg__gte=-90.0,
                    target_dec_deg__lte=90.0,
                    distance_km__gt=0,
                ),
                name="events_event_direction_target_complete",
                violation_error_message=(
                    "A fixed direction needs its right ascension (0–360°), declination "
                    "(−90–90°) and distance."
                ),
            ),
            models.CheckConstraint(
                condition=Q(rehearsal_start__isnull=True, rehearsal_end__isnull=True)
                | Q(
                    rehearsal_start__isnull=False,
                    rehearsal_end__isnull=False,
                    rehearsal_end__gte=F("rehearsal_start"),
                ),
                name="events_event_rehearsal_complete_and_ordered",
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

    @property
    def reminders_description(self) -> str:
        """'the day before and an hour before', or '' without reminders."""
        return describe_reminders(self.reminder_offsets)

    @property
    def reminder_offsets(self) -> list[int]:
        """The reminders' minutes before the start, largest first ([] if none or invalid)."""
        try:
            return reminder_minutes(self.reminders)
        except ValidationError:
            return []

    @property
    def sky_target(self):
        """What the sky places (events.astro.targets): the body's key, the spacecraft's table
        or its fixed direction. Raises sky.SkyError for a table or direction it cannot use."""
        from events.astro import sky

        name = self.spacecraft or "The spacecraft"
        if self.target_kind == self.TargetKind.TABLE:
            return sky.table_target(name, self.target_table)
        if self.target_kind == self.TargetKind.DIRECTION:
            ra, dec, km = self.target_ra_deg, self.target_dec_deg, self.distance_km
            if ra is None or dec is None or not km:
                raise sky.SkyError("the fixed direction lacks its RA, Dec or distance")
            return sky.fixed_target(name, ra, dec, km)
        return self.target_body

    def _clean_target(self):
        """The target to compute with, or None for an unknown body (its field says so)."""
        from events.astro import sky

        if self.target_kind == self.TargetKind.TABLE:
            if not self.target_table.strip():
                raise ValidationError(
                    {"target_table": _("Paste or upload the spacecraft's table from JPL Horizons.")}
                )
            try:
                return self.sky_target
            except sky.SkyError as exc:
                raise ValidationError({"target_table": str(exc)}) from None
        if self.target_kind == self.TargetKind.DIRECTION:
            errors = {}
            ra, dec = self.target_ra_deg, self.target_dec_deg
            if ra is None or not 0.0 <= ra < 360.0:
                errors["target_ra_deg"] = _("Give the right ascension in degrees, from 0 to 360.")
            if dec is None or not -90.0 <= dec <= 90.0:
                errors["target_dec_deg"] = _("Give the declination in degrees, from −90 to 90.")
            if not self.distance_km:
                errors["distance_km"] = _("A fixed direction needs the distance (for light time).")
            if errors:
                raise ValidationError(errors)
            return self.sky_target
        return self.target_body if self.target_body in TARGET_BODIES else None

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
                errors[name] = _(
                    "Give a date between %(first)s and %(last)s: the ephemeris (de421) that "
                    "places the target covers no more."
                ) % {"first": short_date_text(first), "last": short_date_text(last)}
        if errors:
            raise ValidationError(errors)
        target = self._clean_target()
        camera = None
        if self.camera_start is not None and self.camera_end is not None:
            if self.camera_end <= self.camera_start:
                raise ValidationError(
                    {"camera_end": _("The camera window must end after it starts.")}
                )
            if target is None:
                return  # the field's own check says so; nothing to compute from
            camera = (self.camera_start, self.camera_end)
            try:
                start, end = sky.earth_window_from_camera(target, *camera)
            except sky.SkyError as exc:
                if self.target_kind == self.TargetKind.TABLE:
                    raise ValidationError(
                        {
                            "target_table": _(
                                "Too short for the camera window: %(error)s; ask Horizons for "
                                "a longer span."
                            )
                            % {"error": exc}
                        }
                    ) from None
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
                _(
                    "Give the wave window on Earth, or the camera window and the target body so "
                    "that the Earth window can be computed."
                )
            )
        try:
            sky.check_covers(target, self.window_start, self.window_end, camera)
        except sky.SkyError as exc:
            raise ValidationError(
                {"target_table": _("Too short: %(error)s.") % {"error": exc}}
            ) from None

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

    def is_rehearsing(self, now: datetime | None = None) -> bool:
        """A rehearsal's test window is open at `now` (and the real window is not: during
        it, waves are real)."""
        now = now or timezone.now()
        return (
            self.rehearsal_start is not None
            and self.rehearsal_start <= now < self.rehearsal_end
            and self.phase(now) != "live"
        )

    @property
    def participant_count(self) -> int:
        """Confirmed sign-ups, plus the reported figure for a historical event run elsewhere.

        One query; pages use `events.signup.participant_counts`, which also splits by country.
        """
        confirmed = self.participants.filter(confirmed_at__isnull=False).count()
        return confirmed + (self.reported_participants or 0)


class AnnouncementQuerySet(LocalizedQuerySet):
    def published(self, now: datetime) -> "AnnouncementQuerySet":
        """Visible at `now`: a publication time is set and has come."""
        return self.filter(published_at__isnull=False, published_at__lte=now)


class Announcement(TranslatedTexts):
    TRANSLATED_FIELDS = ("title", "body")

    event = models.ForeignKey(
        Event,
        verbose_name=gettext_lazy("event"),
        on_delete=models.CASCADE,
        related_name="announcements",
    )
    title = models.CharField(verbose_name=gettext_lazy("title"), max_length=200)
    body = models.TextField(verbose_name=gettext_lazy("body"))
    published_at = models.DateTimeField(
        verbose_name=gettext_lazy("published at"),
        null=True,
        blank=True,
        help_text=gettext_lazy("Shown from this time on (UTC). Empty: a draft nobody sees."),
    )
    email_participants = models.BooleanField(
        default=False,
        verbose_name=gettext_lazy("Email it when it is published"),
        help_text=gettext_lazy(
            "At the publication time, send it by email to every confirmed participant "
            "who asked for announcements (within a minute of it)."
        ),
    )
    # The email sending (events/signups/broadcast.py): when it began, and the organiser's
    # pause and cancel. Batches look at these before each email.
    email_started_at = models.DateTimeField(
        verbose_name=gettext_lazy("email started at"), null=True, blank=True, editable=False
    )
    email_paused = models.BooleanField(
        verbose_name=gettext_lazy("email paused"), default=False, editable=False
    )
    email_cancelled_at = models.DateTimeField(
        verbose_name=gettext_lazy("email cancelled at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(verbose_name=gettext_lazy("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(verbose_name=gettext_lazy("updated at"), auto_now=True)

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
