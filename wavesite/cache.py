"""Django's Redis cache, made to degrade instead of fail when Redis goes away.

The cache holds only what can be lost: cached pages and rate-limit counters. Everything
that must be right (sign-ups, their uniqueness, emails sent) lives in the database. So when
Redis is unreachable, reads miss, writes are dropped, and counters start again from zero
(limits fail open): pages still render and sign-ups still work. It is logged, at most once
every LOG_EVERY_SECONDS per process, so an outage does not flood the log.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("wavesite.cache")

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
LOG_EVERY_SECONDS = 30.0


class ResilientRedisCache(RedisCache):
    _last_logged = 0.0

    def _degraded(self, operation: str, error: Exception) -> None:
        now = time.monotonic()
        if now - ResilientRedisCache._last_logged >= LOG_EVERY_SECONDS:
            ResilientRedisCache._last_logged = now
            logger.warning("cache unavailable, degrading (%s): %s", operation, error)

    def check(self) -> None:
        """Raise if Redis does not answer: for /healthz, which must see what is hidden here."""
        self._cache.get_client(write=True).ping()

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNAVAILABLE as error:
            self._degraded("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNAVAILABLE as error:
            self._degraded("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNAVAILABLE as error:
            self._degraded("has_key", error)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set(key, value, timeout, version)
        except UNAVAILABLE as error:
            self._degraded("set", error)
            return None

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except UNAVAILABLE as error:
            self._degraded("set_many", error)
            return list(data)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # "Added": a counter then starts at its first value, so limits fail open.
        try:
            return super().add(key, value, timeout, version)
        except UNAVAILABLE as error:
            self._degraded("add", error)
            return True

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNAVAILABLE as error:
            self._degraded("incr", error)
            return delta

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except UNAVAILABLE as error:
            self._degraded("touch", error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except UNAVAILABLE as error:
            self._degraded("delete", error)
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except UNAVAILABLE as error:
            self._degraded("delete_many", error)
            return None
