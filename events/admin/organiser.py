"""The admin's side of running an event: participants (a list that stays fast at 200,000
rows, and its CSV export), email deliveries, publishing, sending announcements to the
participants, and the dashboards' addresses. Registered from events/admin.py.
"""

from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from events.inputs import whole_number
from events.models import Announcement, EmailDelivery, Event, Participant
from events.refusal import Refused
from events.signups import broadcast, sending
from events.views import organiser
from events.zones.localformat import country_name, duration_text, format_number

FILTER_VALUES_SECONDS = 300

# --- events: publishing, links, dashboards -----------------------------------------------


@admin.action(description=gettext_lazy("Publish the selected events"))
def publish_events(modeladmin, request, queryset) -> None:
    # A conditional update that also moves updated_at, which renews the cached pages.
    count = queryset.exclude(status=Event.Status.PUBLISHED).update(
        status=Event.Status.PUBLISHED, updated_at=timezone.now()
    )
    modeladmin.message_user(
        request,
        ngettext("%(count)s event published.", "%(count)s events published.", count)
        % {"count": count},
        messages.SUCCESS,
    )


@admin.action(description=gettext_lazy("Turn the selected events back into drafts"))
def unpublish_events(modeladmin, request, queryset) -> None:
    count = queryset.exclude(status=Event.Status.DRAFT).update(
        status=Event.Status.DRAFT, updated_at=timezone.now()
    )
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)s event is a draft again: only staff see it.",
            "%(count)s events are drafts again: only staff see them.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


@admin.display(description=gettext_lazy("Pages"))
def event_links(event: Event) -> str:
    page = _("Public page") if event.is_published else _("Preview (draft)")
    return format_html(
        '<a href="{}">{}</a> · <a href="{}">{}</a>',
        event.get_absolute_url(),
        page,
        reverse("admin:events_event_dashboard", kwargs={"pk": event.pk}),
        _("Dashboard"),
    )


def event_dashboard_urls(model_admin: admin.ModelAdmin) -> list:
    """/admin/events/event/dashboard/ (every event) and /admin/events/event/<pk>/dashboard/."""
    site = model_admin.admin_site

    def index(request: HttpRequest) -> HttpResponse:
        return organiser.dashboard_index(request, site.each_context(request))

    def one(request: HttpRequest, pk: int) -> HttpResponse:
        event = get_object_or_404(Event, pk=pk)
        return organiser.dashboard(request, event, site.each_context(request))

    def waves(request: HttpRequest, pk: int) -> HttpResponse:
        if not request.user.has_perm("events.view_participant"):
            raise PermissionDenied
        return organiser.waves_csv(get_object_or_404(Event, pk=pk))

    return [
        path("dashboard/", site.admin_view(index), name="events_event_dashboards"),
        path("<int:pk>/dashboard/", site.admin_view(one), name="events_event_dashboard"),
        path("<int:pk>/waves.csv", site.admin_view(waves), name="events_event_waves"),
    ]


# --- announcements: sending them to the participants ------------------------------------


def _start(modeladmin, request, queryset, *, include_generated: bool) -> None:
    now = timezone.now()
    for announcement in queryset.select_related("event"):
        people = broadcast.recipients(announcement, include_generated=include_generated).count()
        todo = broadcast.still_to_send(announcement, include_generated=include_generated)
        if not todo and broadcast.is_sendable(announcement, now):
            modeladmin.message_user(
                request,
                ngettext(
                    "Nothing to send for “%(announcement)s”: the %(count)s participant who "
                    "asked for announcements already has it.",
                    "Nothing to send for “%(announcement)s”: all %(count)s participants who "
                    "asked for announcements already have it.",
                    people,
                )
                % {"announcement": announcement, "count": format_number(people)},
                messages.INFO,
            )
            continue
        try:
            broadcast.start_broadcast(announcement, include_generated=include_generated, now=now)
        except broadcast.Refused as refused:
            modeladmin.message_user(request, str(refused), messages.WARNING)
            continue
        had = people - todo
        values = {
            "announcement": announcement,
            "count": format_number(todo),
            "had": format_number(had),
        }
        if had:
            # Translators: "had" is how many participants already have the announcement.
            text = ngettext(
                "“%(announcement)s” is being sent to %(count)s participant in the "
                "background (%(had)s already have it). Its page shows the progress.",
                "“%(announcement)s” is being sent to %(count)s participants in the "
                "background (%(had)s already have it). Its page shows the progress.",
                todo,
            )
        else:
            text = ngettext(
                "“%(announcement)s” is being sent to %(count)s participant in the "
                "background. Its page shows the progress.",
                "“%(announcement)s” is being sent to %(count)s participants in the "
                "background. Its page shows the progress.",
                todo,
            )
        modeladmin.message_user(request, text % values, messages.SUCCESS)


@admin.action(description=gettext_lazy("Send to participants (by email, in the background)"))
def send_to_participants(modeladmin, request, queryset) -> None:
    _start(modeladmin, request, queryset, include_generated=False)


