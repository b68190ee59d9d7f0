from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Photo sessions"

    def ready(self) -> None:
        from events import signals  # noqa: F401 - connects the receivers


class WavesiteAdminConfig(admin_apps.AdminConfig):
    """Django's admin app with our site as the default (events/adminsite.py)."""

    default = False  # EventsConfig is this module's config for the "events" app
    default_site = "events.adminsite.WavesiteAdminSite"
