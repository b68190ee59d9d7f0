from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

# The browser suite's report header and skip rules (tests/browser/plugin.py) must be known
# before collection starts.
pytest_plugins = ["tests.browser.plugin"]

# The July 2013 session, and a "now" well after it, for pages that depend on the time.
CASSINI_START = datetime(2013, 7, 19, 21, 27, tzinfo=UTC)
CASSINI_END = datetime(2013, 7, 19, 21, 42, tzinfo=UTC)


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    cache_backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    lines = [f"cache: {cache_backend}"]
    if engine == "sqlite3":
        lines.insert(
            0,
            "database: SQLite (the embedded default). For PostgreSQL and Redis: "
            "scripts/services.sh, then DATABASE_URL=postgres://wavesite:wavesite@127.0.0.1:5432/"
            "wavesite REDIS_URL=redis://127.0.0.1:6379/0 make test",
        )
    else:
        lines.insert(0, f"database: {engine}")
    return lines


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache (with Redis, the same server serves all tests)."""
    cache.clear()
    yield


@pytest.fixture
def set_now(monkeypatch):
    """Move the clock of the code under test: set_now(datetime) fixes timezone.now()."""

    def move(moment: datetime) -> datetime:
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
        return moment

    return move


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…)")
