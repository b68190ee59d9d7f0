"""Dates, clock times, numbers and country names in the reader's language (CLDR via
Babel), for one fixed instant: 29 December 2026, 21:27 UTC."""

import html
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from events.zones.localformat import (
    country_name,
    date_text,
    datetime_text,
    format_number,
    text_direction,
    time_text,
)
from events.zones.window import local_window

MOMENT = datetime(2026, 12, 29, 21, 27, tzinfo=UTC)

DATES = {
    "en": "Tuesday 29 December 2026",
    "es": "martes, 29 de diciembre de 2026",
    "fr": "mardi 29 décembre 2026",
    "de": "Dienstag, 29. Dezember 2026",
    "pt-br": "terça-feira, 29 de dezembro de 2026",
    "ja": "2026年12月29日火曜日",
    "zh-hans": "2026年12月29日星期二",
    "hi": "मंगलवार, 29 दिसंबर 2026",
    "ar": "الثلاثاء، 29 ديسمبر 2026",
}


@pytest.mark.parametrize(("language", "expected"), DATES.items())
def test_the_date_reads_as_the_language_writes_it(language, expected):
    assert date_text(MOMENT, language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "21:27"), ("de", "21:27"), ("fr", "21:27"), ("ja", "21:27"), ("hi", "9:27 pm")],
)
def test_the_clock_is_12_or_24_hours_as_the_language_reads_it(language, expected):
    assert time_text(MOMENT, language) == expected


def test_seconds_are_shown_only_off_the_minute():
    assert time_text(MOMENT.replace(second=13), "de") == "21:27:13"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "20,000"), ("de", "20.000"), ("fr", "20\u202f000"), ("hi", "20,000"), ("es", "20.000")],
)
def test_digits_are_grouped_as_the_language_groups_them(language, expected):
    assert format_number(20000, language) == expected


def test_hindi_groups_lakhs():
    assert format_number(1234567, "hi") == "12,34,567"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "United Kingdom"),
        ("de", "Vereinigtes Königreich"),
        ("ja", "イギリス"),
        ("ar", "المملكة المتحدة"),
    ],
)
def test_a_country_has_one_name_per_language(language, expected):
    assert country_name("GB", language) == expected
    assert country_name("gb", language) == expected


def test_an_unknown_country_code_is_shown_as_it_is():
    assert country_name("ZZZ", "en") == "ZZZ"


def test_only_arabic_is_right_to_left():
    assert [code for code in DATES if text_direction(code) == "rtl"] == ["ar"]


def test_a_window_reads_in_the_active_language_and_its_zone():
    window = local_window(MOMENT, MOMENT.replace(minute=42), ZoneInfo("Asia/Tokyo"))
    with translation.override("de"):
        assert window.start.date_text == "Mittwoch, 30. Dezember 2026"
        assert window.start.time_text == "06:27"
    with translation.override("en"):
        assert window.start.date_text == "Wednesday 30 December 2026"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Wednesday 30 December 2026, 06:27"),
        ("ja", "2026年12月30日水曜日 6:27"),
        ("ar", "الأربعاء، 30 ديسمبر 2026، 6:27 ص"),
    ],
)
def test_a_date_and_its_time_are_joined_as_the_language_joins_them(language, expected):
    # Not an English comma in Japanese or Arabic (the server's pages, emails and share
    # image, and static/js/localtime.js with the same message).
    window = local_window(MOMENT, MOMENT.replace(minute=42), ZoneInfo("Asia/Tokyo"))
    with translation.override(language):
        assert window.start.datetime_text == expected
        assert datetime_text(window.start.local) == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "IST, UTC+05:30"), ("ar", "IST، UTC+05:30")]
)
def test_a_zones_abbreviation_and_offset_are_joined_as_the_language_joins_them(language, expected):
    window = local_window(MOMENT, MOMENT.replace(minute=42), ZoneInfo("Asia/Kolkata"))
    with translation.override(language):
        assert window.start.zone_label == expected


def test_the_template_filters_follow_the_active_language():
    template = Template(
        "{% load language %}{{ moment|local_date }} · {{ n|number }} · {{ c|country }}"
    )
    with translation.override("fr"):
        text = template.render(Context({"moment": MOMENT, "n": 1234, "c": "DE"}))
    assert text == "mardi 29 décembre 2026 · 1\u202f234 · Allemagne"


