"""Keep cached pages honest: an announcement's change is a change of its event."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from events.models import Announcement, Event


@receiver(post_save, sender=Announcement)
@receiver(post_delete, sender=Announcement)
def touch_event(sender, instance: Announcement, **kwargs) -> None:
    # updated_at is part of every cached page's key (events/pagecache.py).
    Event.objects.filter(pk=instance.event_id).update(updated_at=timezone.now())
