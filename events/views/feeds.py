"""Each event's announcements as an Atom feed; scheduled ones appear when their time comes."""

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from events.models import Announcement, Event


class EventAnnouncementsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str) -> Event:
        return get_object_or_404(Event.objects.published().localized(), slug=slug)

    def title(self, event: Event) -> str:
        # Translators: the title of an event's Atom feed; %(title)s is the event's title.
        return _("%(title)s: announcements") % {"title": event.title}

    def subtitle(self, event: Event) -> str:
        return event.summary

    def link(self, event: Event) -> str:
        return event.get_absolute_url()

    def items(self, event: Event):
        published = (
            event.announcements.published(timezone.now()).select_related("event").localized()
        )
        return published.order_by("-published_at")[:50]

    def item_title(self, item: Announcement) -> str:
        return item.title

    def item_description(self, item: Announcement) -> str:
        return item.body_html

    def item_link(self, item: Announcement) -> str:
        return f"{item.event.get_absolute_url()}#announcement-{item.pk}"

    def item_guid(self, item: Announcement) -> str:
        return f"tag:wavesite,announcement:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Announcement):
        return item.published_at

    def item_updateddate(self, item: Announcement):
        return max(item.published_at, item.updated_at)
