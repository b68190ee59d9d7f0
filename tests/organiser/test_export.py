"""The participants' CSV export: what it holds, that a spreadsheet opens it safely, that it
streams, and that only staff allowed to see participants get it."""

import csv
import io
import types
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Permission, User

from events.models import Participant
from events.organiser.export import neutralise
from events.web.csvstream import csv_lines
from tests.signups import make_city, upcoming_event

pytestmark = pytest.mark.django_db

EXPORT = "/admin/events/participant/export.csv"
SIGNED_UP = datetime(2026, 6, 1, 12, 30, tzinfo=UTC)


@pytest.fixture
def staff_client(client):
    client.force_login(User.objects.create_superuser("organiser", "o@example.org", "pw"))
    return client


def person(event, name: str, email: str, **fields) -> Participant:
    defaults = {"zone": "UTC", "created_at": SIGNED_UP, "confirmed_at": SIGNED_UP}
    return Participant.objects.create(event=event, name=name, email=email, **defaults | fields)


def rows_of(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark, for Excel
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_the_export_holds_the_participants_as_text_cells(staff_client):
    event = upcoming_event(slug="wave-at-saturn")
    paris = make_city(2988507, "Paris", "FR", "France", "Europe/Paris")
    person(
        event,
        "Zoë Ünal",
        "zoe@example.com",
        city=paris,
        zone="Europe/Paris",
        country_code="FR",
        country="France",
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
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("Ana = Bea", "Ana = Bea"),
    ("O'Neil", "O'Neil"),
]


@pytest.mark.parametrize(
    ("name", "exported"), HOSTILE_NAMES, ids=[f"case{n}" for n in range(len(HOSTILE_NAMES))]
)
def test_a_cell_a_spreadsheet_would_run_is_exported_as_text(staff_client, name, exported):
    person(upcoming_event(), name, "x@example.com")
    [_, row] = rows_of(staff_client.get(EXPORT))
    assert row[1] == exported


def test_neutralise_leaves_ordinary_text_alone():
    assert neutralise("Ana") == "Ana"
    assert neutralise("") == ""
    assert neutralise("=1") == "'=1"


def test_the_export_is_the_filtered_and_searched_list(staff_client):
    event, other = upcoming_event(), upcoming_event()
    person(event, "Ana Silva", "ana@example.com")
    person(event, "Bea Silva", "bea@example.com", confirmed_at=None)
    person(event, "Cid Costa", "cid@example.com", confirmed_at=None)
    person(other, "Dee Silva", "dee@example.com", confirmed_at=None)

    response = staff_client.get(
        EXPORT, {"event__id__exact": event.pk, "confirmed": "no", "q": "silva"}
    )

    assert [row[2] for row in rows_of(response)[1:]] == ["bea@example.com"]
    assert f'filename="participants-{event.slug}-' in response["Content-Disposition"]


def test_the_export_streams_from_a_generator(staff_client):
    person(upcoming_event(), "Ana", "ana@example.com")
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
    city = make_city(2988507, "Paris", "FR", "France", "Europe/Paris")
    for number in range(count):
        person(event, f"P{number}", f"p{number}@example.com", city=city)
    staff_client.get("/admin/")  # the session is loaded once, outside the count
    # Session, user, the list's filters (events, countries, zones) and its count (the
    # admin's changelist applies the filters), then the export's one query for every row.
    with django_assert_num_queries(7):
        assert len(rows_of(staff_client.get(EXPORT))) == count + 1


def test_only_staff_who_may_see_participants_get_the_export(client):
    person(upcoming_event(), "Ana", "ana@example.com")
    response = client.get(EXPORT)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")

    visitor = User.objects.create_user("visitor", password="pw")
    client.force_login(visitor)
    assert client.get(EXPORT).status_code == 302

    clerk = User.objects.create_user("clerk", password="pw", is_staff=True)
    client.force_login(clerk)
    assert client.get(EXPORT).status_code == 403
    clerk.user_permissions.add(Permission.objects.get(codename="view_participant"))
    clerk = User.objects.get(pk=clerk.pk)  # permissions are cached on the instance
    client.force_login(clerk)
    response = client.get(EXPORT)
    assert response.status_code == 200 and len(rows_of(response)) == 2
