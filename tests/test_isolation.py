"""A test run proves what it claims (nothing skipped where everything must run) and keeps to
itself (its own test database, its own Redis database)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import on_postgres
from tests.isolation import claim_redis_database

ROOT = Path(__file__).resolve().parent.parent


def run_alone(tmp_path: Path, env: dict) -> subprocess.CompletedProcess:
    """pytest on one file that skips a test, with only tests/isolation.py loaded."""
    (tmp_path / "test_skips.py").write_text(
        "import pytest\n\ndef test_skipped():\n    pytest.skip('no server here')\n"
    )
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    return subprocess.run(  # noqa: S603 - our own interpreter and pytest
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.isolation", "-p", "no:django",
         "-p", "no:cacheprovider", "-c", str(tmp_path / "pytest.ini"), str(tmp_path)],
        cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        check=False,
    )  # fmt: skip


def test_a_skip_fails_the_run_where_everything_must_run(tmp_path):
    quiet = {key: value for key, value in os.environ.items() if key != "WAVESITE_REQUIRE_ALL"}
    quiet.pop("REDIS_URL", None)
    assert run_alone(tmp_path, quiet).returncode == 0
    strict = run_alone(tmp_path, {**quiet, "WAVESITE_REQUIRE_ALL": "1"})
    assert strict.returncode == 1
    assert "nothing may be skipped here: no server here" in strict.stdout


@pytest.mark.django_db
def test_the_test_database_carries_this_runs_process_id():
    if not on_postgres():
        pytest.skip("SQLite tests run on an in-memory database of their own")
    name = connection.settings_dict["NAME"]
    assert name.startswith("test_")
    assert name.endswith(f"_run{os.getpid()}")


def test_a_second_run_on_the_same_redis_database_is_refused():
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("runs when REDIS_URL is set")
    # This run holds the database already (tests/isolation.py): another claim must give way.
    with pytest.raises(pytest.exit.Exception, match="Another test run is using Redis database"):
        claim_redis_database(url)
