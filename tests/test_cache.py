"""The Redis cache degrades instead of failing when Redis is unreachable."""

import logging

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from wavesite.cache import ResilientRedisCache


@pytest.fixture
def dead_redis():
    # Port 1 on loopback: nothing listens, the connection is refused at once.
    return ResilientRedisCache(
        "redis://127.0.0.1:1/0",
        {"OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}},
    )


def test_reads_miss_and_writes_are_dropped_when_redis_is_down(dead_redis, caplog):
    caplog.set_level(logging.WARNING, logger="wavesite.cache")
    ResilientRedisCache._last_logged = 0.0
    assert dead_redis.get("page", "fallback") == "fallback"
    assert dead_redis.get_many(["a", "b"]) == {}
    assert dead_redis.set("page", "html") is None
    assert dead_redis.has_key("page") is False
    assert dead_redis.delete("page") is False
    assert "cache unavailable, degrading (get)" in caplog.text
    assert caplog.text.count("cache unavailable") == 1  # not once per call


def test_counters_fail_open_when_redis_is_down(dead_redis):
    assert dead_redis.add("limit:1.2.3.4", 1, 60) is True
    assert dead_redis.incr("limit:1.2.3.4") == 1


def test_the_configured_redis_cache_is_shared_and_counts():
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        pytest.skip("runs when REDIS_URL is set")
    assert isinstance(cache, ResilientRedisCache)
    cache.set("greeting", "wave", 10)
    assert cache.get("greeting") == "wave"
    assert cache.add("counter", 1, 10) is True
    assert cache.add("counter", 1, 10) is False
    assert cache.incr("counter") == 2
