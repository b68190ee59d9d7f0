from datetime import UTC
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from events.admin.organiser import (
    BROADCAST_ACTIONS,
    AnnouncementChangeList,
    announcement_emails,
    announcement_progress,
    event_dashboard_urls,
    event_links,
    publish_events,
    unpublish_events,
)
from events.admin.photos import ResultImageInline, compose_mosaic
from events.admin.rehearsal import end_rehearsals, rehearse_events
from events.admin.translations import (
    TranslationsFormMixin,
    add_translation_fields,
    translation_field_names,
    translation_fieldsets,
)
from events.models import Announcement, Event
from events.refusal import Refused
from events.zones.catalogue import place_zone_names
from events.zones.localformat import datetime_text
from events.zones.window import local_window, wall_time_to_utc


class AnnouncementInline(admin.StackedInline):
    model = Announcement
    extra = 0
    fields = ("title", "body", "published_at")


# A Horizons table of an hour's step over a month is ~0.5 MB; events.astro.horizons refuses
# more than 2,000,000 characters anyway.
MAX_TABLE_UPLOAD_BYTES = 2_000_000

# The submit button that checks the form and shows its times in UTC without saving.
PREVIEW_TIMES = "_preview_times"
TIME_FIELDS = ("window_start", "window_end", "camera_start", "camera_end")
TYPED_TIME_HELP = {
    "window_start": gettext_lazy("When to start waving on Earth (in the zone above)."),
    "window_end": gettext_lazy("When the wave ends on Earth (in the zone above)."),
    "camera_start": gettext_lazy(
        "When the camera starts imaging Earth, in spacecraft event time (in the zone above)."
    ),
    "camera_end": gettext_lazy(
        "When the camera stops imaging Earth, in spacecraft event time (in the zone above)."
    ),
}


class EventAdminForm(TranslationsFormMixin, forms.ModelForm):
    """An event with either its wave window on Earth or its camera window (Event.clean()).

    The times are typed in a zone the organiser picks (a press release's local time) and
    stored in UTC. "Show in UTC" validates the form and shows the stored result without
    saving, with no JavaScript: the form then reports itself not valid (with no errors),
    so the admin renders it again instead of saving. The model and fields come from
    EventAdmin (ModelAdmin.get_form).
    """

    entry_zone = forms.ChoiceField(
        label=gettext_lazy("Times typed in"),
        choices=[("UTC", "UTC")] + [(name, name) for name in place_zone_names()],
        initial="UTC",
        required=False,
        help_text=gettext_lazy(
            "The zone of the wave and camera times below; they are stored in UTC. "
            "“Show in UTC” (at the bottom) shows the result before you save."
        ),
    )
    target_table_file = forms.FileField(
        label=gettext_lazy("…or upload the table"),
        required=False,
        help_text=gettext_lazy(
            "A text file saved from JPL Horizons (at most 2 MB); it replaces the text "
            "above. The table is checked when you save."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.utc_preview = None
        # Here the times are typed in the zone chosen above (and stored in UTC).
        for name, help_text in TYPED_TIME_HELP.items():
            if name in self.fields:
                self.fields[name].help_text = help_text
        for name in ("window_start", "window_end"):
            if name in self.fields:
                self.fields[name].required = False
                empty = _(
                    "Leave empty if you give the camera window: it is then computed from it "
                    "(the light time to the target body), to the nearest minute."
                )
                self.fields[name].help_text = f"{self.fields[name].help_text} {empty}"

    def clean_target_table_file(self) -> str | None:
        upload = self.cleaned_data.get("target_table_file")
        if not upload:
            return None
        if upload.size > MAX_TABLE_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 2 MB: ask Horizons for a larger step or a shorter span.")
            )
        raw = upload.read(MAX_TABLE_UPLOAD_BYTES + 1)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not plain text: save the output of Horizons as a text file.")
            ) from None

    @property
    def is_preview(self) -> bool:
        return self.is_bound and PREVIEW_TIMES in self.data

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target_table_file"):
            cleaned["target_table"] = cleaned["target_table_file"]
        zone = cleaned.get("entry_zone") or "UTC"
        if zone == "UTC":
            return cleaned
        for name in TIME_FIELDS:
            # The field read the typed time in the site's zone (UTC); the same clock
            # reading, now in the chosen zone.
            if cleaned.get(name) is not None:
                try:
                    cleaned[name] = wall_time_to_utc(timezone.make_naive(cleaned[name]), zone)
                except Refused as problem:
                    self.add_error(name, str(problem))
        return cleaned

    def _post_clean(self) -> None:
        super()._post_clean()  # the model's clean(): the Earth window from a camera window
        event = self.instance
        if not self.errors and event.window_start and event.window_end:
            zone = self.cleaned_data.get("entry_zone") or "UTC"
            self.utc_preview = {
                "utc": local_window(event.window_start, event.window_end, "UTC"),
                "local": local_window(event.window_start, event.window_end, ZoneInfo(zone)),
                "from_camera": event.camera_start is not None,
            }

    def is_valid(self) -> bool:
        return super().is_valid() and not self.is_preview


