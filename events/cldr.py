"""The CLDR locale of the reader's language, for everything that formats dates, times,
numbers and names with Babel: the zones' formats (events.zones.localformat) and the sky's
sentences (events.astro) alike. English keeps the site's British style (en_GB)."""

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal
from django.utils.translation import get_language, to_locale

# Django's language code → the CLDR locale its readers expect.
_CLDR = {"en": "en_GB", "zh-hans": "zh_Hans_CN", "pt-br": "pt_BR"}


def cldr_locale(language: str | None = None) -> Locale:
    """The CLDR locale of `language`, by default the active one."""
    return _parsed_locale((language or get_language() or "en").lower())


@lru_cache(maxsize=32)
def _parsed_locale(language: str) -> Locale:
    try:
        return Locale.parse(_CLDR.get(language, to_locale(language)))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_GB")


def decimal_text(value: float, pattern: str = "0.0") -> str:
    """A number with one decimal (by default) and the reader's decimal sign: '0.4' in
    English, '0,4' in German and French."""
    return format_decimal(value, pattern, locale=cldr_locale())
