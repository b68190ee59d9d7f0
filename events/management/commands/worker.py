"""`manage.py worker`: the task worker, after bringing back what a dead worker left.

Use it instead of `db_worker` (it takes the same options); `make run` and `make serve` do.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from events.signups.outbox import recover_stalled_emails


class Command(DBWorkerCommand):
    help = "Recover emails stalled by a dead worker, then run django-tasks-db's worker."

    def handle(self, *args, **options):
        recovered = recover_stalled_emails(
            timezone.now(), timedelta(seconds=settings.EMAIL_SEND_TIMEOUT)
        )
        if recovered.queued or recovered.sending:
            self.stdout.write(
                f"recovered {recovered.queued} queued and {recovered.sending} mid-send emails"
            )
        return super().handle(*args, **options)
