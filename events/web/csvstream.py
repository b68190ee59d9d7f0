"""The one CSV writer: rows in, a streamed UTF-8 download out.

A byte-order mark first, so spreadsheet programs read names in any script correctly; lines
are sent a chunk at a time, so a file of 200,000 rows is never in memory at once.

Every cell after the header is quoted (QUOTE_ALL) and neutralised (events.spreadsheet): a
program that respects quotes keeps `Ann;=1+1;` in one cell, and one that splits on another
separator anyway finds no formula in the pieces. The header row holds our own column
names (plain words), so it is written as it is, quoted only where CSV needs it.
"""

import csv
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

from events.spreadsheet import neutralise

BOM = "\ufeff"
LINES_PER_CHUNK = 2000


class _Line:
    """A file-like object whose write() hands back the line, for csv.writer."""

    def write(self, text: str) -> str:
        return text


def csv_lines(rows: Iterable[Iterable[str]]) -> Iterator[bytes]:
    """UTF-8 bytes: the BOM, then CSV lines, a chunk at a time (not one write per row)."""
    header_writer = csv.writer(_Line())
    writer = csv.writer(_Line(), quoting=csv.QUOTE_ALL)
    yield BOM.encode()
    lines: list[str] = []
    rows = iter(rows)
    for header in rows:
        lines.append(header_writer.writerow(header))
        break
    for row in rows:
        lines.append(writer.writerow([neutralise(str(cell)) for cell in row]))
        if len(lines) >= LINES_PER_CHUNK:
            yield "".join(lines).encode()
            lines = []
    if lines:
        yield "".join(lines).encode()


def csv_download(rows: Iterable[Iterable[str]], filename: str) -> StreamingHttpResponse:
    """A streamed CSV attachment named `filename`."""
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