@admin.action(description=gettext_lazy("Send to participants, generated demo ones included"))
def send_including_generated(modeladmin, request, queryset) -> None:
    _start(modeladmin, request, queryset, include_generated=True)


@admin.action(description=gettext_lazy("Retry the emails that failed"))
def retry_failed_emails(modeladmin, request, queryset) -> None:
    count = sum(sending.retry_failed(announcement) for announcement in queryset)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)s failed email queued again.",
            "%(count)s failed emails queued again.",
            count,
        )
        % {"count": format_number(count)},
        messages.SUCCESS,
    )


@admin.action(description=gettext_lazy("Send the interrupted emails again (they may arrive twice)"))
def resend_interrupted_emails(modeladmin, request, queryset) -> None:
    count = sum(sending.resend_interrupted(announcement) for announcement in queryset)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)s interrupted email queued again.",
            "%(count)s interrupted emails queued again.",
            count,
        )
        % {"count": format_number(count)},
        messages.SUCCESS,
    )


@admin.action(description=gettext_lazy("Send me a test (to my own address, now)"))
def send_test_to_me(modeladmin, request, queryset) -> None:
    user = request.user
    if not user.email:
        modeladmin.message_user(
            request,
            _("Your account has no email address: add one to your user to get test emails."),
            messages.ERROR,
        )
        return
    for announcement in queryset.select_related("event"):
        try:
            broadcast.send_test(
                announcement, email=user.email, name=user.get_full_name() or user.get_username()
            )
        except Exception as error:  # the mail server's refusal, said in words
            modeladmin.message_user(
                request,
                _("The test of “%(announcement)s” was not sent: %(error)s")
                % {"announcement": announcement, "error": error},
                messages.ERROR,
            )
            continue
        modeladmin.message_user(
            request,
            _("A test of “%(announcement)s” was sent to %(email)s.")
            % {"announcement": announcement, "email": user.email},
            messages.SUCCESS,
        )


def _sending_action(change, description, done):
    """An admin action that pauses, resumes or cancels the selected announcements'
    sending (`change(announcement)` says whether it did), and says how many it changed
    (`done`: an ngettext_lazy message whose form %(count)s chooses)."""

    @admin.action(description=description)
    def action(modeladmin, request, queryset) -> None:
        changed = sum(change(announcement) for announcement in queryset)
        modeladmin.message_user(
            request,
            done % {"count": changed},
            messages.SUCCESS if changed else messages.INFO,
        )

    action.__name__ = change.__name__.replace("_broadcast", "_sending")
    return action


pause_sending = _sending_action(
    broadcast.pause_broadcast,
    gettext_lazy("Pause the sending"),
    ngettext_lazy(
        "%(count)s sending paused: the emails not sent yet wait until you resume.",
        "%(count)s sendings paused: the emails not sent yet wait until you resume.",
        "count",
    ),
)
resume_sending = _sending_action(
    broadcast.resume_broadcast,
    gettext_lazy("Resume the sending"),
    ngettext_lazy(
        "%(count)s sending resumed: it goes on within a minute.",
        "%(count)s sendings resumed: they go on within a minute.",
        "count",
    ),
)
cancel_sending = _sending_action(
    broadcast.cancel_broadcast,
    gettext_lazy("Cancel the sending (the emails not sent yet are not sent)"),
    ngettext_lazy(
        "%(count)s sending cancelled. “Send to participants” starts one again.",
        "%(count)s sendings cancelled. “Send to participants” starts one again.",
        "count",
    ),
)


BROADCAST_ACTIONS = [
    send_test_to_me,
    send_to_participants,
    send_including_generated,
    pause_sending,
    resume_sending,
    cancel_sending,
    retry_failed_emails,
    resend_interrupted_emails,
]


class AnnouncementChangeList(ChangeList):
    """Attaches each listed announcement's email counts, from one query for the page."""

    def get_results(self, request) -> None:
        super().get_results(request)
        counts = sending.progress_by_announcement(item.pk for item in self.result_list)
        for announcement in self.result_list:
            announcement.email_progress = counts.get(announcement.pk)


@admin.display(description=gettext_lazy("Emails to participants"))
def announcement_emails(announcement: Announcement) -> str:
    progress = getattr(announcement, "email_progress", None)
    if progress is None:
        return _("not sent")
    return _("%(sent)s sent · %(failed)s failed · %(to_go)s to go") % {
        "sent": format_number(progress.sent),
        "failed": format_number(progress.failed),
        "to_go": format_number(progress.queued + progress.sending),
    }


