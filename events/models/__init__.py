"""The app's tables, one module per domain; everything is importable from `events.models`
(the migrations name `events.models.new_manage_key`, `events.models.photo_path`, …)."""

from events.models import lookups  # noqa: F401 - registers IntegerField's `in`
from events.models.city import City
from events.models.counter import LimitCounter
from events.models.event import Announcement, AnnouncementQuerySet, Event, EventQuerySet
from events.models.participant import EmailDelivery, Participant, new_manage_key
from events.models.pictures import (
    Photo,
    PhotoQuerySet,
    ResultImage,
    photo_path,
    result_image_path,
)
from events.models.schedule import ScheduledRun
from events.models.wave import Wave

__all__ = [
    "Announcement",
    "AnnouncementQuerySet",
    "City",
    "EmailDelivery",
    "Event",
    "EventQuerySet",
    "LimitCounter",
    "Participant",
    "Photo",
    "PhotoQuerySet",
    "ResultImage",
    "ScheduledRun",
    "Wave",
    "new_manage_key",
    "photo_path",
    "result_image_path",
]
