"""Turn a database outage into a friendly 503 page that asks the visitor to retry, and an
address holding a control character into a 400 page that says why."""

import logging
import unicodedata

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 page. Rendered without a request context: the database may be down."""
    response = HttpResponse(
        render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS}), status=503
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Catch "the database is not there" (not every DatabaseError: a bad query is a bug)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, OperationalError | InterfaceError) or (
            isinstance(exception, DatabaseError) and "connection" in str(exception).lower()
        ):
            logger.error("database unavailable: %s %s: %s", request.method, request.path, exception)
            return unavailable_response(request)
        return None


def has_control_character(text: str) -> bool:
    """True when `text` holds a control character (Unicode category Cc: NUL, the C0 and C1
    controls, DEL; line breaks and tabs too)."""
    return any(unicodedata.category(char) == "Cc" for char in text)


class ControlCharacterMiddleware:
    """Answer 400, with a short page saying why, to an address whose path or query string
    holds a control character (NUL above all: PostgreSQL refuses it in any string, so it
    would end as a 500 wherever it reached a query).

    The path and the query string are every input that no form reads: slugs and keys in
    addresses, searches, filters and the admin's changelist parameters, so they are
    checked here, once, for every view. Request bodies are not: reading request.POST here
    would parse every upload before the views' size guards (events.web.guards.posts_up_to)
    run, and every form field already refuses NUL with a message beside the field (Django's
    CharField has ProhibitNullCharactersValidator; the name field refuses every control
    character); the few raw body values go through events.inputs, which takes digits only.
    Cookies are not checked either: a bad cookie would lock its owner out, and the cookie
    readers already fall back to a default.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_control_character(request.path) or any(
            has_control_character(name) or any(has_control_character(v) for v in values)
            for name, values in request.GET.lists()
        ):
            return bad_characters_response(request)
        return self.get_response(request)


def bad_characters_response(request: HttpRequest) -> HttpResponse:
    """The 400 page for an address with a control character in it."""
    response = HttpResponse(render_to_string("400_characters.html", request=request), status=400)
    response["Cache-Control"] = "no-store"
    return response


# What a person is told when a view answers with a status and no words (Django's
# require_http_methods answers 405 with an empty body, for one).
EMPTY_ERROR_WORDS = {
    400: (
        gettext_lazy("This request could not be understood"),
        gettext_lazy("Something in it was malformed. Go back and try again."),
    ),
    403: (gettext_lazy("Not allowed"), gettext_lazy("This page or action is not open to you.")),
    404: (
        gettext_lazy("This page is not here"),
        gettext_lazy("The address may be mistyped, or the page may have gone."),
    ),
    405: (
        gettext_lazy("This page does not take that kind of request"),
        gettext_lazy("Open the page in your browser and use its buttons and forms."),
    ),
    409: (
        gettext_lazy("This cannot be done now"),
        gettext_lazy("The page has changed since you opened it. Reload it and try again."),
    ),
    410: (gettext_lazy("This page has gone"), gettext_lazy("What was here has been removed.")),
    413: (
        gettext_lazy("This is too large"),
        gettext_lazy("What you sent is larger than this page accepts."),
    ),
    429: (gettext_lazy("Too many requests"), gettext_lazy("Wait a few minutes, then try again.")),
}


class WordsForEmptyErrorsMiddleware:
    """Give a 4xx answer that has no body a short page saying what happened, so no visitor
    (nor a link checker) ever gets a blank page. Headers such as Allow and Retry-After
    are kept; a HEAD request still gets no body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            400 <= response.status_code < 500
            and not response.streaming
            and not response.content
            and request.method != "HEAD"
        ):
            heading, message = EMPTY_ERROR_WORDS.get(
                response.status_code, (_("This did not work"), _("Go back and try again."))
            )
            response.content = render_to_string(
                "http_error.html", {"heading": heading, "message": message}, request=request
            )
            response["Content-Type"] = "text/html; charset=utf-8"
        return response
