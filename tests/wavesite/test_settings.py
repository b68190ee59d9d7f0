"""The site's set-up: settings from the environment, the time zone data, seeding."""

import os
import subprocess
import sys
import zoneinfo
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path

import pytest
import pytz
import tzdata
from django.core.management import call_command

from events.models import Announcement, Event

ROOT = Path(__file__).resolve().parent.parent


def load_settings(**env) -> subprocess.CompletedProcess:
    """Import wavesite.settings in a fresh interpreter with exactly `env` (plus PATH)."""
    code = (
        "import json, wavesite.settings as s; "
        "print(json.dumps({'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, "
        "'engine': s.DATABASES['default']['ENGINE'], 'name': s.DATABASES['default']['NAME'], "
        "'key': s.SECRET_KEY}))"
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = load_settings(DEBUG="False", ALLOWED_HOSTS="wave.example")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = load_settings(DEBUG="False", SECRET_KEY="s" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_debug_must_be_a_boolean():
    result = load_settings(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be True or False, not 'maybe'" in result.stderr


def test_production_settings_come_from_the_environment(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text("k" * 50 + "\n")
    result = load_settings(
        DEBUG="False",
        SECRET_KEY_FILE=str(key_file),
        ALLOWED_HOSTS="wave.example, www.wave.example",
        DATABASE_URL="postgres://u:p@db.example:5432/waves",
    )
    assert result.returncode == 0, result.stderr
    assert '"debug": false' in result.stdout
    assert '"hosts": ["wave.example", "www.wave.example"]' in result.stdout
    assert '"engine": "django.db.backends.postgresql"' in result.stdout
    assert '"name": "waves"' in result.stdout
    assert '"key": "' + "k" * 50 + '"' in result.stdout


def test_development_defaults_to_sqlite_and_a_development_key():
    result = load_settings(DEBUG="True")
    assert result.returncode == 0, result.stderr
    assert '"engine": "django.db.backends.sqlite3"' in result.stdout
    assert "django-insecure-development-key" in result.stdout


def test_zoneinfo_and_pytz_use_the_same_pinned_iana_release():
    assert zoneinfo.TZPATH == ()  # the system's zone files are not consulted
    assert pytz.OLSON_VERSION == tzdata.IANA_VERSION


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


# --- seeding ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_creates_the_real_2013_events_and_a_future_sample(set_now):
    now = set_now(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    call_command("seed_events", stdout=StringIO())
    cassini = Event.objects.get(slug="wave-at-saturn-2013")
    assert (cassini.spacecraft, cassini.target) == ("Cassini", "Saturn")
    assert cassini.window_start == datetime(2013, 7, 19, 21, 27, tzinfo=UTC)
    assert cassini.window_end == datetime(2013, 7, 19, 21, 42, tzinfo=UTC)
    assert cassini.reported_participants == 20_000
    assert cassini.target_body == "saturn barycenter"
    assert cassini.camera_start == datetime(2013, 7, 19, 22, 47, 13, tzinfo=UTC)
    assert cassini.camera_end == datetime(2013, 7, 19, 23, 1, 56, tzinfo=UTC)
    assert 1.43e9 < cassini.distance_km < 1.45e9
    messenger = Event.objects.get(slug="messenger-earth-moon-2013")
    assert (messenger.spacecraft, messenger.target) == ("MESSENGER", "Mercury")
    assert messenger.target_body == "mercury"
    assert messenger.window_start == datetime(2013, 7, 19, 11, 49, tzinfo=UTC)
    assert messenger.window_end == datetime(2013, 7, 19, 13, 41, tzinfo=UTC)
    assert "three frames" in messenger.description
    sample = Event.objects.get(is_sample=True)
    assert sample.window_start > now + timedelta(days=7)
    assert sample.title.startswith("Sample")
    assert all(event.is_published for event in Event.objects.all())
    assert Announcement.objects.filter(event=cassini).count() == 1


@pytest.mark.django_db
def test_seeding_twice_changes_nothing(set_now):
    set_now(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    call_command("seed_events", stdout=StringIO())
    cassini = Event.objects.get(slug="wave-at-saturn-2013")
    cassini.title = "Wave at Saturn (edited by an organiser)"
    cassini.save()
    before = list(Event.objects.order_by("pk").values())
    set_now(datetime(2026, 12, 25, 9, 0, tzinfo=UTC))
    out = StringIO()
    call_command("seed_events", stdout=out)
    assert list(Event.objects.order_by("pk").values()) == before
    assert Announcement.objects.count() == 1
    assert out.getvalue().count("already there, unchanged") == 3
