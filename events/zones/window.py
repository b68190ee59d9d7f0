"""How an event window reads in one zone: local start and end, date roll-over, abbreviation,
offset; and the reverse, a local wall time to UTC.

Everything arrives as aware UTC datetimes and leaves as aware local ones, converted with
zoneinfo (which settings.py points at the pinned `tzdata` package only).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from django.utils.translation import gettext as _

from events.refusal import Refused
from events.zones import localformat


def format_offset(offset: timedelta) -> str:
    """'UTC+05:45', 'UTC-03:30', 'UTC+00:00' for a UTC offset."""
    minutes = round(offset.total_seconds() / 60)
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


@dataclass(frozen=True)
class LocalMoment:
    """One instant as it reads in one zone."""

    utc: datetime
    local: datetime

    @property
    def offset(self) -> timedelta:
        return self.local.utcoffset()

    @property
    def offset_label(self) -> str:
        return format_offset(self.offset)

    @property
    def abbreviation(self) -> str:
        """The zone's abbreviation ('PDT', 'IST'), or '' where the zone only has a number.

        'UTC' is left out too: the offset label already says it.
        """
        name = self.local.tzname() or ""
        return "" if not name or name[0] in "+-" or name == "UTC" else name

    @property
    def zone_label(self) -> str:
        """'IST, UTC+05:30' (the abbreviation and the offset, joined as the language joins
        them), or 'UTC+05:30' alone where the zone has no abbreviation."""
        if not self.abbreviation:
            return self.offset_label
        return localformat.abbreviation_and_offset(self.abbreviation, self.offset_label)

    @property
    def day_shift(self) -> int:
        """Local calendar date minus the UTC date: -1, 0 or +1."""
        return (self.local.date() - self.utc.date()).days

    @property
    def time_text(self) -> str:
        """'14:27' (or '2:27 pm' where the page's language reads a 12-hour clock), or
        '22:47:13' when the instant is not on a whole minute."""
        return localformat.time_text(self.local)

    @property
    def date_text(self) -> str:
        """'Friday 19 July 2013' in the page's language: with the weekday, since zones
        fall on different days."""
        return localformat.date_text(self.local)

    @property
    def datetime_text(self) -> str:
        """'Friday 19 July 2013, 21:27', joined as the page's language joins them."""
        return localformat.date_and_time(self.date_text, self.time_text)

    @property
    def iso(self) -> str:
        """ISO 8601 with the local offset, for <time datetime> and machines."""
        return self.local.isoformat()


@dataclass(frozen=True)
class LocalWindow:
    """An event window in one zone; start and end may differ in offset across a DST change."""

    zone_name: str
    start: LocalMoment
    end: LocalMoment

    @property
    def crosses_midnight(self) -> bool:
        return self.start.local.date() != self.end.local.date()

    @property
    def offset_changes(self) -> bool:
        return self.start.offset != self.end.offset


def _require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("event times must be aware datetimes")
    return moment.astimezone(UTC)


def local_window(start: datetime, end: datetime, zone: str | ZoneInfo) -> LocalWindow:
    """The window [start, end) read in `zone` (an IANA name or a ZoneInfo)."""
    tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
    start_utc, end_utc = _require_aware(start), _require_aware(end)
    return LocalWindow(
        zone_name=tz.key,
        start=LocalMoment(start_utc, start_utc.astimezone(tz)),
        end=LocalMoment(end_utc, end_utc.astimezone(tz)),
    )


def wall_time_to_utc(naive: datetime, zone: str | ZoneInfo) -> datetime:
    """The UTC instant at which clocks in `zone` read `naive` (a date and time, no zone).

    Raises Refused for a time the zone skips (spring forward) or passes twice (fall
    back), rather than picking one silently: an event time must mean one instant.
    """
    tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
    naive = naive.replace(tzinfo=None)
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    if first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naive:
        # Translators: moment is a date and a clock time ("29 March 2026 02:30"), zone an
        # IANA time zone ("Europe/Paris").
        raise Refused(
            "not_a_wall_time",
            _("%(moment)s does not exist in %(zone)s: the clocks jump over it.")
            % {"moment": _wall_time_text(naive), "zone": tz.key},
        )
    if first.utcoffset() != second.utcoffset():
        raise Refused(
            "not_a_wall_time",
            _("%(moment)s happens twice in %(zone)s (the clocks go back): give it in UTC instead.")
            % {"moment": _wall_time_text(naive), "zone": tz.key},
        )
    return first.astimezone(UTC)


def _wall_time_text(naive: datetime) -> str:
    """'29 March 2026 02:30' in the page's language: the date and the clock time as given."""
    locale = localformat.cldr_locale()
    return (
        f"{format_date(naive, 'long', locale=locale)} {format_time(naive, 'short', locale=locale)}"
    )
