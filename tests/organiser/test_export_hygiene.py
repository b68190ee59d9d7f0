"""Every CSV the site writes is safe to open in a spreadsheet, whatever separator the
spreadsheet splits on: text cells quoted, no formula in any piece of a cell."""

import csv
import io

import pytest

from events.spreadsheet import SEPARATORS, neutralise
from events.web.csvstream import csv_lines
from tests.factories import make_event, make_participant, upcoming_event

pytestmark = pytest.mark.django_db

EXPORT = "/admin/events/participant/export.csv"


def _body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.mark.parametrize(
    ("name", "exported"),
    [
        ("Ann;=1+1;", "Ann;'=1+1;"),
        ('a,=HYPERLINK("https://evil.example")', 'a,\'=HYPERLINK("https://evil.example")'),
        ("a|@SUM(A1)", "a|'@SUM(A1)"),
        ("a\t+1", "a\t'+1"),
        ("a; -2+3", "a; '-2+3"),
        ("a\n=1", "a\n'=1"),
        ("=1;=2", "'=1;'=2"),
        ("Jean-Luc; Ana = Bea", "Jean-Luc; Ana = Bea"),
    ],
)
def test_a_formula_after_any_separator_is_neutralised(staff_client, name, exported):
    make_participant(upcoming_event(), name=name)
    rows = list(csv.reader(io.StringIO(_body(staff_client.get(EXPORT)), newline="")))
    assert rows[1][1] == exported


def test_no_piece_of_a_neutralised_cell_starts_a_formula():
    text = neutralise("x,=1;+2\t-3|@4\r=5\n=6")
    for separator in SEPARATORS:
        for piece in text.split(separator):
            assert not piece.lstrip(" ").startswith(("=", "+", "-", "@")), (separator, piece)


def test_numbers_are_left_as_numbers():
    assert [neutralise(cell) for cell in ("-5", "-0.5", "+05:30", "12")] == [
        "-5",
        "-0.5",
        "+05:30",
        "12",
    ]


def test_every_cell_of_the_participants_export_is_quoted(staff_client):
    make_participant(upcoming_event(), name="Ana")
    header, row = _body(staff_client.get(EXPORT)).splitlines()
    assert header.startswith("event,name,email,")
    assert row.startswith('"') and row.endswith('"')
    assert row.count('","') == header.count(",")


def test_every_cell_of_the_world_times_csv_is_quoted(client):
    event = make_event()
    lines = _body(client.get(f"/events/{event.slug}/times.csv")).splitlines()
    assert lines[0].startswith("utc_offset_start,")
    assert all(line.startswith('"') and line.endswith('"') for line in lines[1:])


def test_the_writer_neutralises_whatever_rows_it_is_given():
    text = b"".join(csv_lines([["h"], ["=1", "a;@b"]])).decode("utf-8-sig")
    assert text.splitlines()[1] == '"\'=1","a;\'@b"'
