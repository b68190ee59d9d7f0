"""Which language a request is answered in (issue 14).

- An address with a language prefix (/es/events/…, /ja/zones/) is in that language, for
  everyone: a shared link opens in the sender's language, and a cache in front keeps one
  copy per language (the prefix is part of the address).
- An address without a prefix is English, the original. The one exception is a first
  visit to a public page: a visitor who has never picked a language (no `language` cookie)
  and whose browser prefers one of ours over English (Accept-Language) is sent to that
  language's address. A visitor who picked a language with the switcher is sent to it.
- Addresses outside the public site (the organisers' admin, /healthz) have no prefix: they
  follow the switcher's cookie, then Accept-Language.
"""

from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from django.conf import settings
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from django.utils.autoreload import file_changed
from django.utils.cache import patch_cache_control, patch_vary_headers

# The public pages a first visit may be sent on from: HTML that people open from links.
# (Not the JSON, images and files the pages themselves ask for, nor the POST handlers.)
REDIRECTED_PAGES = frozenset(
    {"home", "all_zones", "detail", "times", "gallery", "embed", "signup_thanks"}
)


def chosen_language(request: HttpRequest) -> str | None:
    """The language the visitor picked with the switcher, if it is one of ours."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return code if code in dict(settings.LANGUAGES) else None


def preferred_language(request: HttpRequest) -> str:
    """The switcher's choice, else the best of Accept-Language, else English."""
    return chosen_language(request) or translation.get_language_from_request(request)


def _public_page_name(path: str) -> str | None:
    """The URL name of an unprefixed public page of the events site ('' for other views
    of it, None for addresses outside it, such as the admin)."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.namespace != "events":
        return None
    return match.url_name if match.url_name in REDIRECTED_PAGES else ""


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path_language = translation.get_language_from_path(request.path_info)
        # An unprefixed address of the public site resolves only while English is active
        # (i18n_patterns reads the active language to know which prefix to expect).
        translation.activate(settings.LANGUAGE_CODE)
        public_page = None if path_language else _public_page_name(request.path_info)
        if path_language:
            language = path_language
        elif public_page is None:
            language = preferred_language(request)
        else:
            language = settings.LANGUAGE_CODE
            wanted = preferred_language(request)
            if public_page and wanted != language and request.method in ("GET", "HEAD"):
                return self._redirect(request, wanted)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        if public_page:
            # An unprefixed page is English for whoever did not ask for another language.
            patch_vary_headers(response, ("Accept-Language",))
        return response

    @staticmethod
    def _redirect(request: HttpRequest, language: str) -> HttpResponse:
        response = HttpResponseRedirect(translate_url(request.get_full_path(), language))
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        # Per visitor (it follows their cookie): no shared cache may keep it.
        patch_cache_control(response, private=True, max_age=0)
        return response


@cache
def catalogues_changed_at():
    """When the newest compiled catalogue (.mo) was written, or None without any.

    Read once per process (the catalogues are compiled before the server starts, and a
    deployment starts new processes), not on every request for the JavaScript strings; in
    development the autoreloader's signal forgets it when a .mo file changes."""
    times = [
        path.stat().st_mtime
        for folder in settings.LOCALE_PATHS
        for path in Path(folder).glob("*/LC_MESSAGES/*.mo")
    ]
    return datetime.fromtimestamp(max(times), tz=UTC) if times else None


@receiver(file_changed, dispatch_uid="events.web.language.catalogue_changed")
def catalogue_changed(sender, file_path: Path, **kwargs) -> None:
    """The development server saw a file change: a new .mo is newer JavaScript strings.
    (Returns None: Django's own receiver decides whether the server restarts.)"""
    if file_path.suffix == ".mo":
        catalogues_changed_at.cache_clear()
