"""Rendered public pages kept in the cache, per event, zone and language (the key says which).

A key carries the event's `updated_at`, which every change to the event or to one of its
announcements moves (events/signals.py), so a change is seen at once on every app server
that shares the cache. A page is also re-rendered when something time-driven happens: its
`valid_until` is the earliest of its lifetime, a scheduled announcement's publication and
the window's start or end. The participant count therefore lags by at most the lifetime.

A cached page is the same for everyone who asks for its address: it holds no CSRF token
(a form on it asks for one: static/js/signup.js), no flash message and nothing from a
cookie, so a cache in front (nginx's proxy_cache, a CDN) may serve it too.
"""

import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.http import http_date

from events.models import Event

# In every page key: a CachedPage of another shape (from the release before, still in a
# shared Redis during a rolling deploy) is another key, never a page without its `body`.
PAGE_FORMAT = 2


@dataclass(frozen=True)
class CachedPage:
    # The page encoded once, when rendered: a page served from the cache is written as it
    # is kept (31 KB of event page would otherwise be encoded again for every visitor).
    body: bytes
    rendered_at: datetime
    valid_until: datetime
    # A digest of the HTML, made once when rendered: the ETag's basis.
    digest: str = ""

    @classmethod
    def of(cls, html: str, rendered_at: datetime, valid_until: datetime) -> "CachedPage":
        body = html.encode()
        return cls(body, rendered_at, valid_until, hashlib.sha256(body).hexdigest()[:24])


@dataclass(frozen=True)
class EventVersion:
    """What a cached page's key needs of its event, without a database query."""

    pk: int
    updated_at: datetime
    is_published: bool


# How long an event's version is trusted from the cache. A change deletes it at once
# (events/signals.py); where each process has its own cache (no REDIS_URL) the other
# processes see the change within this time.
EVENT_VERSION_LIFETIME = 5


def event_version_key(slug: str) -> str:
    """The cache key under which an event's version is kept (hashed: any length of slug)."""
    return f"event-version:{hashlib.sha256(slug.encode()).hexdigest()[:32]}"


def event_version(slug: str) -> EventVersion | None:
    """The event's version from the cache, or from one small query; None if no such event."""
    key = event_version_key(slug)
    version = cache.get(key)
    if isinstance(version, EventVersion):
        return version
    row = Event.objects.filter(slug=slug).values_list("pk", "updated_at", "status").first()
    if row is None:
        return None  # not kept: random addresses must not fill the cache
    version = EventVersion(row[0], row[1], row[2] == Event.Status.PUBLISHED)
    cache.set(key, version, EVENT_VERSION_LIFETIME)
    return version


def forget_event_version(slug: str) -> None:
    cache.delete(event_version_key(slug))


def slot_start(now: datetime, slot: timedelta) -> datetime:
    """The start of the time slot `now` is in; slots are aligned to the epoch, so every
    app server agrees on them."""
    seconds = slot.total_seconds()
    return datetime.fromtimestamp(now.timestamp() // seconds * seconds, tz=UTC)


def page_key(kind: str, event: "Event | EventVersion", *parts: str) -> str:
    """A cache key for one rendering of an event's page, in the active language; long or odd
    parts are hashed."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    raw = "|".join([kind, str(event.pk), event.updated_at.isoformat(), language, *parts])
    return f"page{PAGE_FORMAT}:{kind}:{event.pk}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"


def cached_page(key: str, now: datetime) -> CachedPage | None:
    """The page kept under `key` if there is one still valid at `now`."""
    if not settings.PAGE_CACHE:
        return None
    page = cache.get(key)
    if isinstance(page, CachedPage) and now < page.valid_until:
        return page
    return None


def store_page(key: str, now: datetime, html: str, valid_until: datetime) -> CachedPage:
    page = CachedPage.of(html, now, valid_until)
    if settings.PAGE_CACHE:
        timeout = max(1, int((valid_until - now).total_seconds()) + 1)
        cache.set(key, page, timeout)
    return page


def get_or_render(
    key: str, now: datetime, render: Callable[[], tuple[str, datetime]]
) -> CachedPage:
    """The cached page under `key` if still valid at `now`, else a fresh rendering.

    `render` returns the HTML and the instant until which it stays true.
    """
    if page := cached_page(key, now):
        return page
    return store_page(key, now, *render())


def is_shareable(request: HttpRequest) -> bool:
    """False when the page would carry something for this visitor alone (a flash message).

    Without a session or a messages cookie there can be no message, and the storage is not
    even looked at: looking would mark the session as read, and Django would then add
    `Vary: Cookie`, which makes a cache in front keep one copy per visitor."""
    storage = getattr(request, "_messages", None)
    if storage is not None and getattr(storage, "_queued_messages", None):
        return False  # added while handling this very request
    if not any(name in request.COOKIES for name in (settings.SESSION_COOKIE_NAME, "messages")):
        return True
    return len(get_messages(request)) == 0


def shared_context(request: HttpRequest) -> dict:
    """Context for a page everyone shares: no flash messages and an anonymous visitor, so
    rendering it reads neither the session nor the CSRF cookie (a public page's HTML is a
    function of its address alone; forms on it fetch their token: static/js/signup.js)."""
    return {"messages": (), "user": AnonymousUser(), "csrf_token": ""}


# How long a shared cache in front (nginx's proxy_cache, a CDN) may serve a public page
# without asking again: short, as the participant count moves, and never past the moment
# the page changes (its `valid_until`). Browsers ask every time (max-age=0): the answer is
# usually a 304 from the page cache, and an organiser sees their change at once.
SHARED_MAX_AGE = 10


def public_cache_control(seconds_left: float | None = None) -> str:
    """A cache in front may keep the page for what is left of its time slot, rounded up: in
    a slot's last second, s-maxage=0 would send every request of that second to the app.
    At worst a page is kept for less than a second past its slot."""
    shared = (
        SHARED_MAX_AGE
        if seconds_left is None
        else max(0, min(math.ceil(seconds_left), SHARED_MAX_AGE))
    )
    return f"public, max-age=0, s-maxage={shared}"


def page_response(
    request: HttpRequest, page: CachedPage, *, now: datetime, private: bool = False
) -> HttpResponse:
    """The page with validators: Last-Modified is when it was rendered, and the ETag names
    that rendering. ConditionalGetMiddleware answers 304 from these. A public page may be
    kept by a cache in front for a few seconds (public_cache_control)."""
    response = HttpResponse(page.body)
    if private:
        response["Cache-Control"] = "private, no-cache"
    else:
        response["Cache-Control"] = public_cache_control((page.valid_until - now).total_seconds())
    response["ETag"] = f'"{page.digest}"'
    response["Last-Modified"] = http_date(page.rendered_at.timestamp())
    return response
