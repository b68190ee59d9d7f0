"""The limits hold across the worker processes of a real server: gunicorn with three
workers on a SQLite file (the embedded default), then with Redis. Each worker is its own
process, so a counter kept in one process's memory would let three times the limit through."""

import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from events.views.signup import RATE_LIMIT_SECONDS
from tests.processes import app_server, production_env, run_python, sign_up

LIMIT = 30
# The repeated-sign-up limit of events/signups/rules.py: the first email, then three more.
EMAILS_PER_ADDRESS = 1 + 3

EVENT = """
from datetime import timedelta
from django.utils import timezone
from tests.factories import make_event
print(make_event(window_start=timezone.now() + timedelta(days=7)).slug)
"""


def _outside_a_window_edge() -> None:
    """Counts run in fixed windows: a burst across a window's edge would be counted twice
    over. Wait out the last 45 seconds of a window (at most once a test)."""
    left = RATE_LIMIT_SECONDS - time.time() % RATE_LIMIT_SECONDS
    if left < 45:
        time.sleep(left + 1)


@pytest.fixture(params=["database", "redis"])
def server_env(request, static_root, tmp_path):
    """Production settings on a fresh SQLite file, counting in the database (no REDIS_URL:
    the embedded default) or in a private Redis."""
    database = tmp_path / "db.sqlite3"
    env = production_env(
        static_root,
        DATABASE_URL=f"sqlite:///{database}",
        WEB_CONCURRENCY="3",
        TRUSTED_PROXY_COUNT="1",
        SIGNUP_RATE_LIMIT=str(LIMIT),
        SITE_URL="http://127.0.0.1",
    )
    if request.param == "redis":
        env["REDIS_URL"] = request.getfixturevalue("private_redis")[0]
    for step in (("manage.py", "migrate", "--no-input"), ("manage.py", "shell", "-c", EVENT)):
        result = run_python(*step, env=env)
        assert result.returncode == 0, result.stderr
    return env, database, result.stdout.strip().splitlines()[-1]


def _count(database, sql: str) -> int:
    with sqlite3.connect(database) as db:
        return db.execute(sql).fetchone()[0]


def test_three_workers_let_exactly_the_limit_through(server_env, tmp_path):
    env, database, slug = server_env
    with app_server(env, tmp_path / "gunicorn.log") as base:
        _outside_a_window_edge()
        with ThreadPoolExecutor(max_workers=9) as pool:
            # one address, many people at once, spread over the three workers
            statuses = list(
                pool.map(
                    lambda n: sign_up(base, slug, f"crowd{n}@example.com", "10.1.1.1"),
                    range(LIMIT + 15),
                )
            )
            assert statuses.count(303) == LIMIT
            assert statuses.count(429) == 15
            assert _count(database, "SELECT count(*) FROM events_participant") == LIMIT

            # one inbox, twenty sign-ups at once from twenty addresses: four emails
            statuses = list(
                pool.map(
                    lambda n: sign_up(base, slug, "target@example.com", f"10.2.2.{n + 1}"),
                    range(20),
                )
            )
            assert set(statuses) == {303}
    emails = _count(
        database,
        "SELECT count(*) FROM events_emaildelivery JOIN events_participant "
        "ON events_participant.id = participant_id WHERE email = 'target@example.com'",
    )
    assert emails == EMAILS_PER_ADDRESS
    log = (tmp_path / "gunicorn.log").read_text()
    assert log.count("Booting worker") == 3
