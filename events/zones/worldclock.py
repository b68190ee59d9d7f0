"""The "start times across the globe" table: an event window in every zone places use.

Zones are grouped by their UTC offsets during the window (start and end, since a window
can straddle a daylight-saving change), sorted west to east, and each zone is named by
its largest cities and its countries, as organisers hand it to the press.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import pgettext

from events.astro import sky
from events.zones import localformat
from events.zones.catalogue import countries_by_zone, zone_country_labels, zone_label
from events.zones.reference import largest_cities, zone_location, zone_population
from events.zones.window import LocalWindow, local_window


@dataclass(frozen=True)
class ZoneRow:
    zone_name: str
    countries: tuple[str, ...]
    cities: tuple[str, ...]
    window: LocalWindow
    # Whether the event's target is up for the zone's largest city (see `world_times`).
    target: sky.UpDuring | None = None
    target_seen_from: str = ""

    @property
    def places(self) -> str:
        """'Los Angeles, San Diego, San Jose' or the zone's own label when no city is listed."""
        return ", ".join(self.cities) or zone_label(self.zone_name)


@dataclass(frozen=True)
class OffsetGroup:
    """Zones that read the window the same way: same offsets, so same local times and date."""

    start_offset: timedelta
    end_offset: timedelta
    rows: tuple[ZoneRow, ...]

    @property
    def window(self) -> LocalWindow:
        return self.rows[0].window


def target_by_zone(
    body: str, start: datetime, end: datetime
) -> dict[str, tuple[sky.UpDuring, str]]:
    """Zone name → (whether `body` is up during the window, the place it is seen from): the
    zone's largest city, else the place tzdata names the zone after."""
    # One vectorised pass per instant over every zone's largest city (sky.up_during).
    located = [(zone, zone_location(zone)) for zone in countries_by_zone()]
    located = [(zone, where) for zone, where in located if where is not None]
    ups = sky.up_during(
        body, start, end, [where[1] for _, where in located], [where[2] for _, where in located]
    )
    return {zone: (up, where[0]) for (zone, where), up in zip(located, ups, strict=True)}


def world_times(
    start: datetime, end: datetime, cities_per_zone: int = 3, body: str | None = None
) -> list[OffsetGroup]:
    """Every place zone's local window, grouped by offset, westernmost first.

    With `body`, each row also says whether it is up for the zone's largest city (raises
    `sky.SkyError` for a body or dates the ephemeris does not know).
    """
    targets = target_by_zone(body, start, end) if body is not None else {}
    groups: dict[tuple[timedelta, timedelta], list[ZoneRow]] = {}
    for name in countries_by_zone():
        window = local_window(start, end, name)
        target, seen_from = targets.get(name, (None, ""))
        row = ZoneRow(
            name,
            zone_country_labels(name),
            largest_cities(name, cities_per_zone),
            window,
            target,
            seen_from,
        )
        groups.setdefault((window.start.offset, window.end.offset), []).append(row)
    return [
        OffsetGroup(
            start_offset,
            end_offset,
            tuple(sorted(rows, key=lambda row: (-zone_population(row.zone_name), row.zone_name))),
        )
        for (start_offset, end_offset), rows in sorted(groups.items())
    ]


CSV_HEADER = (
    "utc_offset_start",
    "utc_offset_end",
    "time_zone",
    "abbreviation",
    "countries",
    "largest_cities",
    "local_start",
    "local_end",
    "local_date",
    "date_vs_utc",
)


def _day_word(shift: int) -> str:
    """The local date against UTC's, in the page's language (the CSV's last column)."""
    return {
        # Translators: in the world times table, the local date against the UTC date.
        -1: pgettext("date against UTC", "previous day"),
        0: pgettext("date against UTC", "same day"),
        1: pgettext("date against UTC", "next day"),
    }[shift]


def world_times_rows(groups: list[OffsetGroup]) -> Iterator[tuple[str, ...]]:
    """The table as CSV rows (header first), one row per zone, local times in ISO 8601."""
    yield CSV_HEADER
    for group in groups:
        for row in group.rows:
            start, end = row.window.start, row.window.end
            yield (
                start.offset_label,
                end.offset_label,
                row.zone_name,
                start.abbreviation,
                "; ".join(row.countries),
                "; ".join(row.cities),
                start.local.isoformat(),
                end.local.isoformat(),
                localformat.date_text(start.local),
                _day_word(start.day_shift),
            )
