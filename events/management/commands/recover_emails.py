"""`manage.py recover_emails`: give a new task to emails a dead worker left behind, and
make sure the reminders' planner (events/signups/reminders.py) is queued.

Run it before starting the task workers (`make run` and scripts/serve.sh do), then
django-tasks-db's own `manage.py db_worker`; from cron every few minutes as well if workers
may die while others keep running.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from events.signups.outbox import recover_stalled_emails
from events.signups.reminders import ensure_planner


class Command(BaseCommand):
    help = (
        "Give a new task to emails stalled by a dead worker: run it before `db_worker`, "
        "and from cron every few minutes if wanted."
    )

    def handle(self, *args, **options) -> None:
        recovered = recover_stalled_emails(
            timezone.now(), timedelta(seconds=settings.EMAIL_SEND_TIMEOUT)
        )
        self.stdout.write(
            f"recovered {recovered.queued} queued and {recovered.sending} mid-send emails"
        )
        # The reminders' planner keeps itself going once queued; this queues it if it is not.
        if ensure_planner():
            self.stdout.write("queued the reminders' planner")
