"""The participants' CSV export: what it holds, that a spreadsheet opens it safely, that it
streams, and that only staff allowed to see participants get it."""

import csv
import io
import types
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Permission, User

from events.organiser.export import neutralise
from events.web.csvstream import csv_lines
from tests.access import STAFF_ONLY, answers_by_visitor
from tests.factories import make_city, make_participant, upcoming_event

pytestmark = pytest.mark.django_db

EXPORT = "/admin/events/participant/export.csv"
SIGNED_UP = datetime(2026, 6, 1, 12, 30, tzinfo=UTC)


def rows_of(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark, for Excel
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_the_export_holds_the_participants_as_text_cells(staff_client):
    event = upcoming_event(slug="wave-at-saturn")
    paris = make_city("Paris", "FR", "France", "Europe/Paris")
    make_participant(
        event,
        name="Zoë Ünal",
        email="zoe@example.com",
        city=paris,
        created_at=SIGNED_UP,
        wants_announcements=True,
    )

    response = staff_client.get(EXPORT)

    assert response.status_code == 200
    assert response.streaming is True
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="participants-')
    assert rows_of(response) == [
        [
            "event",
            "name",
            "email",
            "confirmed (UTC)",
            "signed up (UTC)",
            "country code",
            "country",
            "city",
            "time zone",
            "wants announcements",
            "generated",
        ],
        [
            "wave-at-saturn",
            "Zoë Ünal",
            "zoe@example.com",
            "2026-06-01 12:30:00",
            "2026-06-01 12:30:00",
            "FR",
            "France",
            "Paris",
            "Europe/Paris",
            "yes",
            "no",
        ],
    ]


HOSTILE_NAMES = [
    ('=HYPERLINK("https://evil.example","click")', '\'=HYPERLINK("https://evil.example","click")'),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    # A spreadsheet that splits on tabs or line breaks would read "=1" as a cell of its own:
    # it is neutralised too, not only the start of the whole cell.
    ("\t=1", "'\t'=1"),
    ("\r=1", "'\r'=1"),
    ("Ana = Bea", "Ana = Bea"),
    ("O'Neil", "O'Neil"),
]


@pytest.mark.parametrize(
    ("name", "exported"), HOSTILE_NAMES, ids=[f"case{n}" for n in range(len(HOSTILE_NAMES))]
)
def test_a_cell_a_spreadsheet_would_run_is_exported_as_text(staff_client, name, exported):
    make_participant(upcoming_event(), name=name)
    [_, row] = rows_of(staff_client.get(EXPORT))
    assert row[1] == exported


def test_neutralise_leaves_ordinary_text_alone():
    assert neutralise("Ana") == "Ana"
    assert neutralise("") == ""
    assert neutralise("=1") == "'=1"


def test_the_export_is_the_filtered_and_searched_list(staff_client):
    event, other = upcoming_event(), upcoming_event()
    make_participant(event, name="Ana Silva", email="ana@example.com")
    make_participant(event, name="Bea Silva", email="bea@example.com", confirmed=False)
    make_participant(event, name="Cid Costa", email="cid@example.com", confirmed=False)
    make_participant(other, name="Dee Silva", email="dee@example.com", confirmed=False)

    response = staff_client.get(
        EXPORT, {"event__id__exact": event.pk, "confirmed": "no", "q": "silva"}
    )

    assert [row[2] for row in rows_of(response)[1:]] == ["bea@example.com"]
    assert f'filename="participants-{event.slug}-' in response["Content-Disposition"]


def test_the_export_streams_from_a_generator(staff_client):
    make_participant(upcoming_event())
    response = staff_client.get(EXPORT)
    chunks = iter(response.streaming_content)
    assert next(chunks) == b"\xef\xbb\xbf"  # sent before a single row is read
    assert isinstance(csv_lines(iter([])), types.GeneratorType)


def test_rows_are_written_in_chunks_not_one_by_one():
    rows = ([str(number), "x"] for number in range(5001))
    chunks = list(csv_lines(rows))
    assert chunks[0] == "\ufeff".encode()
    assert [chunk.count(b"\r\n") for chunk in chunks[1:]] == [2000, 2000, 1001]


@pytest.mark.parametrize("count", [1, 3], ids=["one-row", "three-rows"])
def test_the_export_costs_the_same_queries_for_one_row_or_many(
    staff_client, django_assert_num_queries, count
):
    event = upcoming_event()
    city = make_city("Paris", "FR", "France", "Europe/Paris")
    for _ in range(count):
        make_participant(event, city=city)
    staff_client.get("/admin/")  # the session is loaded once, outside the count
    # Session, user, the list's filters (events, countries, zones) and its count (the
    # admin's changelist applies the filters), then the export's one query for every row.
    with django_assert_num_queries(7):
        assert len(rows_of(staff_client.get(EXPORT))) == count + 1


def test_only_staff_who_may_see_participants_get_the_export(client):
    make_participant(upcoming_event())
    assert answers_by_visitor(client, EXPORT) == STAFF_ONLY
    clerk = User.objects.get(username="clerk")
    clerk.user_permissions.add(Permission.objects.get(codename="view_participant"))
    clerk = User.objects.get(pk=clerk.pk)  # permissions are cached on the instance
    client.force_login(clerk)
    response = client.get(EXPORT)
    assert response.status_code == 200 and len(rows_of(response)) == 2
