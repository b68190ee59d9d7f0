"""/healthz: is this app server fit to serve (the database, the cache, the task backlog)?"""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


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


def test_healthz_is_503_when_the_cache_fails(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis went away")

    monkeypatch.setattr("events.web.health.cache.set", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["cache"] == "error: ConnectionError"
    assert response.json()["database"] == "ok"


def test_healthz_is_503_when_the_task_backlog_is_too_long(client):
    from django_tasks_db.models import DBTaskResult  # noqa: F401 - the queue's table exists

    with override_settings(HEALTH_MAX_TASK_BACKLOG=-1):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["tasks"] == "backlog too long"
