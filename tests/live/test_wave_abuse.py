"""Abuse of "I'm waving!": a flood from one address is capped by the shared limiter (a
repeated tap never is), the form needs its CSRF token, a forged zone is refused, a filled
honeypot records nothing, and hostile input gets a 4xx, never a 500."""

import http.client
import json
import re
import sqlite3
import time
import urllib.parse
import urllib.request
from datetime import timedelta

import pytest
from django.test import Client

from events.live.waves import WAVE_RATE_SECONDS
from events.models import LimitCounter, Wave
from tests.concurrent import at_once
from tests.factories import WINDOW_START, upcoming_event
from tests.html import text
from tests.processes import app_server, production_env, run_python

pytestmark = pytest.mark.django_db

DURING = WINDOW_START + timedelta(minutes=3)  # 21:30:00, a minute's first second
LIMIT = 3


@pytest.fixture
def event(clock, settings):
    settings.WAVE_RATE_LIMIT = LIMIT
    clock.move_to(DURING)
    return upcoming_event()


def tap(event, *, address="203.0.113.7", browser=None, as_json=True, **data):
    """One tap from a browser of its own (a new wave) unless `browser` is given."""
    headers = {"HTTP_ACCEPT": "application/json"} if as_json else {}
    return (browser or Client()).post(
        f"/events/{event.slug}/wave/", data, REMOTE_ADDR=address, **headers
    )


# --- the limit ---------------------------------------------------------------------------------


@pytest.mark.parametrize("store", ["database", "cache"])
def test_an_address_adds_its_limit_of_new_waves_a_minute_then_is_asked_to_wait(
    clock, event, settings, store
):
    settings.RATE_LIMIT_STORE = store
    assert [tap(event, tz=zone).status_code for zone in ("Europe/Paris",) * LIMIT] == [200] * 3
    # One more new wave from the same address: refused, with when to try again, in JSON
    # for wave.js and on a page without JavaScript.
    refused = tap(event, tz="Asia/Kolkata")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= WAVE_RATE_SECONDS
    assert "Too many waves from your network just now" in refused.json()["error"]
    page = tap(event, as_json=False)
    assert page.status_code == 429 and page["Retry-After"]
    assert "tap again in a minute" in text(page) and "Tap again" in text(page)
    # Nothing of the refused waves is counted; the rest of the world is not affected.
    assert Wave.objects.count() == LIMIT
    assert tap(event, address="198.51.100.1").status_code == 200
    # A new minute, a new budget.
    clock.move_to(DURING + timedelta(seconds=WAVE_RATE_SECONDS))
    assert tap(event).status_code == 200
    assert Wave.objects.count() == LIMIT + 2


def test_an_ipv6_network_shares_one_budget(event):
    statuses = [tap(event, address=f"2001:db8:1:2::{n}").status_code for n in range(LIMIT + 1)]
    assert statuses == [200] * LIMIT + [429]
    assert tap(event, address="2001:db8:1:3::1").status_code == 200  # another /64


def test_a_repeated_tap_spends_nothing_and_is_never_refused(event):
    browser = Client()
    assert tap(event, browser=browser).json()["new"] is True
    for _ in range(LIMIT * 3):
        again = tap(event, browser=browser)
        assert again.status_code == 200 and again.json()["new"] is False
    # The address still has the rest of its budget for new people.
    assert [tap(event).status_code for _ in range(LIMIT)] == [200] * (LIMIT - 1) + [429]
    # ...and once it is spent, the counted browser is still told it is counted.
    assert tap(event, browser=browser).status_code == 200


def test_the_limit_is_counted_in_the_shared_store(event, settings):
    """Without Redis, the counter is a row of the database every worker writes to
    (events/signups/limits.py): its count is the address's new waves, whoever served them
    (three workers counting one address's flood: the gunicorn test below)."""
    settings.RATE_LIMIT_STORE = "database"
    for _ in range(LIMIT + 2):
        tap(event)
    [counter] = LimitCounter.objects.all()
    assert counter.key.startswith("ratelimit:wave:") and "203.0.113" not in counter.key
    # The refused ones were rolled back with their waves: the count is what got in.
    assert counter.count == LIMIT


def test_a_flood_of_forged_zones_moves_the_count_by_the_limit_at_most(event):
    zones = ["Europe/Paris", "Asia/Tokyo", "America/Lima", "Mars/Olympus_Mons", "Africa/Lagos"]
    answers = [tap(event, tz=zone) for zone in zones * 4]
    assert {answer.status_code for answer in answers} == {200, 400, 429}
    assert Wave.objects.count() == LIMIT


# --- across processes: gunicorn's workers on a SQLite file ------------------------------------

OPEN_EVENT = """
from datetime import timedelta
from django.utils import timezone
from tests.factories import make_event
print(make_event(window_start=timezone.now() - timedelta(minutes=1)).slug)
"""
PROCESS_LIMIT = 20


