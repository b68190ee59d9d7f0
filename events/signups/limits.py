"""How often one client may do something, counted where every app server sees the count.

A fixed window per key: a burst straddling two windows can reach twice the limit; for
stopping floods that is fine. The counter lives in one of two stores
(`settings.RATE_LIMIT_STORE`):

- "cache": Django's cache, when it is Redis (REDIS_URL). The first hit creates the counter
  with `cache.add` (atomic: one server wins), later hits `cache.incr` it (atomic in Redis).
- "database": the LimitCounter table, the default without Redis. One statement adds the
  hit and reads the count back (INSERT … ON CONFLICT DO UPDATE … RETURNING, in SQLite and
  PostgreSQL alike), so every gunicorn worker of a server counts the same hits. A local-
  memory cache could not: each worker would keep its own counters.

If the store is unavailable the limit is not enforced: people can still sign up.
(django-redis, told to ignore a Redis outage, answers None to `add` and `incr` then.)
"""

import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from events.models import LimitCounter

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rate:
    """At most `count` hits per `seconds`."""

    count: int
    seconds: int


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the current window ends; 0 when allowed


def hit(scope: str, identity: str, rate: Rate) -> Verdict:
    """Count one attempt by `identity` (an address, an email) at `scope`; say whether it
    is within `rate`. The identity is hashed: counter keys carry no personal data."""
    now = timezone.now().timestamp()
    window = int(now // rate.seconds)
    digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{digest}:{window}"
    window_end = (window + 1) * rate.seconds
    retry_after = max(1, int(window_end - now))
    count_in = _count_in_database if settings.RATE_LIMIT_STORE == "database" else _count_in_cache
    try:
        count = count_in(key, rate, window_end)
    except Exception:
        count = None
        logger.warning("rate limit %s not checked: the store is unavailable", scope, exc_info=True)
    if count is None:  # the store is unavailable: let it through
        return Verdict(allowed=True, retry_after=0)
    if count > rate.count:
        return Verdict(allowed=False, retry_after=retry_after)
    return Verdict(allowed=True, retry_after=0)


def _count_in_cache(key: str, rate: Rate, window_end: float) -> int | None:
    """This hit's number in its window; None if the cache could not be asked."""
    added = cache.add(key, 1, timeout=rate.seconds + 1)
    if added is None:
        return None
    if added:
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        # The counter expired between add() and incr(): this hit starts a new one.
        cache.add(key, 1, timeout=rate.seconds + 1)
        return 1


def _count_in_database(key: str, rate: Rate, window_end: float) -> int:
    """This hit's number in its window, counted in one atomic statement.

    In a savepoint, so that a failure here never spoils a caller's transaction (the
    repeated-sign-up limit is counted inside the sign-up's). Now and then a hit also
    clears away the windows that have ended.
    """
    table, key_, count_, expires_ = (
        connection.ops.quote_name(name)
        for name in (LimitCounter._meta.db_table, "key", "count", "expires")
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key_}, {count_}, {expires_}) VALUES (%s, 1, %s) "  # noqa: S608
            f"ON CONFLICT ({key_}) DO UPDATE SET {count_} = {table}.{count_} + 1 "
            f"RETURNING {count_}",
            [key, int(window_end) + 1],
        )
        (count,) = cursor.fetchone()
    _clear_ended_windows()
    return count


# When this process last cleared away ended windows (a monotonic clock, in seconds).
_last_cleared = float("-inf")
CLEAR_EVERY = 60


def _clear_ended_windows() -> None:
    """Delete the counters of windows that have ended, at most once a minute per process:
    a crowd from many addresses starts a new counter with nearly every hit, and a DELETE
    with each would double the writes."""
    global _last_cleared
    now = time.monotonic()
    if now - _last_cleared < CLEAR_EVERY:
        return
    _last_cleared = now
    LimitCounter.objects.filter(expires__lt=int(timezone.now().timestamp())).delete()