def announcement_progress(announcement: Announcement) -> str:
    """Sent, failed, interrupted and remaining emails, for the announcement's page."""
    if not announcement.pk:
        return _("Save and publish it; then send it from the announcements list.")
    progress = sending.progress(announcement)
    started = announcement.email_started_at is not None
    cancelled = announcement.email_cancelled_at is not None
    time_left = progress.time_left
    return render_to_string(
        "admin/events/announcement/progress.html",
        {
            "progress": progress,
            # "about 1,234 a minute, about 12 minutes to go" while it moves
            "rate": format_number(round(progress.per_minute)),
            "time_left": duration_text(max(time_left, timedelta(minutes=1))) if time_left else "",
            "announcement": announcement,
            "cancelled": cancelled,
            "paused": announcement.email_paused and not cancelled,
            # Still moving: started, not cancelled, and emails to go (or not planned yet).
            "running": started and not cancelled and bool(progress.remaining),
        },
    )


# --- participants ------------------------------------------------------------------------


def chosen_event_id(request: HttpRequest) -> int | None:
    """The event the participants list is filtered on, or None (none, or not an id)."""
    try:
        return whole_number(request.GET.get("event__id__exact"))
    except Refused:
        return None


class ConfirmedFilter(admin.SimpleListFilter):
    title = gettext_lazy("address confirmed")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("Confirmed")), ("no", _("Pending"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(confirmed_at__isnull=self.value() == "no")
        return queryset


class ValuesPresentFilter(admin.SimpleListFilter):
    """The values a column holds (one DISTINCT over its index), within the chosen event.

    Django's AllValuesFieldListFilter would do the same over the whole table; facets (a
    count per value) stay off, since at 200,000 rows they are a GROUP BY on every view.
    """

    field = ""

    def lookups(self, request, model_admin):
        event_id = chosen_event_id(request)
        key = f"admin:participant-values:{self.field}:{event_id}"
        # A DISTINCT over 200,000 rows takes ~30 ms on PostgreSQL; the list of countries
        # or zones changes rarely, so the sidebar may lag a few minutes behind.
        values = cache.get(key)
        if values is None:
            present = Participant.objects.order_by(self.field).values_list(self.field, flat=True)
            if event_id is not None:
                present = present.filter(event_id=event_id)
            values = [value for value in present.distinct() if value]
            cache.set(key, values, FILTER_VALUES_SECONDS)
        return [(value, self.label(value)) for value in values]

    def label(self, value: str) -> str:
        return value

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.field: self.value()})
        return queryset


class CountryFilter(ValuesPresentFilter):
    title = gettext_lazy("country")
    parameter_name = field = "country_code"

    def label(self, value: str) -> str:
        # The site's one catalogue of countries (CLDR), as on the participants' rows.
        return f"{country_name(value)} ({value})"


class ZoneFilter(ValuesPresentFilter):
    title = gettext_lazy("time zone")
    parameter_name = field = "zone"


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    """Sign-ups, fast at 200,000 rows: pages of 100, filters on indexed columns, no full
    count of the table, related rows joined in the same query."""

    list_display = (
        "name",
        "email",
        "event",
        "confirmed",
        "place",
        "zone",
        "wants_announcements",
        "is_generated",
        "created_at",
    )
    list_filter = (
        "event",
        ConfirmedFilter,
        CountryFilter,
        ZoneFilter,
        "wants_announcements",
        "is_generated",
    )
    search_fields = ("email", "name")
    search_help_text = gettext_lazy("Part of an email address or a name.")
    list_select_related = ("event", "city")
    raw_id_fields = ("event", "city")
    list_per_page = 100
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    readonly_fields = ("manage_key", "created_at", "updated_at")
    date_hierarchy = None  # a date drill-down is a GROUP BY over every row

    @admin.display(description=gettext_lazy("Confirmed"), boolean=True, ordering="confirmed_at")
    def confirmed(self, participant: Participant) -> bool:
        return participant.is_confirmed

    @admin.display(description=gettext_lazy("Place"))
    def place(self, participant: Participant) -> str:
        # The country's name from the site's one catalogue (CLDR), in the organiser's
        # language, as the country filter shows it.
        country = country_name(participant.country_code) if participant.country_code else ""
        if participant.city:
            return f"{participant.city.name}, {country or participant.city.country}"
        return country or participant.country

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_csv)
        return [
            path("export.csv", export, name="events_participant_export"),
            *super().get_urls(),
        ]

    def export_csv(self, request: HttpRequest) -> HttpResponse:
        """The list as it is filtered and searched, as CSV (every page of it, streamed)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest(_("Those filters do not apply to participants."))
        name = "participants"
        event_id = chosen_event_id(request)
        if event_id is not None and (slug := Event.objects.filter(pk=event_id).values("slug")):
            name = f"participants-{slugify(slug[0]['slug'])}"
        return organiser.participants_csv(changelist.queryset, name)


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(admin.ModelAdmin):
    """Every email owed to a participant and how far it got; read-only (the senders write)."""

    list_display = ("participant", "kind", "announcement", "status", "attempts", "updated_at")
    list_filter = ("status", "kind", "announcement")
    list_select_related = ("participant__event", "announcement")
    raw_id_fields = ("participant", "announcement")
    search_fields = ("participant__email",)
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 100

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
