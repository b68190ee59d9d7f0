"""Production mode: deploy checks, security headers, static files, outage and health pages."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import override_settings

from tests.factories import make_event

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "False",
    "SECRET_KEY": "a-real-production-key-4f9c2d7e1b8a6f3e9d0c5b7a2e8f1d4c6b9a3e7f",
    "ALLOWED_HOSTS": "wave.example",
    "CSRF_TRUSTED_ORIGINS": "https://wave.example",
    "BEHIND_PROXY": "True",
}


def manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


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


@pytest.mark.django_db
def test_every_page_carries_the_security_headers(client):
    event = make_event()
    for url in ("/", event.get_absolute_url(), f"/events/{event.slug}/times/", "/nope/"):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp
        assert "style-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert "http" not in csp  # no third-party origin
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_public_pages_have_no_inline_script_or_style(client):
    event = make_event()
    for url in ("/", event.get_absolute_url(), f"/events/{event.slug}/times/"):
        html = client.get(url).content.decode()
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == [], url
        assert re.findall(r"<style\b", html) == [], url
        assert re.findall(r"\sstyle=", html) == [], url
        assert re.findall(r"\son[a-z]+=", html) == [], url


@pytest.mark.django_db
def test_database_outage_gives_a_friendly_503(client, monkeypatch):
    event = make_event()

    def gone(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr("events.views.pages.event_for_visitor", gone)
    response = client.get(event.get_absolute_url())
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Back in a moment" in response.content.decode()
    assert "Traceback" not in response.content.decode()


@pytest.mark.django_db
def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "tasks": "ok",
        "task_backlog": 0,
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_503_when_the_cache_fails(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis went away")

    monkeypatch.setattr("events.web.health.cache.set", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["cache"] == "error: ConnectionError"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_healthz_is_503_when_the_task_backlog_is_too_long(client):
    from django_tasks_db.models import DBTaskResult  # noqa: F401 - the queue's table exists

    with override_settings(HEALTH_MAX_TASK_BACKLOG=-1):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["tasks"] == "backlog too long"
