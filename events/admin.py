from django.contrib import admin

from events.models import Announcement, Event


class AnnouncementInline(admin.StackedInline):
    model = Announcement
    extra = 0
    fields = ("title", "body", "published_at")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "spacecraft", "target", "window_start", "status", "is_sample")
    list_filter = ("status", "is_sample")
    search_fields = ("title", "slug", "spacecraft", "target")
    prepopulated_fields = {"slug": ("title",)}
    date_hierarchy = "window_start"
    inlines = [AnnouncementInline]
    view_on_site = True


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ("title", "event", "published_at")
    list_filter = ("event",)
    list_select_related = ("event",)
    search_fields = ("title", "body")
    raw_id_fields = ("event",)
