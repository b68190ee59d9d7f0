"""Rate limits: which address a request comes from, and counting in the shared cache."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache

from events.signups.limits import Rate, hit
from events.web.client import client_address

NOON = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def empty_cache(set_now):
    cache.clear()
    set_now(NOON)


@pytest.mark.parametrize(
    ("meta", "proxies", "expected"),
    [
        ({"REMOTE_ADDR": "192.0.2.1"}, 0, "192.0.2.1"),
        # Without a trusted proxy the header is the client's own words: ignored.
        ({"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}, 0, "192.0.2.1"),
        ({"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}, 1, "203.0.113.5"),
        # A forged entry on the left is passed over.
        (
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.5"},
            1,
            "203.0.113.5",
        ),
        # Two proxies: the load balancer wrote the client, nginx wrote the load balancer.
        (
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4,203.0.113.5, 10.0.0.9"},
            2,
            "203.0.113.5",
        ),
        # Fewer entries than proxies: the request did not come through them.
        ({"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}, 2, "192.0.2.1"),
        ({"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "not-an-ip"}, 1, "10.0.0.2"),
        ({"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": ""}, 1, "10.0.0.2"),
        # One IPv6 household or server has a whole /64.
        ({"REMOTE_ADDR": "2001:db8:1:2:3:4:5:6"}, 0, "2001:db8:1:2::/64"),
        ({"REMOTE_ADDR": "::ffff:192.0.2.1"}, 0, "192.0.2.1"),
        ({}, 0, "unknown"),
    ],
    ids=[
        "remote-addr",
        "header-ignored-without-proxy",
        "one-proxy",
        "forged-left-entry",
        "two-proxies",
        "too-few-entries",
        "garbage-entry",
        "empty-header",
        "ipv6-network",
        "ipv4-mapped",
        "nothing",
    ],
)
def test_client_address(meta, proxies, expected):
    assert client_address(meta, proxies) == expected


def test_a_limit_allows_its_count_then_refuses_until_the_window_ends(set_now):
    rate = Rate(count=3, seconds=600)
    assert [hit("test", "192.0.2.1", rate).allowed for _ in range(4)] == [True] * 3 + [False]
    refused = hit("test", "192.0.2.1", rate)
    assert not refused.allowed
    assert 0 < refused.retry_after <= 600
    assert hit("test", "192.0.2.2", rate).allowed  # someone else
    assert hit("other-scope", "192.0.2.1", rate).allowed  # something else
    set_now(NOON + timedelta(seconds=600))
    assert hit("test", "192.0.2.1", rate).allowed


def test_counter_keys_hold_no_personal_data(monkeypatch):
    keys = []
    monkeypatch.setattr(cache, "add", lambda key, *args, **kwargs: keys.append(key) or True)
    hit("signup-repeat", "ana@example.com", Rate(3, 3600))
    assert "ana" not in keys[0] and "example" not in keys[0]


def test_a_broken_cache_lets_people_through(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "add", broken)
    assert hit("test", "192.0.2.1", Rate(1, 60)).allowed
    assert "not checked: the cache is unavailable" in caplog.text
