"""A rehearsal of the live wave: a 15-minute test window opened "now" from the admin, so a
team can try "I'm waving!", the live count and the map before the real moment.

Its waves are rows of their own (Wave.is_rehearsal): the real count, waves.json after it,
the dashboard, the CSV, event.json and the share image never include them. A new
rehearsal clears the last one's waves. Only an event the public does not rely on may
rehearse (a sample event or a draft), and never during or just before its real window:
the two windows must not meet.
"""

from datetime import datetime, timedelta

from django.utils.translation import gettext

from events.models import Event, Wave
from events.refusal import Refused

REHEARSAL_LENGTH = timedelta(minutes=15)


def open_rehearsal(event: Event, now: datetime) -> None:
    """Open a REHEARSAL_LENGTH test window at `now`, clearing any earlier rehearsal's waves.
    Refused for a published real event, during the real window and when the real window
    opens before the rehearsal would end."""
    if event.is_published and not event.is_sample:
        raise Refused(
            "public",
            gettext(
                "“%(event)s” is published: its visitors would see the rehearsal. Rehearse "
                "on a sample event or a draft."
            )
            % {"event": event.title},
        )
    if event.phase(now) == "live":
        raise Refused(
            "live",
            gettext("“%(event)s” is live now: its real waves are being counted.")
            % {"event": event.title},
        )
    if now <= event.window_start < now + REHEARSAL_LENGTH:
        raise Refused(
            "soon",
            gettext(
                "“%(event)s” starts within %(minutes)d minutes: a rehearsal would run into "
                "the real window."
            )
            % {"event": event.title, "minutes": REHEARSAL_LENGTH.seconds // 60},
        )
    Wave.objects.filter(event=event, is_rehearsal=True).delete()
    event.rehearsal_start, event.rehearsal_end = now, now + REHEARSAL_LENGTH
    # save(), not update(): it moves updated_at and forgets the cached version, so the
    # event page shows the rehearsal at once.
    event.save(update_fields=["rehearsal_start", "rehearsal_end", "updated_at"])


def end_rehearsal(event: Event, now: datetime) -> int:
    """Close the open rehearsal at `now`; the number of waves it had. Refused when none is
    open. Its waves stay until the next rehearsal."""
    if not event.is_rehearsing(now):
        raise Refused(
            "not_rehearsing",
            gettext("“%(event)s” has no rehearsal open.") % {"event": event.title},
        )
    event.rehearsal_end = now
    event.save(update_fields=["rehearsal_end", "updated_at"])
    return rehearsal_wave_count(event)


def rehearsal_wave_count(event: Event) -> int:
    return Wave.objects.filter(event=event, is_rehearsal=True).count()
