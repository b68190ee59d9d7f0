"""Participants as CSV for a spreadsheet, streamed: rows are written as they are read.

UTF-8 with a byte-order mark, so Excel reads names in any script correctly. A cell that a
spreadsheet would take for a formula (=, +, -, @, a tab or a carriage return first) is
written as text with a leading apostrophe: a participant named `=HYPERLINK(…)` stays a
name (OWASP "CSV injection").
"""

import csv
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from django.db.models import QuerySet

BOM = "\ufeff"
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


class _Line:
    """A file-like object whose write() hands back the line, for csv.writer."""

    def write(self, text: str) -> str:
        return text


def csv_rows(participants: QuerySet) -> Iterator[list[str]]:
    """The header, then one row of text cells per participant, read in chunks."""
    yield [title for title, _ in COLUMNS]
    values = participants.values_list(*(field for _, field in COLUMNS))
    for row in values.iterator(chunk_size=CHUNK_SIZE):
        yield [_cell(value) for value in row]


def csv_lines(rows: Iterable[list[str]]) -> Iterator[bytes]:
    """UTF-8 bytes: the BOM, then CSV lines, a chunk at a time (not one write per row)."""
    writer = csv.writer(_Line())
    yield BOM.encode()
    lines: list[str] = []
    for row in rows:
        lines.append(writer.writerow(row))
        if len(lines) >= CHUNK_SIZE:
            yield "".join(lines).encode()
            lines = []
    if lines:
        yield "".join(lines).encode()
