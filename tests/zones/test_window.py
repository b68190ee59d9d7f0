"""How an event window reads in one zone (local times, date roll-over, abbreviation and
offset, clock changes), checked against zoneinfo for every zone; and a wall time back to
UTC."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest

from events.refusal import Refused
from events.zones.window import format_offset, local_window, wall_time_to_utc
from tests.factories import CASSINI_END, CASSINI_START


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


# --- a wall time, back to UTC --------------------------------------------------------


def test_wall_time_to_utc():
    naive = datetime(2026, 7, 19, 23, 27)  # noqa: DTZ001 - a clock reading, no zone yet
    assert wall_time_to_utc(naive, "Europe/Paris") == datetime(2026, 7, 19, 21, 27, tzinfo=UTC)
    assert wall_time_to_utc(naive, "UTC") == naive.replace(tzinfo=UTC)
    with pytest.raises(Refused):
        wall_time_to_utc(datetime(2026, 3, 8, 2, 30), "America/New_York")  # noqa: DTZ001
