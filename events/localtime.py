"""Which time zone a visitor is in, and how an event window reads there.

Everything arrives as aware UTC datetimes and leaves as aware local ones, converted with
zoneinfo (which settings.py points at the pinned `tzdata` package only).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, available_timezones

import pytz

from events.places import largest_cities

DEFAULT_ZONE = "UTC"
# The longest IANA name is 32 characters; anything much longer is not a zone.
MAX_ZONE_NAME_LENGTH = 64


@cache
def _zone_names_by_lower() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


@cache
def _current_names() -> dict[str, str]:
    """Old names of place zones (IANA links: Asia/Calcutta, Europe/Kiev) → today's names.

    Chromium still reports some old names (Asia/Calcutta for a browser in India), and only
    today's are in the picker and on the world page. Names that a place still uses
    (Europe/Amsterdam, a link to Europe/Brussels since 2022) are kept.
    """
    places = set(countries_by_zone())
    links = {}
    with resources.files("tzdata").joinpath("zoneinfo", "tzdata.zi").open() as source:
        for line in source:
            if line.startswith("L "):
                _, target, old_name = line.split()
                if target in places and old_name not in places:
                    links[old_name] = target
    return links


def canonical_zone_name(name: str | None) -> str | None:
    """The IANA key for `name` in any letter case, today's name for an old one
    (Asia/Calcutta → Asia/Kolkata), or None when it is not a zone."""
    if not name or len(name) > MAX_ZONE_NAME_LENGTH:
        return None
    key = _zone_names_by_lower().get(name.strip().lower())
    return _current_names().get(key, key)


@dataclass(frozen=True)
class ZoneChoice:
    """The zone a page shows, where it came from, and a name that was refused."""

    name: str
    source: str  # "query", "cookie" or "default"
    rejected: str | None = None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.name)


def zone_for_visitor(query: str | None, cookie: str | None) -> ZoneChoice:
    """Pick the zone: `?tz=` first (a shared link), then the `tz` cookie, then UTC.

    A name that is not a zone is never an error: the choice falls back to UTC and
    carries the refused name, so the page can say so.
    """
    for source, asked in (("query", query), ("cookie", cookie)):
        if not asked:
            continue
        name = canonical_zone_name(asked)
        if name is None:
            return ZoneChoice(DEFAULT_ZONE, "default", rejected=asked[:MAX_ZONE_NAME_LENGTH])
        return ZoneChoice(name, source)
    return ZoneChoice(DEFAULT_ZONE, "default")


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
    def day_shift(self) -> int:
        """Local calendar date minus the UTC date: -1, 0 or +1."""
        return (self.local.date() - self.utc.date()).days

    @property
    def time_text(self) -> str:
        """'14:27', or '22:47:13' when the instant is not on a whole minute."""
        return self.local.strftime("%H:%M:%S" if self.local.second else "%H:%M")

    @property
    def date_text(self) -> str:
        """'Friday 19 July 2013': with the weekday, since zones fall on different days."""
        local = self.local
        return f"{local:%A} {local.day} {local:%B} {local.year}"

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


# --- the zone catalogue: which zones real places use, and in which countries -----------


@cache
def countries_by_zone() -> dict[str, tuple[str, ...]]:
    """Every zone a country uses (IANA zone1970/zone.tab via pytz) → its country names."""
    countries: dict[str, list[str]] = {}
    for code, zones in pytz.country_timezones.items():
        for name in zones:
            countries.setdefault(name, []).append(pytz.country_names[code])
    return {name: tuple(sorted(found)) for name, found in countries.items()}


def place_zone_names() -> list[str]:
    """The IANA zones that a real place uses (no aliases, no Etc/GMT+5), sorted."""
    return sorted(countries_by_zone())


def zone_label(name: str) -> str:
    """'America/Indiana/Knox' → 'Knox, Indiana'; 'Asia/Ho_Chi_Minh' → 'Ho Chi Minh'."""
    parts = [part.replace("_", " ") for part in name.split("/")[1:]] or [name]
    return ", ".join(reversed(parts))


@dataclass(frozen=True)
class ZoneOption:
    name: str
    label: str


@dataclass(frozen=True)
class CountryZones:
    country: str
    zones: tuple[ZoneOption, ...]


@cache
def zones_by_country() -> tuple[CountryZones, ...]:
    """The zone picker's groups: countries A–Z, each with its zones; UTC last."""
    groups: dict[str, list[ZoneOption]] = {}
    for name, countries in countries_by_zone().items():
        for country in countries:
            groups.setdefault(country, []).append(ZoneOption(name, zone_label(name)))
    result = [
        CountryZones(country, tuple(sorted(options, key=lambda option: option.label)))
        for country, options in sorted(groups.items())
    ]
    result.append(CountryZones("Coordinated Universal Time", (ZoneOption("UTC", "UTC"),)))
    return tuple(result)


def search_zones(query: str, limit: int = 50) -> list[tuple[str, ZoneOption]]:
    """(country, zone) pairs whose country, zone name, label or a large city matches `query`."""
    needle = query.strip().lower()[:MAX_ZONE_NAME_LENGTH]
    if not needle:
        return []
    found = [
        (group.country, option)
        for group in zones_by_country()
        for option in group.zones
        if needle in group.country.lower()
        or needle in option.name.lower()
        or needle in option.label.lower()
        or any(needle in city.lower() for city in largest_cities(option.name, 10))
    ]
    return found[:limit]


class NotAWallTime(ValueError):
    """A local date and time that a zone skips or passes twice (a clock change)."""


def wall_time_to_utc(naive: datetime, zone: str | ZoneInfo) -> datetime:
    """The UTC instant at which clocks in `zone` read `naive` (a date and time, no zone).

    Raises NotAWallTime for a time the zone skips (spring forward) or passes twice (fall
    back), rather than picking one silently: an event time must mean one instant.
    """
    tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
    naive = naive.replace(tzinfo=None)
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    if first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naive:
        raise NotAWallTime(
            f"{naive:%d %B %Y %H:%M} does not exist in {tz.key}: the clocks jump over it."
        )
    if first.utcoffset() != second.utcoffset():
        raise NotAWallTime(
            f"{naive:%d %B %Y %H:%M} happens twice in {tz.key} (the clocks go back): "
            "give it in UTC instead."
        )
    return first.astimezone(UTC)
