"""Numbers and identifiers as requests carry them: the one way every view, form, filter and
domain module reads them.

Python's int() and float() accept far more than people mean: Arabic-Indic and fullwidth
digits, "1_000", "nan", "1e999"; str.isdigit() says yes to "²", which int() then refuses.
A number from outside is therefore ASCII digits only, of bounded length, finite and in
range; anything else is a `Refused` with a sentence for the person who sent it, never an
exception a view did not expect (a 500) or a value the database cannot hold (an overflow on
SQLite, a NUL that PostgreSQL refuses).
"""

import re

from babel.numbers import format_decimal
from django.utils.translation import gettext as _

from events.cldr import cldr_locale
from events.refusal import Refused

# The largest value an integer column holds on PostgreSQL (and a GeoNames id fits): a
# bigger "id" names no row, and SQLite would raise OverflowError on it.
MAX_ROW_ID = 2**31 - 1
# Longer text is cut before it is read or shown: a number of degrees never needs more.
MAX_NUMBER_LENGTH = 32

_WHOLE = re.compile(r"[0-9]{1,10}", re.ASCII)
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)
_URLSAFE = re.compile(r"[A-Za-z0-9_\-]+", re.ASCII)


def shown(text: str) -> str:
    """The text quoted for a message, or "an empty value"."""
    # Translators: the text someone typed, quoted in a message ("“abc” is not a number").
    return _("“%(text)s”") % {"text": text} if text else _("an empty value")


def _in_sentence(message: str, **values: object) -> str:
    """`message` (a whole translated sentence, so that each language words it its own way)
    with the typed text quoted in it; a sentence that starts with it starts with a
    capital ("An empty value is not …")."""
    sentence = message % {"value": shown(values.pop("typed")), **values}
    return sentence[:1].upper() + sentence[1:]


def _number_text(number: float) -> str:
    """A number as the reader's language writes it: "−33.9", "−33,9" in German (with a
    typographic minus, which reads better in a sentence than a hyphen)."""
    return format_decimal(number, locale=cldr_locale()).replace("-", "\u2212")


def whole_number(
    text: str | int | None,
    *,
    refusal: str | None = None,
    lowest: int = 0,
    highest: int = MAX_ROW_ID,
    reason: str = "bad_number",
) -> int:
    """A whole number of ASCII digits between `lowest` and `highest` (a row id by default).

    Refused otherwise (signs, spaces inside, other scripts' digits, superscripts, more than
    ten digits), with `refusal`: a translated sentence with %(value)s where the typed text
    goes, such as "%(value)s is not a city number; pick a city from the search."
    """
    raw = str(text if text is not None else "").strip()[:MAX_NUMBER_LENGTH]
    if _WHOLE.fullmatch(raw) and lowest <= int(raw) <= highest:
        return int(raw)
    # Translators: %(value)s is what was typed, quoted ("“abc”"), or "an empty value".
    message = refusal or _("%(value)s is not a valid number.")
    raise Refused(reason, _in_sentence(message, typed=raw))


def decimal_number(
    text: str | None,
    *,
    not_a_number: str,
    out_of_range: str,
    lowest: float,
    highest: float,
    reason: str = "bad_number",
) -> float:
    """A decimal number as people type it, between `lowest` and `highest`.

    A decimal comma and a typographic minus (U+2212) mean what they look like; digits are
    ASCII only, with no exponent, "nan" or "inf", so the value is always finite. Refused
    with `not_a_number` (a translated sentence with %(value)s, the typed text) or
    `out_of_range` (with %(lowest)s, %(highest)s and %(value)s).
    """
    raw = (text or "").strip()[:MAX_NUMBER_LENGTH]
    cleaned = raw.replace("\u2212", "-")
    if "." not in cleaned:
        cleaned = cleaned.replace(",", ".", 1)
    if not _DECIMAL.fullmatch(cleaned):
        raise Refused(reason, _in_sentence(not_a_number, typed=raw))
    value = float(cleaned)
    if not lowest <= value <= highest:
        message = out_of_range % {
            "lowest": _number_text(lowest),
            "highest": _number_text(highest),
            "value": _number_text(value),
        }
        raise Refused(reason, message)
    return value


def url_key(text: str | None, *, max_length: int) -> str:
    """A secret or name from an address (letters, digits, - and _, as
    secrets.token_urlsafe makes them), at most `max_length` long."""
    raw = text or ""
    if len(raw) <= max_length and _URLSAFE.fullmatch(raw):
        return raw
    raise Refused("bad_key", _("This link is not complete: copy the whole address."))
