"""The admin's rehearsal actions on events (events/live/rehearsal.py): open a 15-minute
test window now, or end it early. Each event selected is tried on its own; a refusal is
said for that event, in words, and the others go on."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext

from events.live.rehearsal import REHEARSAL_LENGTH, end_rehearsal, open_rehearsal
from events.refusal import Refused


@admin.action(description=gettext_lazy("Rehearse: open a 15-minute test window now"))
def rehearse_events(modeladmin, request, queryset) -> None:
    now = timezone.now()
    for event in queryset:
        try:
            open_rehearsal(event, now)
        except Refused as refusal:
            modeladmin.message_user(request, refusal.message, messages.ERROR)
            continue
        modeladmin.message_user(
            request,
            gettext(
                "Rehearsal of “%(event)s” open until %(end)s UTC: “I'm waving!” is on its "
                "page for %(minutes)d minutes, labelled “Rehearsal — not counted”."
            )
            % {
                "event": event.title,
                "end": f"{event.rehearsal_end:%H:%M}",
                "minutes": REHEARSAL_LENGTH.seconds // 60,
            },
            messages.SUCCESS,
        )


@admin.action(description=gettext_lazy("End the rehearsal now"))
def end_rehearsals(modeladmin, request, queryset) -> None:
    now = timezone.now()
    for event in queryset:
        try:
            waves = end_rehearsal(event, now)
        except Refused as refusal:
            modeladmin.message_user(request, refusal.message, messages.WARNING)
            continue
        modeladmin.message_user(
            request,
            ngettext(
                "Rehearsal of “%(event)s” ended: %(count)d wave was tried (not counted; "
                "cleared by the next rehearsal).",
                "Rehearsal of “%(event)s” ended: %(count)d waves were tried (not counted; "
                "cleared by the next rehearsal).",
                waves,
            )
            % {"event": event.title, "count": waves},
            messages.SUCCESS,
        )
