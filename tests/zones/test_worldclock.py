"""The world clock: an event window in every zone places use, grouped by its offsets, as
rows and as CSV; with a body, whether it is up in each zone."""

import csv
import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from events.zones.catalogue import place_zone_names
from events.zones.worldclock import CSV_HEADER, world_times, world_times_rows
from tests.factories import CASSINI_END, CASSINI_START


def _rows(groups):
    return {row.zone_name: (group, row) for group in groups for row in group.rows}


def test_every_place_zone_is_listed_once_with_zoneinfos_times():
    groups = world_times(CASSINI_START, CASSINI_END)
    listed = [row.zone_name for group in groups for row in group.rows]
    assert sorted(listed) == place_zone_names()
    for group in groups:
        for row in group.rows:
            zone = ZoneInfo(row.zone_name)
            assert row.window.start.local == CASSINI_START.astimezone(zone)
            assert row.window.start.offset == group.start_offset
            assert row.window.end.offset == group.end_offset


def test_groups_run_west_to_east():
    groups = world_times(CASSINI_START, CASSINI_END)
    offsets = [group.start_offset for group in groups]
    assert offsets == sorted(offsets)
    assert len(offsets) == len(set(offsets))  # no DST change in this window
    assert groups[0].start_offset == timedelta(hours=-11)
    assert groups[-1].start_offset == timedelta(hours=14)
    assert groups[-1].rows[0].zone_name == "Pacific/Kiritimati"


def test_rows_are_named_by_largest_cities_and_countries():
    rows = _rows(world_times(CASSINI_START, CASSINI_END))
    _, kolkata = rows["Asia/Kolkata"]
    assert kolkata.countries == ("India",)
    assert kolkata.cities[0] == "Mumbai"
    assert len(kolkata.cities) == 3
    # a zone with no listed city is named by the zone itself
    _, knox = rows["America/Indiana/Knox"]
    assert knox.cities == ()
    assert knox.places == "Knox, Indiana"


def test_biggest_zone_leads_its_group():
    rows = _rows(world_times(CASSINI_START, CASSINI_END))
    group, _ = rows["America/New_York"]
    assert group.rows[0].zone_name == "America/New_York"


def test_date_roll_over_is_known_per_group():
    rows = _rows(world_times(CASSINI_START, CASSINI_END))
    assert rows["Pacific/Kiritimati"][0].window.start.day_shift == 1
    assert rows["Asia/Kathmandu"][0].window.start.day_shift == 1
    assert rows["America/Los_Angeles"][0].window.start.day_shift == 0


def test_window_across_a_dst_change_groups_by_both_offsets():
    # Europe springs forward at 01:00 UTC on 29 March 2026.
    start = datetime(2026, 3, 29, 0, 50, tzinfo=UTC)
    rows = _rows(world_times(start, start + timedelta(minutes=20)))
    paris_group, paris = rows["Europe/Paris"]
    assert (paris_group.start_offset, paris_group.end_offset) == (
        timedelta(hours=1),
        timedelta(hours=2),
    )
    assert (paris.window.start.abbreviation, paris.window.end.abbreviation) == ("CET", "CEST")
    lagos_group, _ = rows["Africa/Lagos"]
    assert lagos_group is not paris_group


def test_csv_has_a_row_per_zone():
    buffer = io.StringIO()
    csv.writer(buffer).writerows(world_times_rows(world_times(CASSINI_START, CASSINI_END)))
    records = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert tuple(records[0].keys()) == CSV_HEADER
    assert len(records) == len(place_zone_names())
    kathmandu = next(record for record in records if record["time_zone"] == "Asia/Kathmandu")
    assert kathmandu == {
        "utc_offset_start": "UTC+05:45",
        "utc_offset_end": "UTC+05:45",
        "time_zone": "Asia/Kathmandu",
        "abbreviation": "",
        "countries": "Nepal",
        "largest_cities": kathmandu["largest_cities"],
        "local_start": "2013-07-20T03:12:00+05:45",
        "local_end": "2013-07-20T03:27:00+05:45",
        "local_date": "Saturday 20 July 2013",
        "date_vs_utc": "next day",
    }
    assert kathmandu["largest_cities"].startswith("Kathmandu")


def test_world_times_with_a_body_fills_every_zone_in_one_pass():
    groups = world_times(CASSINI_START, CASSINI_END, body="saturn barycenter")
    rows = {row.zone_name: row for group in groups for row in group.rows}
    assert all(row.target is not None for row in rows.values())
    assert rows["America/Toronto"].target.state == "up"
    assert rows["America/Toronto"].target_seen_from == "Toronto"
    assert rows["Asia/Tokyo"].target.state == "down"
    assert rows["Antarctica/McMurdo"].target_seen_from == "McMurdo"
    without = world_times(CASSINI_START, CASSINI_END)
    assert all(row.target is None for group in without for row in group.rows)
