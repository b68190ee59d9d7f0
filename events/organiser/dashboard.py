"""The organisers' numbers for one event: sign-ups over time, confirmed and pending, where
people are, the local hour they will wave at, and the announcements sent.

Every figure comes from an aggregate query (COUNT … GROUP BY), never from a loop over
participants, so the cost grows with the number of hours, countries and zones, not of
people: a handful of queries over an index whether the event has 20 or 200,000 sign-ups.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import Substr, TruncHour
from django.utils.translation import gettext as _

from events.models import Announcement, Event, Participant
from events.signups.sending import BroadcastProgress, progress_by_announcement
from events.zones.localformat import country_name
from events.zones.window import local_window

TOP = 10
# The hourly chart shows the last week of sign-ups; the daily one the whole period.
HOURLY_SPAN = timedelta(days=7)


@dataclass(frozen=True)
class Totals:
    signed_up: int
    confirmed: int
    wants_announcements: int  # confirmed and asked for announcements: who gets them
    generated: int

    @property
    def pending(self) -> int:
        """Signed up, address not confirmed (yet)."""
        return self.signed_up - self.confirmed


@dataclass(frozen=True)
class Share:
    """One line of a ranking: a country or zone and its confirmed participants."""

    label: str
    people: int


@dataclass(frozen=True)
class AnnouncementEmails:
    announcement: Announcement
    progress: BroadcastProgress


@dataclass(frozen=True)
class EventDashboard:
    event: Event
    totals: Totals
    hourly: tuple[tuple[datetime, int], ...]  # UTC hour → sign-ups, last HOURLY_SPAN
    daily: tuple[tuple[date, int], ...]  # UTC day → sign-ups, first to last
    countries: tuple[Share, ...]
    zones: tuple[Share, ...]
    wave_hours: tuple[int, ...]  # 24 counts: confirmed people by local hour of the start
    announcements: tuple[AnnouncementEmails, ...]


def totals(event: Event) -> Totals:
    figures = Participant.objects.filter(event=event).aggregate(
        signed_up=Count("pk"),
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
        wants_announcements=Count(
            "pk", filter=Q(confirmed_at__isnull=False, wants_announcements=True)
        ),
        generated=Count("pk", filter=Q(is_generated=True)),
    )
    return Totals(**figures)


def signups_per_hour(event: Event) -> list[tuple[datetime, int]]:
    """(UTC hour, sign-ups in it) for every hour that has any, oldest first."""
    if connection.vendor == "sqlite":
        # SQLite keeps datetimes as UTC text ('2026-07-19 21:27:00.123456'), and Django's
        # TruncHour there is a Python function called once per row (0.9 s at 200,000
        # rows); the first 13 characters name the same hour and are grouped in C.
        hour = Substr("created_at", 1, 13)
    else:
        hour = TruncHour("created_at", tzinfo=UTC)
    rows = (
        Participant.objects.filter(event=event)
        .annotate(hour=hour)
        .values("hour")
        .annotate(people=Count("pk"))
        .order_by("hour")
    )
    return [(_as_hour(row["hour"]), row["people"]) for row in rows]


def _as_hour(value: datetime | str) -> datetime:
    if isinstance(value, str):
        return datetime.strptime(value, "%Y-%m-%d %H").replace(tzinfo=UTC)
    return value


def hourly_series(hours: list[tuple[datetime, int]], span: timedelta) -> list[tuple[datetime, int]]:
    """The last `span` up to the latest sign-up, one entry per hour, zeros included."""
    if not hours:
        return []
    counts = dict(hours)
    last = hours[-1][0]
    first = max(hours[0][0], last - span + timedelta(hours=1))
    slots = int((last - first) / timedelta(hours=1)) + 1
    moments = [first + timedelta(hours=step) for step in range(slots)]
    return [(moment, counts.get(moment, 0)) for moment in moments]


def daily_series(hours: list[tuple[datetime, int]]) -> list[tuple[date, int]]:
    """Per UTC day from the first sign-up to the last, zeros included.

    Summed from the hourly groups (a few hundred at most) rather than a second pass over
    the participants: the same GROUP BY gives both charts.
    """
    if not hours:
        return []
    days: dict[date, int] = {}
    for moment, people in hours:
        days[moment.date()] = days.get(moment.date(), 0) + people
    first, last = hours[0][0].date(), hours[-1][0].date()
    span = (last - first).days + 1
    return [
        (first + timedelta(days=n), days.get(first + timedelta(days=n), 0)) for n in range(span)
    ]


def confirmed_by(event: Event, field: str) -> list[tuple[str, int]]:
    """(value of `field`, confirmed participants) for every value, most first."""
    rows = (
        Participant.objects.filter(event=event, confirmed_at__isnull=False)
        .values_list(field)
        .annotate(people=Count("pk"))
        .order_by("-people", field)
    )
    return list(rows)


def countries_by_name(event: Event) -> list[tuple[str, int]]:
    """(country's name, confirmed participants), most first: named from the country's code
    by the site's one catalogue of countries (CLDR, in the page's language), as the admin's
    filter and rows name it; the stored name where there is no code."""
    rows = (
        Participant.objects.filter(event=event, confirmed_at__isnull=False)
        .values_list("country_code", "country")
        .annotate(people=Count("pk"))
    )
    people_by_name: dict[str, int] = {}
    for code, stored, people in rows:
        name = (country_name(code) if code else stored) or _("Not known")
        people_by_name[name] = people_by_name.get(name, 0) + people
    return sorted(people_by_name.items(), key=lambda item: (-item[1], item[0]))


def wave_hours(event: Event, zones: list[tuple[str, int]]) -> list[int]:
    """Confirmed participants by the local hour (0–23) at which the window starts for them.

    Computed per zone (a few hundred at most), each zone's people added to its hour: the
    window starts at 21:27 UTC, which is 23:27 in Paris (hour 23) and 02:57 next day in
    Kolkata (hour 2).
    """
    hours = [0] * 24
    for zone, people in zones:
        try:
            start = local_window(event.window_start, event.window_end, zone).start
        except (ValueError, KeyError):  # a zone name tzdata no longer knows
            continue
        hours[start.local.hour] += people
    return hours


def event_dashboard(event: Event) -> EventDashboard:
    """Everything the dashboard shows for `event`: six aggregate queries."""
    hours = signups_per_hour(event)
    zones = confirmed_by(event, "zone")
    countries = countries_by_name(event)
    announcements = list(event.announcements.order_by("published_at", "pk"))
    progress = progress_by_announcement(announcement.pk for announcement in announcements)
    return EventDashboard(
        event=event,
        totals=totals(event),
        hourly=tuple(hourly_series(hours, HOURLY_SPAN)),
        daily=tuple(daily_series(hours)),
        countries=tuple(Share(name, people) for name, people in countries[:TOP]),
        zones=tuple(Share(name, people) for name, people in zones[:TOP]),
        wave_hours=tuple(wave_hours(event, zones)),
        announcements=tuple(
            AnnouncementEmails(announcement, progress.get(announcement.pk, BroadcastProgress()))
            for announcement in announcements
        ),
    )


@dataclass(frozen=True)
class EventSummary:
    event: Event
    signed_up: int
    confirmed: int


def event_summaries() -> list[EventSummary]:
    """Every event with its sign-ups and confirmed participants, newest window first: three
    queries (the events; sign-ups, then confirmed ones, per event).

    Two GROUP BYs rather than one with a filtered count: each is answered from an index
    alone (the event's, and the partial index of confirmed sign-ups) without visiting a
    single row, which on SQLite is 0.05 s instead of 0.8 s at 200,000 sign-ups.
    """
    people = Participant.objects.order_by().values_list("event")
    signed_up = dict(people.annotate(count=Count("pk")))
    confirmed = dict(people.filter(confirmed_at__isnull=False).annotate(count=Count("pk")))
    return [
        EventSummary(event, signed_up.get(event.pk, 0), confirmed.get(event.pk, 0))
        for event in Event.objects.order_by("-window_start")
    ]
