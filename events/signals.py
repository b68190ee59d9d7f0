"""Keep cached pages honest: an announcement's change is a change of its event."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from events.models import Announcement, Event, Photo, ResultImage
from events.photos import delete_files_on_commit


@receiver(post_save, sender=Announcement)
@receiver(post_delete, sender=Announcement)
def touch_event(sender, instance: Announcement, **kwargs) -> None:
    # updated_at is part of every cached page's key (events/pagecache.py).
    Event.objects.filter(pk=instance.event_id).update(updated_at=timezone.now())


# --- result pictures and participants' photos (events/photos.py) ---------------------------


@receiver(post_save, sender=ResultImage)
@receiver(post_delete, sender=ResultImage)
def touch_event_for_result(sender, instance: ResultImage, **kwargs) -> None:
    # A published picture changes the event's page, its JSON and its cached pages.
    Event.objects.filter(pk=instance.event_id).update(updated_at=timezone.now())


@receiver(post_delete, sender=ResultImage)
def remove_result_file(sender, instance: ResultImage, **kwargs) -> None:
    delete_files_on_commit(instance.image.name)


@receiver(post_delete, sender=Photo)
def remove_photo_files(sender, instance: Photo, **kwargs) -> None:
    # Also when a sign-up is deleted: its photos go with it (CASCADE), files included.
    delete_files_on_commit(instance.image.name, instance.thumbnail.name)
