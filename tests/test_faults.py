"""Faults survived with real processes: the database or Redis goes away mid-run.

These run against PostgreSQL (the CI run with DATABASE_URL): an app server in another
process needs a database it can share with the test, which SQLite's in-memory test
database is not.
"""

import pytest
from django.db import connection

from tests.factories import make_event
from tests.processes import (
    TcpProxy,
    app_server,
    collectstatic,
    http_get,
    production_env,
    redis_server,
    wait_until,
)

pytestmark = [pytest.mark.usefixtures("postgres_only"), pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    collectstatic(root)
    return root


def database_url(port: int) -> str:
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@127.0.0.1:{port}/{settings['NAME']}"
    )


def test_database_outage_gives_503_then_recovers_by_itself(static_root, tmp_path):
    event = make_event()
    proxy = TcpProxy(int(connection.settings_dict["PORT"] or 5432)).start()
    env = production_env(static_root, DATABASE_URL=database_url(proxy.port))
    try:
        with app_server(env, tmp_path / "gunicorn.log") as base:
            page = f"{base}{event.get_absolute_url()}"
            assert http_get(page)[0] == 200

            proxy.stop()  # the database goes away mid-run
            status, body = http_get(page)
            assert status == 503
            assert "Back in a moment" in body
            assert "Traceback" not in body
            assert http_get(f"{base}/healthz")[0] == 503

            proxy.start()  # and comes back: no restart of the app server
            wait_until(lambda: http_get(page)[0] == 200, 15, what="page served again")
            assert http_get(f"{base}/healthz")[0] == 200
        assert "database unavailable" in (tmp_path / "gunicorn.log").read_text()
    finally:
        proxy.stop()


def test_redis_outage_pages_still_render_and_it_is_logged(static_root, tmp_path):
    event = make_event()
    try:
        redis = redis_server()
        url, process = redis.__enter__()
    except FileNotFoundError as missing:
        pytest.skip(str(missing))
    try:
        env = production_env(
            static_root,
            DATABASE_URL=database_url(int(connection.settings_dict["PORT"] or 5432)),
            REDIS_URL=url,
        )
        with app_server(env, tmp_path / "gunicorn.log") as base:
            page = f"{base}{event.get_absolute_url()}"
            assert http_get(page)[0] == 200
            assert http_get(f"{base}/healthz")[0] == 200

            process.kill()  # Redis goes away
            process.wait(timeout=10)
            status, body = http_get(page)
            assert status == 200
            assert event.title in body
            assert http_get(f"{base}/events/{event.slug}/times/")[0] == 200
            # healthz tells the operator, with the reason
            status, body = http_get(f"{base}/healthz")
            assert status == 503
            assert '"cache": "error' in body
        assert "cache unavailable, degrading" in (tmp_path / "gunicorn.log").read_text()
    finally:
        redis.__exit__(None, None, None)
