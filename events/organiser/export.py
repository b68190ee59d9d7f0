"""Participants as rows for a spreadsheet, read in chunks (events.web.csvstream writes them).

Every text cell goes through events.spreadsheet.neutralise: a participant named
`=HYPERLINK(…)` or `Ann;=1+1;` stays a name (OWASP "CSV injection").
"""

from collections.abc import Iterator
from datetime import UTC, datetime

from django.db.models import QuerySet

from events.spreadsheet import neutralise
from events.zones.localformat import country_name

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
    # The country's name from its code, by the site's one catalogue of countries (CLDR, in
    # the organiser's language): the same name as on the dashboard and in the admin.
    code_at = [field for _, field in COLUMNS].index("country_code")
    name_at = [field for _, field in COLUMNS].index("country")
    for row in values.iterator(chunk_size=CHUNK_SIZE):
        cells = [_cell(value) for value in row]
        if row[code_at]:
            cells[name_at] = neutralise(country_name(row[code_at]))
        yield cells