add_translation_fields(EventAdminForm, Event)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    form = EventAdminForm
    list_display = (
        "title",
        "spacecraft",
        "target",
        "window_start",
        "status",
        "is_sample",
        event_links,
    )
    list_filter = ("status", "is_sample")
    search_fields = ("title", "slug", "spacecraft", "target")
    prepopulated_fields = {"slug": ("title",)}
    date_hierarchy = "window_start"
    inlines = [AnnouncementInline, ResultImageInline]
    actions = [compose_mosaic, publish_events, unpublish_events, rehearse_events, end_rehearsals]
    readonly_fields = ("table_as_read",)
    view_on_site = True

    @admin.display(description=gettext_lazy("The table, as read"))
    def table_as_read(self, event: Event) -> str:
        """What the saved table says: whose it is, what kind, how many rows, which span."""
        # Here, not at the top: django.setup() imports the admin, and every process would
        # load skyfield and numpy (tests/test_architecture.py).
        from events.astro import sky
        from events.astro.targets import table_span

        if event.target_kind != Event.TargetKind.TABLE or not event.target_table:
            return _("No table: the target is not a table.")
        try:
            target = event.sky_target
        except sky.SkyError as exc:
            return _("Cannot be read: %(error)s") % {"error": exc}
        table = target.table
        first, last = table_span(target)
        values = {
            "target": table.target_name or _("Unnamed target"),
            "rows": len(table.julian_dates),
            "step": f"{table.step_days * 24 * 60:g}",
            # Machine-like times (ISO 8601 order), as JPL Horizons writes them.
            "first": f"{first:%Y-%m-%d %H:%M}",
            "last": f"{last:%Y-%m-%d %H:%M}",
        }
        if table.kind == "vectors":
            # Translators: a JPL Horizons ephemeris table, described in the admin.
            text = _(
                "%(target)s: a vector table of %(rows)s rows, every %(step)s minutes, placing "
                "the spacecraft from %(first)s to %(last)s UTC."
            )
        else:
            text = _(
                "%(target)s: an observer table of %(rows)s rows, every %(step)s minutes, "
                "placing the spacecraft from %(first)s to %(last)s UTC."
            )
        return text % values

    def get_fields(self, request, obj=None):
        # The zone the times are typed in goes just above them.
        moved = ("entry_zone", "target_table_file", "table_as_read")
        fields = [name for name in super().get_fields(request, obj) if name not in moved]
        # The upload and what was read go just below the pasted table.
        if "target_table" in fields:
            at = fields.index("target_table") + 1
            fields = [*fields[:at], "target_table_file", "table_as_read", *fields[at:]]
        at = fields.index("window_start") if "window_start" in fields else len(fields)
        return [*fields[:at], "entry_zone", *fields[at:]]

    def get_fieldsets(self, request, obj=None):
        # The texts in other languages fold away under the original (events/admin/translations.py).
        translated = translation_field_names(Event)
        fields = [name for name in self.get_fields(request, obj) if name not in translated]
        return [(None, {"fields": fields}), *translation_fieldsets(Event)]

    def get_urls(self):
        return [*event_dashboard_urls(self), *super().get_urls()]

    def render_change_form(self, request, context, *args, **kwargs):
        form = context["adminform"].form
        context["utc_preview"] = form.utc_preview if form.is_bound else None
        context["preview_button"] = PREVIEW_TIMES
        return super().render_change_form(request, context, *args, **kwargs)


