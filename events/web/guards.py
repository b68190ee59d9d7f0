"""What every public view checks before it does its work: which event a visitor may see,
how big a POST may be, and where a form may send the browser back to."""

from collections.abc import Callable, Iterable
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from events.models import Event


def event_for_visitor(request: HttpRequest, slug: str) -> Event:
    """A published event, or a draft for staff previewing it; 404 otherwise.

    The user is only looked up when there is a session cookie: looking marks the session
    as read, and Django then adds `Vary: Cookie` to a page everyone could otherwise share."""
    staff = settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_staff
    events = Event.objects.all() if staff else Event.objects.published()
    return get_object_or_404(events.localized(), slug=slug)


def content_length(request: HttpRequest) -> int:
    """The body size the client declared; 0 when it declared none or nonsense."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def posts_up_to(max_bytes: int, too_large: Callable[[HttpRequest], HttpResponse]):
    """Answer a POST whose declared body is over `max_bytes` with `too_large(request)` (a
    413 page saying why) before any of its body is read.

    CsrfViewMiddleware reads request.POST, which makes Django parse the whole body (and
    spool an upload to a temporary file) before the view runs; a body over
    DATA_UPLOAD_MAX_MEMORY_SIZE would end there as a bare 400. So the middleware skips these
    views (csrf_exempt outside) and the very same check runs inside (csrf_protect), once the
    size is known to be acceptable: CSRF stays enforced. Django reads no more than
    CONTENT_LENGTH bytes of a body, so the declared size is the real limit.
    """

    def decorate(view):
        protected = csrf_protect(view)

        @wraps(view)
        def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST" and content_length(request) > max_bytes:
                return too_large(request)
            return protected(request, *args, **kwargs)

        return csrf_exempt(checked)

    return decorate


def way_back(
    request: HttpRequest, dropping: Iterable[str] = (), source: QueryDict | None = None
) -> str:
    """The `next` address (from the form, or from `source`: the query) when it is on this
    site (else "/"), without the query parameters in `dropping`."""
    back = (request.POST if source is None else source).get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return "/"
    parts = urlsplit(back)
    query = QueryDict(parts.query, mutable=True)
    for name in dropping:
        query.pop(name, None)
    return parts.path + (f"?{query.urlencode()}" if query else "")
