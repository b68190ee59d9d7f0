"""The language switcher and the JavaScript strings of each language (issue 14)."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import last_modified, require_safe
from django.views.i18n import JavaScriptCatalog

from events.web.language import catalogues_changed_at


@never_cache
@require_safe
def switch_language(request: HttpRequest, code: str) -> HttpResponse:
    """Remember `code` as the visitor's language, then go back to the page they were on
    (?next=, an address of this site only) in that language. A plain link, so the switcher
    works without JavaScript and without a form (cached pages carry no CSRF token)."""
    if code not in dict(settings.LANGUAGES):
        raise Http404("No such language.")
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not target.startswith("/"):
        target = "/"
    # The address is read in its own language (i18n_patterns matches the prefix of the
    # active one), then written in the chosen one.
    path_language = translation.get_language_from_path(target.split("?")[0])
    with translation.override(path_language or settings.LANGUAGE_CODE):
        response = HttpResponseRedirect(translate_url(target, code))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
    )
    return response


# The same for everyone in a language (the language is in the address), and it changes only
# when the catalogues are compiled again: an hour in any cache, Last-Modified for the rest.
# Only the site's own strings (locale/): Django's admin strings would add ~40% for nothing.
javascript_catalog = require_safe(
    cache_control(public=True, max_age=3600)(
        last_modified(lambda request: catalogues_changed_at())(
            JavaScriptCatalog.as_view(domain="djangojs", packages=["events"])
        )
    )
)