class AnnouncementAdminForm(TranslationsFormMixin, forms.ModelForm):
    """An announcement whose publication time is typed in a zone the organiser picks and
    stored in UTC; the page then shows it in UTC beside the zone's reading."""

    entry_zone = forms.ChoiceField(
        label=gettext_lazy("Time typed in"),
        choices=EventAdminForm.base_fields["entry_zone"].choices,
        initial="UTC",
        required=False,
        help_text=gettext_lazy("The zone of the publication time below; it is stored in UTC."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "published_at" in self.fields:
            self.fields["published_at"].help_text = _(
                "Shown from this time on, in the zone above (stored in UTC). Empty: a draft "
                "nobody sees."
            )

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("entry_zone") or "UTC"
        if zone != "UTC" and cleaned.get("published_at") is not None:
            try:
                cleaned["published_at"] = wall_time_to_utc(
                    timezone.make_naive(cleaned["published_at"]), zone
                )
            except Refused as problem:
                self.add_error("published_at", str(problem))
        return cleaned


add_translation_fields(AnnouncementAdminForm, Announcement)


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ("title", "event", "published_at", "state")
    list_filter = ("event",)
    list_select_related = ("event",)
    search_fields = ("title", "body")
    autocomplete_fields = ("event",)  # a searchable picker, never a raw id
    form = AnnouncementAdminForm
    fields = (
        "event",
        "title",
        "body",
        "entry_zone",
        "published_at",
        "published_utc",
        "email_participants",
        "preview",
        "emails",
    )
    readonly_fields = ("published_utc", "preview", "emails")
    actions = ["publish_now", *BROADCAST_ACTIONS]

    def get_fieldsets(self, request, obj=None):
        return [(None, {"fields": self.fields}), *translation_fieldsets(Announcement)]

    class Media:
        js = ["js/admin-progress.js", "js/admin-labels.js"]

    @admin.display(description=gettext_lazy("Publication, as stored"))
    def published_utc(self, announcement: Announcement) -> str:
        if announcement.published_at is None:
            return _("Not set: a draft.")
        return f"{datetime_text(announcement.published_at.astimezone(UTC).replace(second=0))} UTC"

    @admin.display(description=gettext_lazy("Emails to participants"))
    def emails(self, announcement: Announcement) -> str:
        return announcement_progress(announcement)

    def get_urls(self):
        progress = self.admin_site.admin_view(self.progress_view)
        return [
            path("<int:pk>/progress/", progress, name="events_announcement_progress"),
            *super().get_urls(),
        ]

    def progress_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The progress fragment alone, for static/js/admin-progress.js."""
        announcement = Announcement.objects.filter(pk=pk).first()
        if announcement is None or not self.has_view_permission(request, announcement):
            raise Http404("No such announcement")
        return HttpResponse(announcement_progress(announcement))  # never cached (admin_view)

    def get_list_display(self, request):
        return (*super().get_list_display(request), announcement_emails)

    def get_changelist(self, request, **kwargs):
        return AnnouncementChangeList

    @admin.display(description=gettext_lazy("Preview (as visitors will see it, after saving)"))
    def preview(self, announcement: Announcement):
        if not announcement.pk:
            return _("Save to see the preview: Markdown, with anything unsafe removed.")
        return announcement.body_html

    @admin.display(description=gettext_lazy("State"))
    def state(self, announcement: Announcement) -> str:
        if announcement.published_at is None:
            state = pgettext("announcement state", "draft")
        elif announcement.published_at > timezone.now():
            state = pgettext("announcement state", "scheduled")
        else:
            state = pgettext("announcement state", "published")
        # Translators: "state" is draft, scheduled or published.
        if announcement.email_cancelled_at is not None:
            return _("%(state)s, email cancelled") % {"state": state}
        if announcement.email_paused:
            return _("%(state)s, email paused") % {"state": state}
        if announcement.email_participants and announcement.email_started_at is None:
            return _("%(state)s, emailed at publication") % {"state": state}
        return state

    @admin.action(description=gettext_lazy("Publish the selected announcements now"))
    def publish_now(self, request, queryset) -> None:
        # One save per row (not update()) so the signals renew the event pages.
        announcements = list(
            queryset.filter(Q(published_at__isnull=True) | Q(published_at__gt=timezone.now()))
        )
        for announcement in announcements:
            announcement.published_at = timezone.now()
            announcement.save(update_fields=["published_at", "updated_at"])
        self.message_user(
            request,
            ngettext(
                "%(count)s announcement published.",
                "%(count)s announcements published.",
                len(announcements),
            )
            % {"count": len(announcements)},
        )
