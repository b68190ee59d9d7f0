"""After the event: the organisers’ result pictures and participants’ photos
(events/photos/)."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy

from events.models.event import Event
from events.models.participant import Participant


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
        RESULT = "result", gettext_lazy("Result image")
        MOSAIC = "mosaic", gettext_lazy("Mosaic of participants' photos")

    event = models.ForeignKey(
        Event, verbose_name=gettext_lazy("event"), on_delete=models.CASCADE, related_name="results"
    )
    kind = models.CharField(
        verbose_name=gettext_lazy("kind"), max_length=10, choices=Kind.choices, default=Kind.RESULT
    )
    image = models.ImageField(
        verbose_name=gettext_lazy("image"),
        upload_to=result_image_path,
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(
        verbose_name=gettext_lazy("width"), null=True, blank=True, editable=False
    )
    height = models.PositiveIntegerField(
        verbose_name=gettext_lazy("height"), null=True, blank=True, editable=False
    )
    caption = models.CharField(verbose_name=gettext_lazy("caption"), max_length=300)
    credit = models.CharField(
        verbose_name=gettext_lazy("credit"),
        max_length=200,
        blank=True,
        help_text=gettext_lazy(
            "Who made the picture, as they ask to be credited: "
            "NASA/JPL-Caltech/Space Science Institute."
        ),
    )
    alt_text = models.CharField(
        verbose_name=gettext_lazy("alt text"),
        max_length=300,
        help_text=gettext_lazy("What the picture shows, for people who cannot see it."),
    )
    is_published = models.BooleanField(
        verbose_name=gettext_lazy("published"),
        default=True,
        help_text=gettext_lazy("Shown on the event page and in its JSON."),
    )
    position = models.PositiveSmallIntegerField(
        verbose_name=gettext_lazy("position"),
        default=0,
        help_text=gettext_lazy("Smaller comes first."),
    )
    created_at = models.DateTimeField(verbose_name=gettext_lazy("created at"), auto_now_add=True)

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
        PENDING = "pending", gettext_lazy("Waiting for moderation")
        APPROVED = "approved", gettext_lazy("Approved")
        REJECTED = "rejected", gettext_lazy("Rejected")

    event = models.ForeignKey(
        Event, verbose_name=gettext_lazy("event"), on_delete=models.CASCADE, related_name="photos"
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=gettext_lazy("participant"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    # Empty once rejected: the files are deleted then.
    image = models.ImageField(verbose_name=gettext_lazy("image"), upload_to=photo_path, blank=True)
    thumbnail = models.ImageField(
        verbose_name=gettext_lazy("thumbnail"), upload_to=photo_path, blank=True
    )
    width = models.PositiveIntegerField(verbose_name=gettext_lazy("width"))
    height = models.PositiveIntegerField(verbose_name=gettext_lazy("height"))
    caption = models.CharField(verbose_name=gettext_lazy("caption"), max_length=140, blank=True)
    status = models.CharField(
        verbose_name=gettext_lazy("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
    )
    uploaded_at = models.DateTimeField(verbose_name=gettext_lazy("uploaded at"), auto_now_add=True)
    moderated_at = models.DateTimeField(
        verbose_name=gettext_lazy("moderated at"), null=True, blank=True
    )

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
