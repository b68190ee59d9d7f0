"""How often one client may do something: counters in Django's cache, shared by every app
server once the cache is Redis.

A fixed window per key: the first hit creates the counter with `cache.add` (atomic: only
one server wins), later hits `cache.incr` it (atomic in Redis and in local memory). A
burst straddling two windows can reach twice the limit; for stopping floods that is fine.
If the cache is down the limit is not enforced: people can still sign up. (django-redis,
told to ignore a Redis outage, answers None to `add` and `incr` then.)
"""

import hashlib
import logging
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


def hit(scope: str, identity: str, rate: Rate) -> Verdict:
    """Count one attempt by `identity` (an address, an email) at `scope`; say whether it
    is within `rate`. The identity is hashed: cache keys carry no personal data."""
    now = timezone.now().timestamp()
    window = int(now // rate.seconds)
    digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{digest}:{window}"
    retry_after = max(1, int((window + 1) * rate.seconds - now))
    try:
        count = _count(key, rate)
    except Exception:
        count = None
        logger.warning("rate limit %s not checked: the cache is unavailable", scope, exc_info=True)
    if count is None:  # the cache is unavailable: let it through
        return Verdict(allowed=True, retry_after=0)
    if count > rate.count:
        return Verdict(allowed=False, retry_after=retry_after)
    return Verdict(allowed=True, retry_after=0)


def _count(key: str, rate: Rate) -> int | None:
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
