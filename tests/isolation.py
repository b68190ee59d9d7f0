"""Rules that make a test run prove what it claims and keep to itself.

- With WAVESITE_REQUIRE_ALL=1 (CI's PostgreSQL + Redis pass) a skipped test fails: a
  missing DATABASE_URL or redis-server must not pass quietly.
- The test database carries this run's process id (test_wavesite_run<pid>), so two runs on
  one PostgreSQL never share, or drop, each other's database.
- A run that uses Redis names its connection after the Redis database it uses, and refuses
  to start while another run holds that name: every test empties the cache (FLUSHDB), which
  would pull the floor from under the other run.

Loaded from tests/conftest.py (`pytest_plugins`).
"""

import os

import pytest

REQUIRE_ALL = "WAVESITE_REQUIRE_ALL"


def everything_must_run() -> bool:
    return os.environ.get(REQUIRE_ALL, "") not in ("", "0")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and everything_must_run() and not hasattr(report, "wasxfail"):
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        reason = str(reason).removeprefix("Skipped: ")
        report.longrepr = f"{REQUIRE_ALL} is set, so nothing may be skipped here: {reason}"


def run_database_name(name: str, run: str) -> str:
    """The test database's name for this run: 'wavesite' → 'test_wavesite_run1234'."""
    return f"test_{name}_{run}"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """pytest-django's hook for renaming test databases before they are created."""
    from django.db import connections

    for alias in connections:
        database = connections[alias].settings_dict
        if database["ENGINE"].endswith("sqlite3"):
            continue  # in memory: a fresh one per run already
        database.setdefault("TEST", {})
        database["TEST"]["NAME"] = run_database_name(database["NAME"], f"run{os.getpid()}")


def claim_redis_database(url: str):
    """A connection named after the Redis database at `url`, held for the whole run; exits
    pytest when another run already holds one."""
    import redis

    client = redis.Redis.from_url(url, single_connection_client=True)
    number = client.connection_pool.connection_kwargs.get("db", 0)
    name = f"wavesite-tests-db{number}"
    message = (
        f"Another test run is using Redis database {number} ({url}); each run empties the "
        "cache, so two cannot share one. Wait for it, or give this run another database "
        f"(REDIS_URL=redis://…/{(number + 1) % 16})."
    )
    if any(other.get("name") == name for other in client.client_list()):
        client.close()
        pytest.exit(message, returncode=4)
    client.client_setname(name)
    # Two runs that started at the same instant: the later connection gives way.
    holders = sorted(
        int(other["id"]) for other in client.client_list() if other.get("name") == name
    )
    if holders[0] != client.client_id():
        client.close()
        pytest.exit(message, returncode=4)
    return client


def pytest_sessionstart(session):
    url = os.environ.get("REDIS_URL")
    if url and not hasattr(session.config, "workerinput"):
        session.config.wavesite_redis_claim = claim_redis_database(url)


def pytest_sessionfinish(session):
    claim = getattr(session.config, "wavesite_redis_claim", None)
    if claim is not None:
        claim.close()
