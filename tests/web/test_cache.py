"""With REDIS_URL the cache is django-redis, set to degrade instead of fail when Redis is
unreachable: pages and sign-ups go on, rate limits are not enforced, the log and /healthz
say so."""

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.cache import cache, caches

ROOT = Path(__file__).resolve().parents[2]

# The cache as settings.py configures it for REDIS_URL, in a fresh interpreter (settings are
# read once, at start); every call is timed.
PROBE = """
import json, sys, time
import django
django.setup()
from django.core.cache import cache, caches
from events.signups.limits import Rate, hit
from events.web.health import check_health

calls = {
    "get": lambda: cache.get("page", "fallback"),
    "get_many": lambda: cache.get_many(["a", "b"]),
    "set": lambda: cache.set("page", "html"),
    "add": lambda: cache.add("counter", 1, 60),
    "incr": lambda: cache.incr("counter"),
    "delete": lambda: cache.delete("page"),
    "limit_allows": lambda: [hit("probe", "192.0.2.1", Rate(1, 60)).allowed for _ in range(3)],
    "health_cache": lambda: check_health(5000).checks["cache"],
}
answers, slowest = {}, 0.0
for name in sys.argv[1:]:
    start = time.monotonic()
    answers[name] = calls[name]()
    slowest = max(slowest, time.monotonic() - start)
answers["backend"] = type(caches["default"]).__module__ + "." + type(caches["default"]).__name__
answers["slowest"] = slowest
print(json.dumps(answers))
"""


def probe(redis_url: str, *calls: str) -> tuple[dict, str]:
    """(what the cache answered to `calls`, what was logged) with REDIS_URL=redis_url."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wavesite.settings",
        "DEBUG": "True",
        "REDIS_URL": redis_url,
    }
    result = subprocess.run(  # noqa: S603 - this interpreter, our own script
        [sys.executable, "-c", PROBE, *calls],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


def test_with_redis_refusing_reads_miss_writes_drop_and_limits_let_people_through():
    # Port 1 on loopback: nothing listens, the connection is refused at once.
    answers, log = probe(
        "redis://127.0.0.1:1/0",
        *("get", "get_many", "set", "add", "incr", "delete", "limit_allows", "health_cache"),
    )
    assert answers["backend"] == "django_redis.cache.RedisCache"
    assert answers["get"] == "fallback"
    assert answers["get_many"] == {}
    assert answers["set"] is None
    assert answers["add"] is None  # neither "added" nor "already there": not asked
    assert answers["incr"] is None
    assert not answers["delete"]
    assert answers["limit_allows"] == [True, True, True]  # a limit of 1 is not enforced
    assert answers["health_cache"] == "error: ConnectionError"
    # every one of those calls failed; the log says so once, with the reason
    assert log.count("django_redis.cache: Exception ignored") == 1
    assert "Connection refused" in log


@pytest.fixture
def hung_redis():
    """A server that takes connections and never answers (a Redis stuck or a dead link)."""
    listener = socket.create_server(("127.0.0.1", 0))
    held = []

    def accept() -> None:
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    listener.close()
    for connection in held:
        connection.close()


def test_a_hung_redis_costs_each_call_half_a_second_at_most(hung_redis):
    answers, _ = probe(hung_redis, "get", "add")
    assert (answers["get"], answers["add"]) == ("fallback", None)
    assert answers["slowest"] < 1.0  # SOCKET_TIMEOUT 0.5 s, and no retries


def test_the_configured_redis_cache_is_shared_and_counts():
    if not os.environ.get("REDIS_URL"):
        pytest.skip("runs when REDIS_URL is set")
    from django_redis.cache import RedisCache

    assert isinstance(caches["default"], RedisCache)
    cache.set("greeting", "wave", 10)
    assert cache.get("greeting") == "wave"
    assert cache.add("counter", 1, 10) is True
    assert cache.add("counter", 1, 10) is False
    assert cache.incr("counter") == 2
    with pytest.raises(ValueError):
        cache.incr("no-such-counter")  # events/signups/limits.py relies on it


def test_with_redis_counters_are_atomic_across_threads():
    if not os.environ.get("REDIS_URL"):
        pytest.skip("runs when REDIS_URL is set")
    winners = []
    barrier = threading.Barrier(8)

    def race() -> None:
        barrier.wait()
        if cache.add("race", 1, 10):
            winners.append(1)
        else:
            cache.incr("race")

    threads = [threading.Thread(target=race) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(winners) == 1
    assert cache.get("race") == 8
