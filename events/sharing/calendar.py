"""The event in people's calendars: an iCalendar file (RFC 5545) and a Google Calendar link.

Times are written in UTC (the `Z` form), which every calendar program converts to its
owner's zone; no VTIMEZONE is needed. The UID names the event row and the site, so
importing the file again, or after the event changed, updates the entry instead of adding
a second one.
"""

from datetime import UTC, timedelta
from urllib.parse import urlencode, urlsplit

import icalendar
from django.conf import settings
from django.utils.translation import gettext as _

from events.models import Event

PRODUCT_ID = "-//wavesite//Photo sessions from space//EN"
REMINDER_BEFORE = timedelta(minutes=15)
GOOGLE_CALENDAR_URL = "https://calendar.google.com/calendar/render"
OUTLOOK_CALENDAR_URL = "https://outlook.live.com/calendar/0/action/compose"


def event_uid(event: Event) -> str:
    """Stable for the life of the event row, whatever is edited (even its slug)."""
    host = urlsplit(settings.SITE_URL).hostname or "wavesite"
    return f"event-{event.pk}@{host}"


def _description(event: Event, url: str) -> str:
    # Translators: in calendar entries, after the event's summary; %(url)s is its page.
    where = _("Where to look and your local time: %(url)s") % {"url": url}
    return f"{event.summary}\n\n{where}"


def _short_location(event: Event) -> str:
    # Translators: the location in a "new event" form of Google Calendar and Outlook.com;
    # %(target)s is what the spacecraft photographs ("Earth", "Saturn").
    return _("Outdoors: wave towards %(target)s") % {"target": event.target}


def event_calendar(event: Event, url: str) -> bytes:
    """The event as an .ics file with one VEVENT and a reminder REMINDER_BEFORE the start.

    DTSTAMP and LAST-MODIFIED are the event's `updated_at`, so the same event gives the
    same bytes (and the same ETag) until it changes.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("calscale", "GREGORIAN")

    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", event.updated_at.astimezone(UTC))
    vevent.add("last-modified", event.updated_at.astimezone(UTC))
    vevent.add("dtstart", event.window_start.astimezone(UTC))
    vevent.add("dtend", event.window_end.astimezone(UTC))
    vevent.add("summary", event.title)
    vevent.add("description", _description(event, url))
    # Translators: a calendar entry's location; %(target)s is what the spacecraft
    # photographs ("Earth", "Saturn"), as the organisers wrote it.
    location = _("Outdoors, wherever you are: wave towards %(target)s") % {"target": event.target}
    vevent.add("location", location)
    vevent.add("url", url)
    vevent.add("transp", "TRANSPARENT")  # waving for 15 minutes does not make anyone busy

    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    # Translators: the calendar's reminder, 15 minutes before the start; %(title)s is the
    # event's title.
    reminder = _("In 15 minutes: %(title)s. Go outside and wave!") % {"title": event.title}
    alarm.add("description", reminder)
    alarm.add("trigger", -REMINDER_BEFORE)
    vevent.add_component(alarm)

    calendar.add_component(vevent)
    return calendar.to_ical()


def google_calendar_url(event: Event, url: str) -> str:
    """A link that opens Google Calendar's "new event" form filled in (UTC times)."""
    fmt = "%Y%m%dT%H%M%SZ"
    start = event.window_start.astimezone(UTC).strftime(fmt)
    end = event.window_end.astimezone(UTC).strftime(fmt)
    query = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{start}/{end}",
        "details": _description(event, url),
        "location": _short_location(event),
    }
    return f"{GOOGLE_CALENDAR_URL}?{urlencode(query)}"


def outlook_calendar_url(event: Event, url: str) -> str:
    """A link that opens Outlook.com's "new event" form filled in (UTC times, ISO 8601).
    Like Google's, it cannot carry a reminder: the calendar's own default applies."""
    fmt = "%Y-%m-%dT%H:%M:%SZ"
    query = {
        "rru": "addevent",
        "subject": event.title,
        "startdt": event.window_start.astimezone(UTC).strftime(fmt),
        "enddt": event.window_end.astimezone(UTC).strftime(fmt),
        "body": _description(event, url),
        "location": _short_location(event),
    }
    return f"{OUTLOOK_CALENDAR_URL}?{urlencode(query)}"
