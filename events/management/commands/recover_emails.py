from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from events.signups.outbox import recover_stalled_emails


class Command(BaseCommand):
    help = (
        "Give a new task to emails stalled by a dead worker (run it from cron every few "
        "minutes; `manage.py worker` also runs it when it starts)."
    )

    def handle(self, *args, **options) -> None:
        recovered = recover_stalled_emails(
            timezone.now(), timedelta(seconds=settings.EMAIL_SEND_TIMEOUT)
        )
        self.stdout.write(
            f"recovered {recovered.queued} queued and {recovered.sending} mid-send emails"
        )
