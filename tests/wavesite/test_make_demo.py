"""The README's demo data: `make demo` on a fresh database, as a newcomer runs it, with no
DEBUG or SECRET_KEY in the environment (the Makefile's development defaults serve)."""

import os
import shutil
import sqlite3
import subprocess

import pytest

from tests.browser.plugin import ROOT

MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="needs make")


def test_make_demo_adds_made_up_participants_on_a_fresh_database(tmp_path):
    database = tmp_path / "demo.sqlite3"
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DEBUG", "SECRET_KEY", "SECRET_KEY_FILE", "REDIS_URL", "MAKEFLAGS"}
        and not name.startswith(("DJANGO_", "PYTEST_"))
    }
    env |= {
        "DATABASE_URL": f"sqlite:///{database}",
        "DEV_SUPERUSER_FILE": str(tmp_path / "dev-superuser"),
        "SITE_URL": "http://127.0.0.1:8031",
    }
    done = subprocess.run(  # noqa: S603 - make, with our own Makefile
        [MAKE, "--no-print-directory", "demo", "N=25"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "Organisers: http://127.0.0.1:8031/admin/" in done.stdout
    with sqlite3.connect(database) as db:
        (generated,) = db.execute(
            "SELECT COUNT(*) FROM events_participant p JOIN events_event e ON e.id = p.event_id"
            " WHERE e.slug = 'sample-wave' AND p.is_generated"
        ).fetchone()
    assert generated == 25
