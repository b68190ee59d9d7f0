"""events.localtime: choosing the visitor's zone and reading a window there."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest

from events.zones.catalogue import (
    canonical_zone_name,
    place_zone_names,
    search_zones,
    zone_for_visitor,
    zones_by_country,
)
from events.zones.window import format_offset, local_window
from tests.conftest import CASSINI_END, CASSINI_START

# --- which zone -----------------------------------------------------------------------


def test_zone_from_query_wins_over_cookie():
    choice = zone_for_visitor("Asia/Kolkata", "Europe/Paris")
    assert (choice.name, choice.source, choice.rejected) == ("Asia/Kolkata", "query", None)


def test_zone_from_cookie_when_no_query():
    choice = zone_for_visitor(None, "Europe/Paris")
    assert (choice.name, choice.source) == ("Europe/Paris", "cookie")


def test_zone_defaults_to_utc():
    choice = zone_for_visitor("", None)
    assert (choice.name, choice.source, choice.rejected) == ("UTC", "default", None)


@pytest.mark.parametrize(
    "asked",
    ["Mars/Olympus_Mons", "../../etc/passwd", "Europe/Paris\x00", "x" * 10_000, "<script>"],
    ids=["unknown", "path", "nul", "huge", "html"],
)
def test_bad_query_zone_falls_back_to_utc_and_says_so(asked):
    choice = zone_for_visitor(asked, "Europe/Paris")
    assert choice.name == "UTC"
    assert choice.source == "default"
    assert choice.rejected == asked[:64]


def test_bad_cookie_zone_falls_back_to_utc():
    choice = zone_for_visitor(None, "Not/AZone")
    assert (choice.name, choice.rejected) == ("UTC", "Not/AZone")


def test_zone_names_are_matched_in_any_case():
    assert canonical_zone_name("america/los_angeles") == "America/Los_Angeles"
    assert canonical_zone_name(" ASIA/KOLKATA ") == "Asia/Kolkata"
    assert canonical_zone_name("") is None


@pytest.mark.parametrize(
    ("old", "today"),
    [
        ("Asia/Calcutta", "Asia/Kolkata"),  # what Chromium reports in India
        ("asia/saigon", "Asia/Ho_Chi_Minh"),
        ("Europe/Kiev", "Europe/Kyiv"),
        ("America/Buenos_Aires", "America/Argentina/Buenos_Aires"),
        ("US/Pacific", "America/Los_Angeles"),
    ],
)
def test_old_zone_names_become_todays(old, today):
    assert canonical_zone_name(old) == today
    assert zone_for_visitor(None, old).name == today


def test_zones_places_still_use_keep_their_names():
    # Links since 2022 (to Europe/Brussels, Africa/Abidjan), but still places' zones.
    assert canonical_zone_name("Europe/Amsterdam") == "Europe/Amsterdam"
    assert canonical_zone_name("Africa/Accra") == "Africa/Accra"
    assert canonical_zone_name("Etc/GMT+5") == "Etc/GMT+5"  # no place's name: left alone


# --- every zone, as zoneinfo says -------------------------------------------------------


def test_every_zone_reads_the_window_as_zoneinfo_does():
    wrong = []
    for name in sorted(available_timezones()):
        window = local_window(CASSINI_START, CASSINI_END, name)
        zone = ZoneInfo(name)
        expected_start, expected_end = CASSINI_START.astimezone(zone), CASSINI_END.astimezone(zone)
        if (
            window.start.local != expected_start
            or window.start.local.utcoffset() != expected_start.utcoffset()
            or window.end.local.utcoffset() != expected_end.utcoffset()
            or window.start.time_text != expected_start.strftime("%H:%M")
            or window.start.local.date() != expected_start.date()
        ):
            wrong.append(name)
    assert wrong == []
    assert len(available_timezones()) > 590


@pytest.mark.parametrize(
    ("zone", "start", "end", "date", "abbreviation", "offset", "day_shift"),
    [
        ("Asia/Kathmandu", "03:12", "03:27", "Saturday 20 July 2013", "", "UTC+05:45", 1),
        ("Australia/Eucla", "06:12", "06:27", "Saturday 20 July 2013", "", "UTC+08:45", 1),
        ("Pacific/Chatham", "10:12", "10:27", "Saturday 20 July 2013", "", "UTC+12:45", 1),
        ("Asia/Kolkata", "02:57", "03:12", "Saturday 20 July 2013", "IST", "UTC+05:30", 1),
        ("Pacific/Kiritimati", "11:27", "11:42", "Saturday 20 July 2013", "", "UTC+14:00", 1),
        ("Pacific/Pago_Pago", "10:27", "10:42", "Friday 19 July 2013", "SST", "UTC-11:00", 0),
        ("America/Los_Angeles", "14:27", "14:42", "Friday 19 July 2013", "PDT", "UTC-07:00", 0),
        ("America/St_Johns", "18:57", "19:12", "Friday 19 July 2013", "NDT", "UTC-02:30", 0),
        ("Australia/Lord_Howe", "07:57", "08:12", "Saturday 20 July 2013", "", "UTC+10:30", 1),
        ("UTC", "21:27", "21:42", "Friday 19 July 2013", "", "UTC+00:00", 0),
    ],
)
def test_the_2013_window_in_awkward_zones(zone, start, end, date, abbreviation, offset, day_shift):
    window = local_window(CASSINI_START, CASSINI_END, zone)
    assert window.start.time_text == start
    assert window.end.time_text == end
    assert window.start.date_text == date
    assert window.start.abbreviation == abbreviation
    assert window.start.offset_label == offset
    assert window.start.day_shift == day_shift
    assert not window.offset_changes


def test_lord_howe_summer_time_is_a_half_hour_shift():
    winter = local_window(CASSINI_START, CASSINI_END, "Australia/Lord_Howe")
    half_a_year = timedelta(days=184)
    summer = local_window(
        CASSINI_START + half_a_year, CASSINI_END + half_a_year, "Australia/Lord_Howe"
    )
    assert summer.start.offset - winter.start.offset == timedelta(minutes=30)
    assert summer.start.offset_label == "UTC+11:00"


def test_window_across_lord_howe_clock_change_has_two_offsets():
    # 4 October 2026, 02:00 local: Lord Howe moves from +10:30 to +11:00 (15:30 UTC).
    window = local_window(
        datetime(2026, 10, 3, 15, 20, tzinfo=UTC),
        datetime(2026, 10, 3, 15, 40, tzinfo=UTC),
        "Australia/Lord_Howe",
    )
    assert (window.start.time_text, window.start.offset_label) == ("01:50", "UTC+10:30")
    assert (window.end.time_text, window.end.offset_label) == ("02:40", "UTC+11:00")
    assert window.offset_changes


def test_window_across_us_spring_forward_changes_abbreviation():
    # 8 March 2026, 02:00 EST becomes 03:00 EDT at 07:00 UTC.
    window = local_window(
        datetime(2026, 3, 8, 6, 50, tzinfo=UTC),
        datetime(2026, 3, 8, 7, 10, tzinfo=UTC),
        "America/New_York",
    )
    assert (window.start.time_text, window.start.abbreviation) == ("01:50", "EST")
    assert (window.end.time_text, window.end.abbreviation) == ("03:10", "EDT")
    assert window.offset_changes
    # 20 minutes pass, while the wall clock moves 1 h 20 min.
    assert window.end.utc - window.start.utc == timedelta(minutes=20)
    assert window.end.local.replace(tzinfo=None) - window.start.local.replace(
        tzinfo=None
    ) == timedelta(hours=1, minutes=20)


def test_window_across_local_midnight_is_marked():
    window = local_window(
        datetime(2013, 7, 19, 18, 10, tzinfo=UTC),
        datetime(2013, 7, 19, 18, 40, tzinfo=UTC),
        "Asia/Kathmandu",
    )
    assert window.crosses_midnight
    assert (window.start.date_text, window.end.date_text) == (
        "Friday 19 July 2013",
        "Saturday 20 July 2013",
    )


def test_previous_day_is_negative_shift():
    window = local_window(
        datetime(2013, 7, 20, 2, 0, tzinfo=UTC),
        datetime(2013, 7, 20, 2, 15, tzinfo=UTC),
        "America/Los_Angeles",
    )
    assert window.start.day_shift == -1
    assert window.start.date_text == "Friday 19 July 2013"


def test_seconds_are_shown_only_when_there_are_some():
    window = local_window(
        datetime(2013, 7, 19, 22, 47, 13, tzinfo=UTC),
        datetime(2013, 7, 19, 23, 1, 56, tzinfo=UTC),
        "UTC",
    )
    assert (window.start.time_text, window.end.time_text) == ("22:47:13", "23:01:56")


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="aware"):
        local_window(datetime(2013, 7, 19, 21, 27), CASSINI_END, "UTC")  # noqa: DTZ001


@pytest.mark.parametrize(
    ("minutes", "label"),
    [
        (0, "UTC+00:00"),
        (345, "UTC+05:45"),
        (-210, "UTC-03:30"),
        (-570, "UTC-09:30"),
        (840, "UTC+14:00"),
    ],
)
def test_format_offset(minutes, label):
    assert format_offset(timedelta(minutes=minutes)) == label


# --- the catalogue and the picker -------------------------------------------------------


def test_place_zones_are_real_places_only():
    names = place_zone_names()
    assert "Asia/Kathmandu" in names
    assert "Antarctica/Troll" in names
    assert "US/Pacific" not in names  # an alias
    assert "Etc/GMT+5" not in names
    assert 400 < len(names) < 450


def test_picker_groups_zones_by_country():
    groups = {
        group.country: [option.name for option in group.zones] for group in zones_by_country()
    }
    assert groups["India"] == ["Asia/Kolkata"]
    assert "America/Los_Angeles" in groups["United States"]
    assert groups["Switzerland"] == ["Europe/Zurich"]
    assert groups["Liechtenstein"] == ["Europe/Vaduz"]
    countries = [group.country for group in zones_by_country()]
    assert countries[:-1] == sorted(countries[:-1])
    assert groups[countries[-1]] == ["UTC"]


@pytest.mark.parametrize(
    ("query", "zone"),
    [
        ("kolkata", "Asia/Kolkata"),
        ("Mumbai", "Asia/Kolkata"),
        ("nepal", "Asia/Kathmandu"),
        ("chatham", "Pacific/Chatham"),
    ],
)
def test_search_finds_zones_by_city_country_or_name(query, zone):
    assert zone in [option.name for _, option in search_zones(query)]


def test_search_with_nothing_finds_nothing():
    assert search_zones("   ") == []
    assert search_zones("qqqqqq") == []
