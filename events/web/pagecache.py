"""Rendered public pages kept in the cache, per event, zone and language.

A key carries the event's `updated_at`, which every change to the event or to one of its
announcements moves (events/signals.py), so a change is seen at once on every app server
that shares the cache. A page is also re-rendered when something time-driven happens: its
`valid_until` is the earliest of its lifetime, a scheduled announcement's publication and
the window's start or end. The participant count therefore lags by at most the lifetime.

Pages with forms hold a placeholder instead of a CSRF token; `personalise()` puts the
visitor's own token in, so one cached copy serves everyone.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.http import http_date

from events.models import Event

CSRF_PLACEHOLDER = "wavesite-csrf-placeholder-0f3a9c"


@dataclass(frozen=True)
class CachedPage:
    html: str
    rendered_at: datetime
    valid_until: datetime
    # A digest of the HTML, made once when rendered: the ETag's basis.
    digest: str = ""

    @classmethod
    def of(cls, html: str, rendered_at: datetime, valid_until: datetime) -> "CachedPage":
        return cls(html, rendered_at, valid_until, hashlib.sha256(html.encode()).hexdigest()[:24])


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
    """A cache key for one rendering of an event's page; long or odd parts are hashed."""
    raw = "|".join([kind, str(event.pk), event.updated_at.isoformat(), *parts])
    return f"page:{kind}:{event.pk}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"


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
    """False when the page would carry something for this visitor alone (a flash message)."""
    return len(get_messages(request)) == 0


def personalise(request: HttpRequest, html: str) -> str:
    """Put the visitor's CSRF token where the cached page holds the placeholder."""
    if CSRF_PLACEHOLDER not in html:
        return html
    return html.replace(CSRF_PLACEHOLDER, get_token(request))


def page_response(request: HttpRequest, page: CachedPage, *, private: bool) -> HttpResponse:
    """The page with validators: Last-Modified is when it was rendered, and the ETag names
    that rendering (and, for a page with forms, the visitor's CSRF secret, so a 304 keeps
    a token that still works). ConditionalGetMiddleware answers 304 from these."""
    response = HttpResponse(personalise(request, page.html))
    tag = page.digest
    if private:
        secret = request.META.get("CSRF_COOKIE", "")
        tag = hashlib.sha256(f"{tag}|{secret}".encode()).hexdigest()[:24]
        response["Cache-Control"] = "private, no-cache"
    else:
        response["Cache-Control"] = "public, max-age=60"
    response["ETag"] = f'"{tag}"'
    response["Last-Modified"] = http_date(page.rendered_at.timestamp())
    return response
