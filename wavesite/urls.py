from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from events.views.health import healthz, ping
from events.views.language import switch_language


class FaviconRedirect(RedirectView):
    """Browsers ask for /favicon.ico whatever a page links to: send them to the PNG icon.
    static() is called per request, not at import: in production the hashed name comes from
    collectstatic's manifest, which a URLconf import must not depend on."""

    # Not permanent: browsers keep a 301 for good, and the hashed name it points at is gone
    # once the icon changes and the static files are collected again.
    permanent = False

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static("img/favicon-32.png")


urlpatterns = [
    path("favicon.ico", FaviconRedirect.as_view(), name="favicon"),
    path("healthz", healthz, name="healthz"),
    path("ping", ping, name="ping"),
    path("admin/", admin.site.urls),
    # The language switcher: remembers the choice, then back to the page in that language.
    path("language/<str:code>/", switch_language, name="switch_language"),
]
# The public site, once per language: English without a prefix, the others under /<code>/
# (settings.LANGUAGES; events/web/language.py says how a request's language is chosen).
urlpatterns += i18n_patterns(
    path("", include("events.urls")),
    prefix_default_language=False,
)
