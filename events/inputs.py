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

from django.utils.translation import gettext as _

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


def _signed(number: float) -> str:
    # A typographic minus reads better in a sentence than a hyphen.
    return f"{number:g}".replace("-", "\u2212")


def whole_number(
    text: str | int | None,
    *,
    what: str,
    advice: str = "",
    lowest: int = 0,
    highest: int = MAX_ROW_ID,
    reason: str = "bad_number",
) -> int:
    """A whole number of ASCII digits between `lowest` and `highest` (a row id by default).

    Refused ("“x” is not {what}{advice}.") otherwise: signs, spaces inside, other scripts'
    digits, superscripts, more than ten digits.
    """
    raw = str(text if text is not None else "").strip()[:MAX_NUMBER_LENGTH]
    if _WHOLE.fullmatch(raw) and lowest <= int(raw) <= highest:
        return int(raw)
    quoted = shown(raw)
    raise Refused(
        reason,
        # Translators: "“abc” is not a city number; pick a city from the search." %(value)s is
        # what was typed (quoted) or "an empty value"; %(what)s is "a city number" or "an
        # event number"; %(advice)s is empty or "; pick a city from the search".
        _("%(value)s is not %(what)s%(advice)s.")
        % {"value": f"{quoted[0].upper()}{quoted[1:]}", "what": what, "advice": advice},
    )


def decimal_number(
    text: str | None,
    *,
    what: str,
    unit: str,
    example: str,
    lowest: float,
    highest: float,
    reason: str = "bad_number",
) -> float:
    """A decimal number as people type it, between `lowest` and `highest`.

    A decimal comma and a typographic minus (U+2212) mean what they look like; digits are
    ASCII only, with no exponent, "nan" or "inf", so the value is always finite.
    """
    raw = (text or "").strip()[:MAX_NUMBER_LENGTH]
    cleaned = raw.replace("\u2212", "-")
    if "." not in cleaned:
        cleaned = cleaned.replace(",", ".", 1)
    if not _DECIMAL.fullmatch(cleaned):
        raise Refused(
            reason,
            # Translators: "The latitude must be a number of degrees, like 43.7 (north) or
            # -33.9 (south); “abc” is not."
            _("The %(what)s must be a number of %(unit)s, like %(example)s; %(value)s is not.")
            % {"what": what, "unit": unit, "example": example, "value": shown(raw)},
        )
    value = float(cleaned)
    if not lowest <= value <= highest:
        raise Refused(
            reason,
            # Translators: "The latitude must be between −90 and 90 degrees; 91 is not."
            _("The %(what)s must be between %(lowest)s and %(highest)s %(unit)s; %(value)s is not.")
            % {
                "what": what,
                "lowest": _signed(lowest),
                "highest": _signed(highest),
                "unit": unit,
                "value": f"{value:g}",
            },
        )
    return value


def url_key(text: str | None, *, max_length: int, what: str = "link") -> str:
    """A secret or name from an address (letters, digits, - and _, as
    secrets.token_urlsafe makes them), at most `max_length` long."""
    raw = text or ""
    if len(raw) <= max_length and _URLSAFE.fullmatch(raw):
        return raw
    # Translators: %(what)s is "link" or "private link".
    message = _("This %(what)s is not complete: copy the whole address.") % {"what": what}
    raise Refused("bad_key", message)
