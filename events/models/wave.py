"""The Wave table: someone waving during an event's window ("I'm waving!"). Kept coarse and
without personal data in public: a place to a whole degree, counted by cell."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy

from events.models.event import Event
from events.models.participant import Participant


class Wave(models.Model):
    """One person or browser waving at one event, at most once (the constraints)."""

    event = models.ForeignKey(
        Event, verbose_name=gettext_lazy("event"), on_delete=models.CASCADE, related_name="waves"
    )
    # A signed-up participant (from their private link), or else a browser's random key
    # (hashed, from the `wave` cookie): what makes a second tap count nothing.
    participant = models.ForeignKey(
        Participant,
        verbose_name=gettext_lazy("participant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    visitor_key = models.CharField(
        verbose_name=gettext_lazy("visitor key"), max_length=64, blank=True
    )
    # Whole degrees: never finer than about 100 km. Empty when no place was known.
    latitude = models.SmallIntegerField(
        verbose_name=gettext_lazy("latitude"), null=True, blank=True
    )
    longitude = models.SmallIntegerField(
        verbose_name=gettext_lazy("longitude"), null=True, blank=True
    )
    country_code = models.CharField(
        verbose_name=gettext_lazy("country code"), max_length=2, blank=True
    )
    created_at = models.DateTimeField(verbose_name=gettext_lazy("created at"))
    # A wave of a rehearsal (Event.rehearsal_start): never in the real count, and cleared
    # when the next rehearsal starts. Part of each uniqueness, so a browser that tried the
    # rehearsal still counts once in the real window. A default in the database too: an
    # INSERT that names no such column (an app server of the release before) is a real wave.
    is_rehearsal = models.BooleanField(
        verbose_name=gettext_lazy("rehearsal"), default=False, db_default=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "is_rehearsal", "participant"],
                condition=Q(participant__isnull=False),
                name="events_wave_once_per_participant",
            ),
            models.UniqueConstraint(
                fields=["event", "is_rehearsal", "visitor_key"],
                condition=~Q(visitor_key=""),
                name="events_wave_once_per_browser",
            ),
            models.CheckConstraint(
                condition=Q(participant__isnull=False) | ~Q(visitor_key=""),
                name="events_wave_has_someone",
            ),
        ]
        indexes = [
            models.Index(
                fields=["event", "is_rehearsal", "created_at"], name="events_wave_event_time"
            )
        ]

    def __str__(self) -> str:
        return f"wave at {self.event_id} ({self.created_at:%H:%M:%S})"
