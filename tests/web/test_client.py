"""Which address a request comes from, behind any number of trusted proxies."""

import pytest

from events.web.client import client_address


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
