from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from events.views.health import healthz, ping


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
    path("", include("events.urls")),
]
