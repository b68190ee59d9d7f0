"""The admin's side of the pictures: result images on the event, the photo moderation
queue, and the action that composes a mosaic. Registered from events/admin.py."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from events.models import Photo, ResultImage
from events.photos.tasks import compose_event_mosaic
from events.photos.uploads import approve_photos, reject_photo


class _StoredPicture:
    """A stored picture as the file widget shows it: its name, and the app's own address
    for it (media files are not served at MEDIA_URL)."""

    def __init__(self, name: str, url: str):
        self.name, self.url = name, url

    def __str__(self) -> str:
        return self.name


class StoredPictureInput(forms.ClearableFileInput):
    """The file widget whose "Currently:" link opens the picture through `url`."""

    def __init__(self, url: str, attrs=None):
        super().__init__(attrs)
        self.url = url

    def format_value(self, value):
        if self.is_initial(value):
            return _StoredPicture(value.name, self.url)
        return super().format_value(value)


class ResultImageForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "image" in self.fields:
            url = reverse("events:result_file", kwargs={"pk": self.instance.pk})
            self.fields["image"].widget = StoredPictureInput(url)


class ResultImageInline(admin.StackedInline):
    """After the event: the picture(s) it produced, with caption and credit. A mosaic made
    by "Compose a mosaic" appears here unpublished; tick "Is published" to show it."""

    model = ResultImage
    form = ResultImageForm
    extra = 0
    fields = ("preview", "image", "kind", "caption", "credit", "alt_text", "is_published")
    readonly_fields = ("preview",)
    ordering = ("position", "created_at")

    @admin.display(description=gettext_lazy("Picture"))
    def preview(self, result: ResultImage):
        if not result.pk:
            return "—"
        url = reverse("events:result_file", kwargs={"pk": result.pk})
        return format_html(
            '<a href="{}"><img src="{}" alt="{}" width="240" loading="lazy"></a>',
            url,
            url,
            result.alt_text,
        )


@admin.action(
    description=gettext_lazy("Compose a mosaic of the approved photos (in the background)")
)
def compose_mosaic(modeladmin, request, queryset) -> None:
    for event in queryset:
        compose_event_mosaic.enqueue(event.pk)
    modeladmin.message_user(
        request,
        ngettext(
            "Mosaic queued for %(count)s event. It appears under the event's result "
            "images as an unpublished picture once a task worker has drawn it.",
            "Mosaic queued for %(count)s events. It appears under each event's result "
            "images as an unpublished picture once a task worker has drawn it.",
            queryset.count(),
        )
        % {"count": queryset.count()},
        messages.SUCCESS,
    )


class PhotoStatusFilter(admin.SimpleListFilter):
    """The queue first: without a choice, only the photos waiting for a decision."""

    title = gettext_lazy("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Photo.Status.choices, ("all", _("All"))]

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            selected = (self.value() or Photo.Status.PENDING) == lookup
            yield {
                "selected": selected,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or Photo.Status.PENDING
        return queryset if value == "all" else queryset.filter(status=value)


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ("thumbnail_preview", "event", "caption", "status", "uploaded_at", "decide")
    list_filter = (PhotoStatusFilter, "event")
    list_select_related = ("event",)
    raw_id_fields = ("participant",)
    search_fields = ("caption",)
    ordering = ("uploaded_at",)
    show_full_result_count = False
    actions = ["approve", "reject"]
    fields = (
        "large_preview",
        "event",
        "participant",
        "caption",
        "status",
        "width",
        "height",
        "uploaded_at",
        "moderated_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False  # photos come from participants only

    @admin.display(description=gettext_lazy("Photo"))
    def thumbnail_preview(self, photo: Photo):
        if not photo.thumbnail.name:
            return _("(file deleted)")
        url = reverse("events:photo_file", kwargs={"pk": photo.pk, "size": "thumb"})
        # The image is the row's link to the photo's page: its text says which photo.
        if photo.caption:
            label = _("Photo %(number)s: %(caption)s") % {
                "number": photo.pk,
                "caption": photo.caption,
            }
        else:
            label = _("Photo %(number)s") % {"number": photo.pk}
        return format_html('<img src="{}" alt="{}" width="120" height="120">', url, label)

    @admin.display(description=gettext_lazy("Photo"))
    def large_preview(self, photo: Photo):
        if not photo.image.name:
            return _("(file deleted)")
        url = reverse("events:photo_file", kwargs={"pk": photo.pk, "size": "full"})
        return format_html('<img src="{}" alt="" width="480">', url)

    @admin.display(description=gettext_lazy("Decide"))
    def decide(self, photo: Photo):
        """Approve or reject in one click: buttons that post the list's own form (and its
        CSRF token) to this photo's decision address; reachable by keyboard like any."""
        if photo.status != Photo.Status.PENDING:
            return photo.get_status_display()
        return format_html(
            '<button type="submit" class="button" formaction="{}" formnovalidate>{}</button> '
            '<button type="submit" class="button" formaction="{}" formnovalidate>{}</button>',
            reverse("admin:events_photo_decide", args=[photo.pk, "approve"]),
            _("Approve"),
            reverse("admin:events_photo_decide", args=[photo.pk, "reject"]),
            _("Reject"),
        )

    def get_urls(self):
        decide = self.admin_site.admin_view(self.decide_view)
        return [
            path("<int:pk>/<str:decision>/", decide, name="events_photo_decide"),
            *super().get_urls(),
        ]

    def decide_view(self, request: HttpRequest, pk: int, decision: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if decision not in ("approve", "reject") or not self.has_change_permission(request):
            raise PermissionDenied
        photo = Photo.objects.filter(pk=pk).first()
        if photo is None:
            raise Http404("No such photo")
        now = timezone.now()
        if photo.status != Photo.Status.PENDING:
            text = _("Photo %(number)s was decided already (%(status)s).") % {
                "number": pk,
                "status": photo.get_status_display().lower(),
            }
        elif decision == "approve":
            approve_photos(Photo.objects.filter(pk=pk), now)
            text = _("Photo %(number)s approved: it is in the gallery, and its sender is told.") % {
                "number": pk
            }
        else:
            reject_photo(photo, now)
            text = _("Photo %(number)s rejected: its file is deleted, and its sender is told.") % {
                "number": pk
            }
        self.message_user(request, text)
        return HttpResponseRedirect(reverse("admin:events_photo_changelist"))

    @admin.action(description=gettext_lazy("Approve: show in the event's gallery"))
    def approve(self, request, queryset) -> None:
        approved = approve_photos(queryset, timezone.now())
        self.message_user(
            request,
            ngettext("%(count)s photo approved.", "%(count)s photos approved.", approved)
            % {"count": approved},
            messages.SUCCESS,
        )

    @admin.action(description=gettext_lazy("Reject: delete the file, keep the decision"))
    def reject(self, request, queryset) -> None:
        photos = list(queryset.exclude(status=Photo.Status.REJECTED))
        for photo in photos:
            reject_photo(photo, timezone.now())
        self.message_user(
            request,
            ngettext("%(count)s photo rejected.", "%(count)s photos rejected.", len(photos))
            % {"count": len(photos)},
            messages.SUCCESS,
        )
