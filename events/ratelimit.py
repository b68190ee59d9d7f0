"""How often one client may do something: counters in Django's cache, shared by every app
server once the cache is Redis.

A fixed window per key: the first hit creates the counter with `cache.add` (atomic: only
one server wins), later hits `cache.incr` it (atomic in Redis and in local memory). A
burst straddling two windows can reach twice the limit; for stopping floods that is fine.
If the cache is down the limit is not enforced: people can still sign up.
"""

import hashlib
import ipaddress
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

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


def client_address(meta: Mapping[str, str], trusted_proxy_count: int) -> str:
    """The client's IP address as the rate limits see it.

    With no trusted proxy, REMOTE_ADDR. Behind `trusted_proxy_count` proxies, each of which
    appends the address it received from to X-Forwarded-For, the client is that many
    entries from the right; entries further left were written by the client and are
    ignored. A header shorter than that (a request that bypassed a proxy) falls back to
    REMOTE_ADDR. IPv6 addresses are cut to their /64: one household or one server gets a
    whole /64 and could otherwise step through it.
    """
    remote = meta.get("REMOTE_ADDR", "")
    candidate = remote
    if trusted_proxy_count > 0:
        forwarded = [entry.strip() for entry in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [entry for entry in forwarded if entry]
        if len(forwarded) >= trusted_proxy_count:
            candidate = forwarded[-trusted_proxy_count]
    try:
        address = ipaddress.ip_address(candidate)
    except ValueError:
        return remote or "unknown"
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def hit(scope: str, identity: str, rate: Rate) -> Verdict:
    """Count one attempt by `identity` (an address, an email) at `scope`; say whether it
    is within `rate`. The identity is hashed: cache keys carry no personal data."""
    now = timezone.now().timestamp()
    window = int(now // rate.seconds)
    digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{digest}:{window}"
    retry_after = max(1, int((window + 1) * rate.seconds - now))
    try:
        if cache.add(key, 1, timeout=rate.seconds + 1):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:
                # The counter expired between add() and incr(): this hit starts a new one.
                cache.add(key, 1, timeout=rate.seconds + 1)
                count = 1
    except Exception:
        logger.warning("rate limit %s not checked: the cache is unavailable", scope, exc_info=True)
        return Verdict(allowed=True, retry_after=0)
    if count > rate.count:
        return Verdict(allowed=False, retry_after=retry_after)
    return Verdict(allowed=True, retry_after=0)
