"""The organisers' pages inside the admin: the dashboards and the participants' CSV.

events/admin.py puts them under /admin/ through `admin_site.admin_view`, which sends anyone
who is not active staff to the admin's sign-in page; each view then checks the model
permission it needs (403 without it). Thin: ask a domain module, render.
"""

from datetime import UTC

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from events.live.waves import wave_figures, waves_by_cell_and_minute
from events.models import Event, Photo
from events.organiser.charts import bar_chart
from events.organiser.dashboard import event_dashboard, event_summaries
from events.organiser.export import csv_rows
from events.web.csvstream import csv_download
from events.zones.localformat import country_name, date_text, short_date_text


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def dashboard_index(request: HttpRequest, admin_context: dict) -> HttpResponse:
    _require(request, "events.view_participant")
    return render(
        request,
        "admin/events/dashboard_index.html",
        {**admin_context, "title": _("Dashboard"), "summaries": event_summaries()},
    )


def dashboard(request: HttpRequest, event: Event, admin_context: dict) -> HttpResponse:
    _require(request, "events.view_participant")
    figures = event_dashboard(event)
    hourly = bar_chart(
        [(f"{short_date_text(hour)}, {hour:%H}:00 UTC", people) for hour, people in figures.hourly],
        axis_labels=[f"{hour:%d %b}" if hour.hour == 0 else "" for hour, _ in figures.hourly],
    )
    daily_every = max(1, len(figures.daily) // 8)
    daily = bar_chart(
        [(date_text(day), people) for day, people in figures.daily],
        axis_labels=[
            f"{day:%d %b}" if index % daily_every == 0 else ""
            for index, (day, _) in enumerate(figures.daily)
        ],
    )
    wave_hours = bar_chart(
        [
            (f"{hour:02d}:00–{hour:02d}:59", people)
            for hour, people in enumerate(figures.wave_hours)
        ],
        axis_labels=[f"{hour:02d}" if hour % 3 == 0 else "" for hour in range(24)],
        height=180,
    )
    waves = wave_figures(event) if timezone.now() >= event.window_start else None
    waves_chart = (
        bar_chart(
            [(f"{minute:%H:%M} UTC", count) for minute, count in waves.per_minute],
            axis_labels=[f"{minute:%H:%M}" for minute, _ in waves.per_minute],
            height=180,
        )
        if waves and waves.per_minute
        else None
    )
    return render(
        request,
        "admin/events/dashboard.html",
        {
            "waves": waves,
            "waves_chart": waves_chart,
            "wave_countries": [
                (country_name(code) or _("Not known"), count) for code, count in waves.by_country
            ]
            if waves
            else [],
            **admin_context,
            "title": _("Dashboard: %(title)s") % {"title": event.title},
            "event": event,
            "figures": figures,
            "hourly_chart": hourly,
            "daily_chart": daily,
            "wave_hours_chart": wave_hours,
            "wave_hours": list(enumerate(figures.wave_hours)),
            "now": timezone.now(),
            # What to do next on this event's page: its announcements and photos waiting.
            "announcement_count": event.announcements.count(),
            "photos_waiting": Photo.objects.filter(
                event=event, status=Photo.Status.PENDING
            ).count(),
        },
    )


def participants_csv(participants: QuerySet, name: str) -> StreamingHttpResponse:
    """The participants as a CSV download, streamed: never the whole file in memory."""
    stamp = timezone.now().astimezone(UTC).strftime("%Y%m%d-%H%M")
    response = csv_download(csv_rows(participants), f"{name}-{stamp}.csv")
    response["Cache-Control"] = "private, no-store"
    return response


def waves_csv(event: Event) -> StreamingHttpResponse:
    """The event's waves per 10° square and minute, for the organisers: never a place."""

    def rows():
        yield ["minute_utc", "square_south_latitude", "square_west_longitude", "waves"]
        for (minute, latitude, longitude), count in waves_by_cell_and_minute(event):
            yield [minute.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ"), latitude, longitude, count]

    return csv_download(rows(), f"{event.slug}-waves.csv")