def http_post(base: str, path: str, body: dict, headers: dict) -> int:
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        headers = {**headers, "Content-Type": "application/x-www-form-urlencoded"}
        connection.request("POST", path, body=urllib.parse.urlencode(body), headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_three_workers_let_exactly_the_limit_of_new_waves_through(static_root, tmp_path):
    database = tmp_path / "db.sqlite3"
    env = production_env(
        static_root,
        DATABASE_URL=f"sqlite:///{database}",
        WEB_CONCURRENCY="3",
        TRUSTED_PROXY_COUNT="1",
        WAVE_RATE_LIMIT=str(PROCESS_LIMIT),
    )
    for step in (("manage.py", "migrate", "--no-input"), ("manage.py", "shell", "-c", OPEN_EVENT)):
        result = run_python(*step, env=env)
        assert result.returncode == 0, result.stderr
    path = f"/events/{result.stdout.split()[-1]}/wave/"
    with app_server(env, tmp_path / "gunicorn.log") as base:
        with urllib.request.urlopen(f"{base}/form-token/") as answer:  # noqa: S310 - loopback
            cookie = re.search(r"csrftoken=([^;]+)", answer.headers["Set-Cookie"]).group(1)
            token = json.loads(answer.read())["token"]
        headers = {
            "Accept": "application/json",
            "Cookie": f"csrftoken={cookie}",
            "X-Forwarded-For": "203.0.113.9",  # one address: a flood, new browsers each time
        }
        # The count runs per minute: keep the burst within one.
        if (left := WAVE_RATE_SECONDS - time.time() % WAVE_RATE_SECONDS) < 15:
            time.sleep(left + 1)
        statuses = at_once(
            [lambda: http_post(base, path, {"csrfmiddlewaretoken": token}, headers)]
            * (PROCESS_LIMIT + 10)
        )
    assert sorted(statuses) == [200] * PROCESS_LIMIT + [429] * 10
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT count(*) FROM events_wave").fetchone()[0] == PROCESS_LIMIT
    assert (tmp_path / "gunicorn.log").read_text().count("Booting worker") == 3


# --- CSRF, the honeypot, forged and hostile input ------------------------------------------------


def test_a_wave_sent_without_its_csrf_token_is_refused_with_a_page(event):
    browser = Client(enforce_csrf_checks=True)
    refused = browser.post(f"/events/{event.slug}/wave/", {"tz": "Europe/Paris"})
    assert refused.status_code == 403
    assert "Please send the form again" in text(refused)
    assert not Wave.objects.exists()
    # What wave.js does on the cached event page: a token from /form-token/, then the POST.
    token = browser.get("/form-token/").json()["token"]
    answer = browser.post(
        f"/events/{event.slug}/wave/",
        {"csrfmiddlewaretoken": token, "tz": "Europe/Paris"},
        HTTP_ACCEPT="application/json",
    )
    assert answer.status_code == 200 and answer.json()["new"] is True
    # And the page without JavaScript carries its own token and the honeypot.
    form = browser.get(f"/events/{event.slug}/wave/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in form and 'name="website"' in form


def test_a_robot_that_fills_the_honeypot_is_told_it_counted_and_nothing_is_kept(event, clock):
    answer = tap(event, tz="Asia/Kolkata", website="https://spam.example")
    assert answer.status_code == 200
    assert answer.json() == {"new": True, "count": 1, "cell": [23, 88]}  # as a person's
    page = tap(event, as_json=False, website="x")
    assert "Counted: you and 0 others." in text(page)
    assert not Wave.objects.exists() and not LimitCounter.objects.exists()
    # Outside the window it gets what anyone gets.
    clock.move_to(WINDOW_START - timedelta(minutes=5))
    assert tap(event, website="x").status_code == 409


def test_a_forged_zone_is_a_400_and_a_known_one_counts_at_its_reference_place(event):
    for zone in ("Mars/Olympus_Mons", "48.85,2.35", "../../etc/passwd"):
        refused = tap(event, tz=zone)
        assert refused.status_code == 400
        assert "not a time zone we know" in refused.json()["error"]
        page = tap(event, tz=zone, as_json=False)
        assert page.status_code == 400 and "not a time zone we know" in text(page)
    assert not Wave.objects.exists()
    # An old name is today's zone; the wave counts at its reference place, to the degree.
    assert tap(event, tz="asia/calcutta").json()["cell"] == [23, 88]
    # No zone (the page had none, or a no-JS form in UTC): counted without a place.
    assert tap(event).json()["cell"] is None
    assert tap(event, tz="UTC").json()["cell"] is None


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"tz": "Europe/Paris\x00"}, 400),
        ({"tz": "x" * 5000}, 400),
        ({"tz": "٤"}, 400),
        ({"tz": ["Europe/Paris", "nonsense"]}, 400),  # the last value is the one read
        ({"tz": ""}, 200),
        ({}, 200),
        ({"key": "\x00", "tz": "Europe/Paris"}, 200),  # a wrong key: a browser's wave
        ({"website": "\x00"}, 200),  # still the honeypot: answered as counted
    ],
)
def test_hostile_or_missing_fields_get_a_4xx_never_a_500(event, data, status):
    answer = tap(event, **data)
    assert answer.status_code == status
    assert "error" in answer.json() if status == 400 else answer.json()["count"] >= 1


def test_a_body_of_another_kind_or_too_large_is_a_4xx(event):
    url = f"/events/{event.slug}/wave/"
    as_json = Client().post(url, '{"tz": 5}', content_type="application/json")
    assert as_json.status_code == 200  # no form fields: a wave without a place
    huge = Client().post(url, {"tz": "x" * 20_000})
    assert huge.status_code == 413
    assert Wave.objects.count() == 1
