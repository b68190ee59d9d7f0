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

CSRF_PLACEHOLDER = "wavesite-csrf-placeholder-0f3a9c"


@dataclass(frozen=True)
class CachedPage:
    html: str
    rendered_at: datetime
    valid_until: datetime


def slot_start(now: datetime, slot: timedelta) -> datetime:
    """The start of the time slot `now` is in; slots are aligned to the epoch, so every
    app server agrees on them."""
    seconds = slot.total_seconds()
    return datetime.fromtimestamp(now.timestamp() // seconds * seconds, tz=UTC)


def page_key(kind: str, event, *parts: str) -> str:
    """A cache key for one rendering of an event's page; long or odd parts are hashed."""
    raw = "|".join([kind, str(event.pk), event.updated_at.isoformat(), *parts])
    return f"page:{kind}:{event.pk}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"


def get_or_render(
    key: str, now: datetime, render: Callable[[], tuple[str, datetime]]
) -> CachedPage:
    """The cached page under `key` if still valid at `now`, else a fresh rendering.

    `render` returns the HTML and the instant until which it stays true.
    """
    if not settings.PAGE_CACHE:
        html, valid_until = render()
        return CachedPage(html, now, valid_until)
    page = cache.get(key)
    if isinstance(page, CachedPage) and now < page.valid_until:
        return page
    html, valid_until = render()
    page = CachedPage(html, now, valid_until)
    timeout = max(1, int((valid_until - now).total_seconds()) + 1)
    cache.set(key, page, timeout)
    return page


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
    tag = hashlib.sha256(page.html.encode()).hexdigest()[:24]
    if private:
        secret = request.META.get("CSRF_COOKIE", "")
        tag = hashlib.sha256(f"{tag}|{secret}".encode()).hexdigest()[:24]
        response["Cache-Control"] = "private, no-cache"
    else:
        response["Cache-Control"] = "public, max-age=60"
    response["ETag"] = f'"{tag}"'
    response["Last-Modified"] = http_date(page.rendered_at.timestamp())
    return response
