"""Participants as rows for a spreadsheet, read in chunks (events.web.csvstream writes them).

A cell that a
spreadsheet would take for a formula (=, +, -, @, a tab or a carriage return first) is
written as text with a leading apostrophe: a participant named `=HYPERLINK(…)` stays a
name (OWASP "CSV injection").
"""

from collections.abc import Iterator
from datetime import UTC, datetime

from django.db.models import QuerySet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Rows fetched per round trip; on PostgreSQL through a server-side cursor.
CHUNK_SIZE = 2000

COLUMNS = (
    ("event", "event__slug"),
    ("name", "name"),
    ("email", "email"),
    ("confirmed (UTC)", "confirmed_at"),
    ("signed up (UTC)", "created_at"),
    ("country code", "country_code"),
    ("country", "country"),
    ("city", "city__name"),
    ("time zone", "zone"),
    ("wants announcements", "wants_announcements"),
    ("generated", "is_generated"),
)


def neutralise(cell: str) -> str:
    """The text as it is, or with a leading ' when a spreadsheet would run it as a formula."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    return neutralise(str(value))


def csv_rows(participants: QuerySet) -> Iterator[list[str]]:
    """The header, then one row of text cells per participant, read in chunks."""
    yield [title for title, _ in COLUMNS]
    values = participants.values_list(*(field for _, field in COLUMNS))
    for row in values.iterator(chunk_size=CHUNK_SIZE):
        yield [_cell(value) for value in row]
