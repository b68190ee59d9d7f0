from django.contrib import admin
from django.urls import include, path

from events.views.health import healthz, ping
from events.views.pages import favicon

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),
    path("ping", ping, name="ping"),
    path("admin/", admin.site.urls),
    path("", include("events.urls")),
]
