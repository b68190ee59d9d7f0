"""Background work for participants' photos, through Django's Tasks API.

The mosaic reads every approved photo's thumbnail from storage and draws a large image:
seconds of work that does not belong in an admin request. Workers: `manage.py db_worker`
(the default queue).
"""

import logging

from django.tasks import task

from events.models import Event
from events.photos.uploads import make_mosaic

logger = logging.getLogger(__name__)


@task(queue_name="default")
def compose_event_mosaic(event_id: int) -> int | None:
    """Compose the event's approved photos into an unpublished mosaic; its id, or None."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return None
    result = make_mosaic(event)
    if result is None:
        logger.info("event %s: no approved photo, no mosaic", event_id)
        return None
    logger.info("event %s: mosaic %s composed, waiting to be published", event_id, result.pk)
    return result.pk
