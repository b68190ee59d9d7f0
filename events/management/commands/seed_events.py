from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from events.organiser.seed import seed_events


class Command(BaseCommand):
    help = "Add the 2013 photo sessions and a sample event; existing events are left as they are."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            results = seed_events(timezone.now())
        for event, created in results:
            state = "added" if created else "already there, unchanged"
            self.stdout.write(f"{event.slug}: {state}")