@pytest.mark.parametrize(("language", "expected"), [("en", "Turkey"), ("de", "Türkei")])
def test_one_catalogue_names_a_country_for_pages_pickers_and_the_admin(language, expected):
    """The zone picker's groups (catalogue.country_label), the admin's filter and exports
    (localformat.country_name) and city labels all read the same catalogue."""
    from events.zones.catalogue import country_label

    assert country_name("TR", language) == country_label("TR", language) == expected


def test_zone_cities_are_named_in_the_language_where_cldr_names_them():
    from events.zones.catalogue import zone_label

    assert zone_label("Asia/Tokyo", "ja") == "東京"
    assert zone_label("Europe/London", "ar") == "لندن"
    assert zone_label("America/Indiana/Knox", "en") == "Knox, Indiana"
    assert zone_label("Etc/Unknown_Place", "ja") == "Unknown Place"


@pytest.mark.parametrize(
    "seconds", [0, 59, 60, 3660, 86400 * 2 + 3600 * 5, 86400 * 49 + 7200, 86400 * 400]
)
def test_durations_in_english_read_as_djangos_timeuntil(seconds):
    from datetime import timedelta

    from django.utils.timesince import timeuntil

    from events.zones.localformat import duration_text

    with translation.override("en"):
        expected = timeuntil(MOMENT + timedelta(seconds=seconds), MOMENT).replace("\xa0", " ")
        assert duration_text(timedelta(seconds=seconds)).replace("\xa0", " ") == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("hi", "13 मिनट"),
        ("de", "2 Wochen, 2 Tage"),
        ("ar", "أسبوعان ويومان"),
        ("ja", "2 週間 2 日"),
    ],
)
def test_durations_in_other_languages(language, expected):
    from datetime import timedelta

    from events.zones.localformat import duration_text

    delta = timedelta(minutes=13) if language == "hi" else timedelta(days=16, hours=3)
    assert duration_text(delta, language) == expected


# A refusal is one sentence of the language, with its numbers as the language writes them
# (events/inputs.py), not an English frame with translated words put in.
@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        (
            "de",
            {"lat": "-91,5", "lon": "0"},
            "Der Breitengrad muss zwischen −90 und 90 Grad liegen; −91,5 liegt nicht dazwischen.",
        ),
        (
            "fr",
            {"lat": "0", "lon": "abc"},
            "La longitude doit être un nombre de degrés, comme -79.4 (ouest) ou 151.2 (est) ; "
            "« abc » n'en est pas un.",
        ),
        (
            "ja",
            {"city": "x"},
            "「x」は都市番号ではありません。検索から都市を選んでください。",
        ),
    ],
)
def test_a_bad_place_is_refused_in_one_sentence_of_the_language(
    client, db, language, query, expected
):
    from tests.factories import make_event

    event = make_event()
    page = client.get(f"/{language}/events/{event.slug}/", query)
    assert page.status_code == 200
    assert expected in html.unescape(page.content.decode())


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "43.7° N, 79.4° W"), ("de", "43,7° N, 79,4° W"), ("fr", "43,7° N, 79,4° O")],
)
def test_coordinates_have_the_languages_decimal_sign(language, expected):
    from events.astro.coordinates import coordinates_text

    with translation.override(language):
        assert coordinates_text(43.7, -79.4) == expected


@pytest.mark.parametrize(("language", "expected"), [("en", "1.3 seconds"), ("de", "1,3 Sekunden")])
def test_a_light_time_under_a_minute_has_the_languages_decimal_sign(language, expected):
    from datetime import timedelta

    from events.astro.skyreport import duration_text as light_time_text

    with translation.override(language):
        assert light_time_text(timedelta(seconds=1.28)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "the day before, 3 hours before and an hour before"),
        ("ja", "前日、3時間前、1時間前"),
    ],
)
def test_reminders_are_listed_as_the_language_lists_things(language, expected):
    from events.models.event import describe_reminders

    with translation.override(language):
        assert describe_reminders([1440, 180, 60]) == expected
