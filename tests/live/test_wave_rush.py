"""The wave under a crowd: fifty identical taps at the same instant count once, on
PostgreSQL and on SQLite (gunicorn's workers on a database file), and 100,000 waves still
make a map and a live answer of a few hundred squares."""

import http.client
import json
import re
import sqlite3
import urllib.parse
import urllib.request
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test import Client

from events.live.waves import CELL_DEGREES
from events.models import Wave
from tests.concurrent import at_once
from tests.factories import WINDOW_START, make_participant, upcoming_event
from tests.processes import app_server, production_env, run_python

DURING = WINDOW_START + timedelta(minutes=3)
TAPS = 50


def assert_counted_once(answers: list[tuple[int, dict]], waves: int) -> None:
    """Every tap answered 200 with JSON, exactly one told "new", exactly one row."""
    assert [status for status, _ in answers] == [200] * TAPS
    assert [body["new"] for _, body in answers].count(True) == 1
    assert waves == 1


# --- PostgreSQL: the app in this process, a connection per thread ------------------------------
# (On SQLite the test database is one in-memory database in shared-cache mode, which fails
# concurrent writers at once with "table is locked", unlike the WAL file the site runs on:
# SQLite's case is tested below against gunicorn on a file, as it is deployed.)


def taps_in_process(event, data: dict, cookies: dict) -> list[tuple[int, dict]]:
    """TAPS identical POSTs from as many threads, released together (each its own Client,
    so its own connection; each from its own address, so that a per-address limit is not
    what is tested here): (status, JSON) of each."""

    def tap(number: int):
        def send():
            browser = Client()
            for name, value in cookies.items():
                browser.cookies[name] = value
            response = browser.post(
                f"/events/{event.slug}/wave/",
                data,
                HTTP_ACCEPT="application/json",
                REMOTE_ADDR=f"198.51.100.{number + 1}",
            )
            return response.status_code, response.json()

        return send

    return at_once([tap(number) for number in range(TAPS)])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_identical_taps_count_once_on_postgresql(clock):
    clock.move_to(DURING)
    event = upcoming_event()
    ana = make_participant(event)
    # One browser (one wave cookie) tapping fifty times at once.
    answers = taps_in_process(event, {"tz": "Europe/Paris"}, {"wave": "the-same-browser"})
    assert_counted_once(answers, Wave.objects.filter(event=event).count())
    # One participant (one private key), from fifty browsers of their own at once.
    answers = taps_in_process(event, {"key": ana.manage_key}, {})
    assert_counted_once(answers, Wave.objects.filter(event=event, participant=ana).count())
    assert Wave.objects.filter(event=event).count() == 2


# --- SQLite: gunicorn's workers on a database file, as `make serve` runs it ---------------------

OPEN_EVENT = """
from datetime import timedelta
from django.utils import timezone
from tests.factories import make_event, make_participant
event = make_event(window_start=timezone.now() - timedelta(minutes=1))
print(event.slug, make_participant(event).manage_key)
"""


