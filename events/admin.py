from django import forms
from django.contrib import admin
from django.db.models import Q
from django.utils import timezone

from events.models import Announcement, Event


class AnnouncementInline(admin.StackedInline):
    model = Announcement
    extra = 0
    fields = ("title", "body", "published_at")


class EventAdminForm(forms.ModelForm):
    """An event with either its wave window on Earth or its camera window (Event.clean()).

    The model and fields come from EventAdmin (ModelAdmin.get_form).
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("window_start", "window_end"):
            if name in self.fields:
                self.fields[name].required = False
                self.fields[name].help_text += (
                    " Leave empty if you give the camera window: it is then computed from it "
                    "(the light time to the target body), to the nearest minute."
                )


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    form = EventAdminForm
    list_display = ("title", "spacecraft", "target", "window_start", "status", "is_sample")
    list_filter = ("status", "is_sample")
    search_fields = ("title", "slug", "spacecraft", "target")
    prepopulated_fields = {"slug": ("title",)}
    date_hierarchy = "window_start"
    inlines = [AnnouncementInline]
    view_on_site = True


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ("title", "event", "published_at", "state")
    list_filter = ("event",)
    list_select_related = ("event",)
    search_fields = ("title", "body")
    raw_id_fields = ("event",)
    fields = ("event", "title", "body", "published_at", "preview")
    readonly_fields = ("preview",)
    actions = ["publish_now"]

    @admin.display(description="Preview (as visitors will see it, after saving)")
    def preview(self, announcement: Announcement):
        if not announcement.pk:
            return "Save to see the preview: Markdown, with anything unsafe removed."
        return announcement.body_html

    @admin.display(description="State")
    def state(self, announcement: Announcement) -> str:
        if announcement.published_at is None:
            return "draft"
        return "scheduled" if announcement.published_at > timezone.now() else "published"

    @admin.action(description="Publish the selected announcements now")
    def publish_now(self, request, queryset) -> None:
        # One save per row (not update()) so the signals renew the event pages.
        announcements = list(
            queryset.filter(Q(published_at__isnull=True) | Q(published_at__gt=timezone.now()))
        )
        for announcement in announcements:
            announcement.published_at = timezone.now()
            announcement.save(update_fields=["published_at", "updated_at"])
        self.message_user(request, f"{len(announcements)} announcement(s) published.")
