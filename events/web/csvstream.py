"""The one CSV writer: rows in, a streamed UTF-8 download out.

A byte-order mark first, so spreadsheet programs read names in any script correctly; lines
are sent a chunk at a time, so a file of 200,000 rows is never in memory at once.
"""

import csv
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

BOM = "\ufeff"
LINES_PER_CHUNK = 2000


class _Line:
    """A file-like object whose write() hands back the line, for csv.writer."""

    def write(self, text: str) -> str:
        return text


def csv_lines(rows: Iterable[Iterable[str]]) -> Iterator[bytes]:
    """UTF-8 bytes: the BOM, then CSV lines, a chunk at a time (not one write per row)."""
    writer = csv.writer(_Line())
    yield BOM.encode()
    lines: list[str] = []
    for row in rows:
        lines.append(writer.writerow(row))
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