def http_post(base: str, path: str, body: dict, headers: dict) -> tuple[int, dict]:
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        form = urllib.parse.urlencode(body)
        headers = {**headers, "Content-Type": "application/x-www-form-urlencoded"}
        connection.request("POST", path, body=form, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
        is_json = response.getheader("Content-Type") == "application/json"
        return response.status, json.loads(text) if is_json else {"body": text[:200]}
    finally:
        connection.close()


def test_fifty_identical_taps_count_once_on_sqlite(static_root, tmp_path):
    database = tmp_path / "db.sqlite3"
    env = production_env(static_root, DATABASE_URL=f"sqlite:///{database}", WEB_CONCURRENCY="4")
    for step in (("manage.py", "migrate", "--no-input"), ("manage.py", "shell", "-c", OPEN_EVENT)):
        result = run_python(*step, env=env)
        assert result.returncode == 0, result.stderr
    slug, key = result.stdout.split()[-2:]
    path = f"/events/{slug}/wave/"

    def rows(condition: str) -> int:
        with sqlite3.connect(database) as db:
            return db.execute(f"SELECT count(*) FROM events_wave WHERE {condition}").fetchone()[0]  # noqa: S608

    with app_server(env, tmp_path / "gunicorn.log") as base:
        # The CSRF pair every tap sends: the same request, byte for byte, fifty times.
        with urllib.request.urlopen(f"{base}/form-token/") as answer:  # noqa: S310 - loopback
            cookie = re.search(r"csrftoken=([^;]+)", answer.headers["Set-Cookie"]).group(1)
            token = json.loads(answer.read())["token"]
        headers = {"Accept": "application/json", "Cookie": f"csrftoken={cookie}"}

        def taps(body: dict, cookies: str = "") -> list[tuple[int, dict]]:
            sent = {**headers, "Cookie": headers["Cookie"] + cookies}
            body = {"csrfmiddlewaretoken": token, **body}
            return at_once([lambda: http_post(base, path, body, sent)] * TAPS)

        # One browser (one wave cookie) tapping fifty times at once.
        answers = taps({"tz": "Europe/Paris"}, "; wave=the-same-browser")
        assert_counted_once(answers, rows("participant_id IS NULL"))
        # One participant (one private key), from fifty browsers of their own at once.
        answers = taps({"key": key})
        assert_counted_once(answers, rows("participant_id IS NOT NULL"))
    assert rows("1 = 1") == 2


# --- a hundred thousand waves ----------------------------------------------------------------

WAVES = 100_000
# Every square a wave can fall in: latitudes -90…90 make 18 rows of 10° (the North Pole is
# in the top row, as on the map), longitudes 36.
SQUARES = (180 // CELL_DEGREES) * (360 // CELL_DEGREES)
SVG = "{http://www.w3.org/2000/svg}"


def insert_waves(event, count: int, at) -> None:
    """`count` browser waves spread over the whole globe, in one INSERT … SELECT (a
    bulk_create of 100,000 objects takes many times longer on SQLite)."""
    table = connection.ops.quote_name(Wave._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(Wave._meta.get_field(name).column)
        for name in ("event", "visitor_key", "latitude", "longitude", "country_code", "created_at")
    )
    created_at = Wave._meta.get_field("created_at").get_db_prep_value(at, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) "  # noqa: S608 - our own names
            "WITH RECURSIVE numbers(n) AS "
            " (SELECT 1 UNION ALL SELECT n + 1 FROM numbers WHERE n < %s) "
            # Strides prime to 181 and 360: every whole degree of latitude and longitude.
            "SELECT %s, 'k' || n, (n * 37) %% 181 - 90, (n * 101) %% 360 - 180, '', %s "
            "FROM numbers",
            [count, event.pk, created_at],
        )


@pytest.mark.django_db
def test_the_map_of_a_hundred_thousand_waves_has_a_few_hundred_shapes(clock):
    event = upcoming_event()
    insert_waves(event, WAVES, DURING)
    assert Wave.objects.filter(event=event).count() == WAVES
    clock.move_to(DURING + timedelta(seconds=1))

    live = Client().get(f"/events/{event.slug}/waves.json").json()
    assert live["count"] == WAVES
    # Every square of the globe has waves, and there are no more squares than that.
    assert len(live["cells"]) == SQUARES == 648
    assert sum(cell["count"] for cell in live["cells"]) == WAVES

    svg = ElementTree.fromstring(Client().get(f"/events/{event.slug}/waves.svg").content)
    [crowd] = svg.findall(f"{SVG}g[@class='map-participants']")
    marks = crowd.findall(f".//{SVG}circle")
    # A mark per square: the JSON's squares are the map's.
    assert len(marks) == SQUARES
    # And the map's own few shapes: sea, land, grid, shading, legend, the sub-point.
    assert len(list(svg.iter())) <= len(marks) + 60
