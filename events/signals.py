"""Keep cached pages honest, and files in step with their rows."""

from datetime import timedelta

from django.db import transaction
from django.db.models import DateTimeField, F, Value
from django.db.models.functions import Greatest
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from events.models import Announcement, Event, Photo, ResultImage
from events.photos.uploads import delete_files_on_commit
from events.web.pagecache import forget_event_version

ONE_MICROSECOND = timedelta(microseconds=1)


def renew_event(event_id: int) -> None:
    """Give the event a new version: its cached pages, JSON and share image are made again.

    updated_at is part of every cached page's key (events/pagecache.py); it moves later
    than before even if the clock has not (see Event.save).
    """
    Event.objects.filter(pk=event_id).update(
        updated_at=Greatest(
            Value(timezone.now(), output_field=DateTimeField()), F("updated_at") + ONE_MICROSECOND
        )
    )
    for slug in Event.objects.filter(pk=event_id).values_list("slug", flat=True):
        forget_event_version(slug)


# An announcement or a result picture appears on the event's pages: a change of either is a
# change of the event.
@receiver(post_save, sender=Announcement)
@receiver(post_delete, sender=Announcement)
@receiver(post_save, sender=ResultImage)
@receiver(post_delete, sender=ResultImage)
def touch_event(sender, instance: Announcement | ResultImage, **kwargs) -> None:
    renew_event(instance.event_id)


@receiver(post_save, sender=Event)
@receiver(post_delete, sender=Event)
def forget_event(sender, instance: Event, **kwargs) -> None:
    forget_event_version(instance.slug)
    # Event.save may move updated_at once more after this signal: forget again then.
    transaction.on_commit(lambda: forget_event_version(instance.slug))


# --- result pictures and participants' photos (events/photos.py) ---------------------------


@receiver(post_delete, sender=ResultImage)
def remove_result_file(sender, instance: ResultImage, **kwargs) -> None:
    delete_files_on_commit(instance.image.name)


@receiver(post_delete, sender=Photo)
def remove_photo_files(sender, instance: Photo, **kwargs) -> None:
    # Also when a sign-up is deleted: its photos go with it (CASCADE), files included.
    delete_files_on_commit(instance.image.name, instance.thumbnail.name)
