"""The one catalogue of time zones and countries: which zones real places use, in which
countries, what they are called, and which zone a visitor's page shows.
"""

import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, available_timezones

import pytz
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events.zones import localformat
from events.zones.reference import largest_cities, zone_population

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


# --- the zone catalogue: which zones real places use, and in which countries -----------


def country_name(code: str) -> str:
    """The country's English name for an ISO 3166 code ('GB' → 'United Kingdom'); '' when
    unknown. The name kept with data (a City row, a Place) and searched; what people read
    is `country_label`, the site's one catalogue in the page's language."""
    return localformat.english_country_name(code)


def country_label(code: str, language: str | None = None) -> str:
    """The country's name as people read it in the page's language; '' when unknown
    (localformat.country_name: the one catalogue of names, English included)."""
    return localformat.country_name(code, language) if country_name(code) else ""


def _language(language: str | None = None) -> str:
    """The language a cached list is kept for: the active one by default."""
    return (language or get_language() or "en").lower()


def zone_country_labels(zone_name: str, language: str | None = None) -> tuple[str, ...]:
    """The countries that use a zone, as people read them in the page's language, A–Z."""
    return _zone_country_labels(_language(language)).get(zone_name, ())


@cache
def _zone_country_labels(language: str) -> dict[str, tuple[str, ...]]:
    return {
        name: tuple(sorted((country_label(code, language) for code in codes), key=_sort_key))
        for name, codes in zone_country_codes().items()
    }


def _sort_key(name: str) -> tuple[str, str]:
    """A–Z as a reader expects it, accents aside ('Émirats' among the E's)."""
    return _fold(name), name


@cache
def zone_country_codes() -> dict[str, tuple[str, ...]]:
    """Every zone a country uses (IANA zone1970/zone.tab via pytz) → those countries' codes."""
    codes: dict[str, list[str]] = {}
    for code, zones in pytz.country_timezones.items():
        for name in zones:
            codes.setdefault(name, []).append(code)
    return {name: tuple(found) for name, found in codes.items()}


def zone_country_code(zone_name: str) -> str:
    """The country a zone names, when one country alone uses it (Europe/Paris: FR; UTC: '')."""
    codes = zone_country_codes().get(zone_name, ())
    return codes[0] if len(codes) == 1 else ""


@cache
def countries_by_zone() -> dict[str, tuple[str, ...]]:
    """Every zone a country uses → its country names, A–Z."""
    return {
        name: tuple(sorted(country_name(code) for code in codes))
        for name, codes in zone_country_codes().items()
    }


def place_zone_names() -> list[str]:
    """The IANA zones that a real place uses (no aliases, no Etc/GMT+5), sorted."""
    return sorted(countries_by_zone())


def zone_label(name: str, language: str | None = None) -> str:
    """'America/Indiana/Knox' → 'Knox, Indiana'; 'Asia/Ho_Chi_Minh' → 'Ho Chi Minh'; in
    another language the zone's city as CLDR names it there where it does ('Asia/Tokyo'
    → '東京' in Japanese)."""
    if not _language(language).startswith("en") and (city := localformat.zone_city(name, language)):
        return city
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


def zones_by_country(language: str | None = None) -> tuple[CountryZones, ...]:
    """The zone picker's groups: countries A–Z (named in the page's language), each with its
    zones; UTC last."""
    return _zones_by_country(_language(language))


@cache
def _zones_by_country(language: str) -> tuple[CountryZones, ...]:
    groups: dict[str, list[ZoneOption]] = {}
    for name, countries in _zone_country_labels(language).items():
        for country in countries:
            groups.setdefault(country, []).append(ZoneOption(name, zone_label(name, language)))
    result = [
        CountryZones(country, tuple(sorted(options, key=lambda option: option.label)))
        for country, options in sorted(groups.items(), key=lambda item: _sort_key(item[0]))
    ]
    # Translators: the group of the zone picker that holds UTC alone.
    result.append(CountryZones(_("Coordinated Universal Time"), (ZoneOption("UTC", "UTC"),)))
    return tuple(result)


def _fold(text: str) -> str:
    """Lower case without accents or underscores: 'São_Paulo' → 'sao paulo'."""
    decomposed = unicodedata.normalize("NFKD", text.replace("_", " "))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


@dataclass(frozen=True)
class _Searchable:
    country: str
    option: ZoneOption
    # What a search reads, folded, in order of weight: the zone's own names, its country
    # (in the page's language and in English), its largest cities.
    names: tuple[str, ...]
    country_names: tuple[str, ...]
    cities: tuple[str, ...]
    population: int


@cache
def _search_index(language: str) -> tuple[_Searchable, ...]:
    english = {
        country_label(code, language): country_name(code)
        for codes in zone_country_codes().values()
        for code in codes
    }
    return tuple(
        _Searchable(
            group.country,
            option,
            (_fold(option.name), _fold(option.label)),
            tuple(
                dict.fromkeys(
                    _fold(name) for name in (group.country, english.get(group.country, "")) if name
                )
            ),
            tuple(_fold(city) for city in largest_cities(option.name, 10)),
            zone_population(option.name),
        )
        for group in zones_by_country(language)
        for option in group.zones
    )


def search_zones(query: str, limit: int = 50) -> list[tuple[str, ZoneOption]]:
    """(country, zone) pairs whose zone name, label, country or a large city matches `query`
    (any case, accents optional), at most `limit`, best first.

    Best first: a whole name before a name's beginning before a name's middle ("paris"
    → Europe/Paris; "india" → Asia/Kolkata before Indian/Chagos); at the same strength the
    zone's own name before its country's before a city's ("london" → Europe/London before
    America/Toronto, which has London, Ontario); then the zone with more people first.
    """
    needle = _fold(query.strip()[:MAX_ZONE_NAME_LENGTH]).strip()
    if not needle:
        return []
    # An old name of a zone (Europe/Kiev, Asia/Calcutta) names today's zone exactly.
    named = canonical_zone_name(query.strip())
    found = []
    for entry in _search_index(_language()):
        if entry.option.name == named:
            found.append((-1, 0, -entry.population, entry.country, entry.option))
            continue
        ranks = [
            (strength, weight)
            for weight, texts in enumerate((entry.names, entry.country_names, entry.cities))
            for text in texts
            if (strength := _match_strength(needle, text)) is not None
        ]
        if ranks:
            found.append((*min(ranks), -entry.population, entry.country, entry.option))
    found.sort(key=lambda item: item[:3])
    return [(country, option) for *_, country, option in found[:limit]]


def _match_strength(needle: str, text: str) -> int | None:
    """0: the whole text (or a zone name's last part), 1: a word's beginning, 2: inside a
    word, None: no match."""
    if needle not in text:
        return None
    if text == needle or text.endswith(f"/{needle}"):
        return 0
    if text.startswith(needle) or any(f"{sep}{needle}" in text for sep in " /-("):
        return 1
    return 2
