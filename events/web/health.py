"""Is this app server fit to serve? The database, the cache and the task queue's backlog."""

import logging
import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django_redis import get_redis_connection

logger = logging.getLogger(__name__)


@dataclass
class Health:
    checks: dict[str, str] = field(default_factory=dict)
    task_backlog: int | None = None

    @property
    def is_healthy(self) -> bool:
        return all(state == "ok" for state in self.checks.values())

    def as_dict(self) -> dict:
        return {
            "status": "ok" if self.is_healthy else "unavailable",
            **self.checks,
            "task_backlog": self.task_backlog,
        }


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    try:
        redis = get_redis_connection()
    except NotImplementedError:
        pass  # not Redis: local memory
    else:
        # The cache hides a Redis outage from its callers (IGNORE_EXCEPTIONS): ask Redis.
        redis.ping()
    key, token = "healthz", uuid.uuid4().hex
    cache.set(key, token, 10)
    return "ok" if cache.get(key) == token else "cache does not keep values"


def _task_backlog() -> int:
    # The app's one read of django-tasks-db's table, kept on purpose: Django's Tasks API has
    # no "how many are waiting", and our own rows know only emails, not the other tasks
    # (mosaics, broadcast plans). The table is the backend's storage, which its admin
    # lists; a read-only count, and if it ever changes /healthz says "tasks: error".
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.ready().count()


def check_health(max_backlog: int) -> Health:
    """Run every check; one failing never stops the others, and none raises."""
    health = Health()
    for name, check in (("database", _check_database), ("cache", _check_cache)):
        try:
            health.checks[name] = check()
        except Exception as error:  # any failure means "unhealthy", said in words
            logger.warning("health check %s failed: %s", name, error)
            health.checks[name] = f"error: {type(error).__name__}"
    if health.checks["database"] == "ok":
        try:
            health.task_backlog = _task_backlog()
            health.checks["tasks"] = (
                "ok" if health.task_backlog <= max_backlog else "backlog too long"
            )
        except Exception as error:
            logger.warning("health check tasks failed: %s", error)
            health.checks["tasks"] = f"error: {type(error).__name__}"
    else:
        health.checks["tasks"] = "unknown: no database"
    return health
