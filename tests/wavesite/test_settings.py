"""The site's settings: read from the environment, refusing to start without what
production needs, clean under Django's deploy checks; static files, the pinned time zone
data, and migrations that match the models."""

import json
import re
import subprocess
import zoneinfo
from io import StringIO

import pytest
import pytz
import tzdata
from django.core.management import call_command

from tests.processes import run_python

PRODUCTION_ENV = {
    "DEBUG": "False",
    "SECRET_KEY": "a-real-production-key-4f9c2d7e1b8a6f3e9d0c5b7a2e8f1d4c6b9a3e7f",
    "ALLOWED_HOSTS": "wave.example",
    "CSRF_TRUSTED_ORIGINS": "https://wave.example",
    "BEHIND_PROXY": "True",
}


def load_settings(**env) -> subprocess.CompletedProcess:
    """Import wavesite.settings in a fresh interpreter with exactly `env` (plus PATH)."""
    code = (
        "import json, wavesite.settings as s; "
        "print(json.dumps({'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, "
        "'engine': s.DATABASES['default']['ENGINE'], 'name': s.DATABASES['default']['NAME'], "
        "'key': s.SECRET_KEY}))"
    )
    return run_python("-c", code, env=env, timeout=60)


def manage(*args, env) -> subprocess.CompletedProcess:
    return run_python("manage.py", *args, env=env)


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


# --- production: deploy checks and static files ----------------------------------------


def test_deploy_check_is_clean_with_the_documented_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_complains_about_a_weak_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": "short"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_collectstatic_makes_hashed_and_compressed_files(tmp_path):
    env = {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path)}
    result = manage("collectstatic", "--no-input", "-v", "0", env=env)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    hashed = manifest["paths"]["js/localtime.js"]
    assert re.fullmatch(r"js/localtime\.[0-9a-f]{12}\.js", hashed)
    assert (tmp_path / f"{hashed}.gz").exists()
