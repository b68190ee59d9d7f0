"""The ScheduledRun table: which task run of a recurring job is the one waiting, so that
a job that queues its own next run (the reminders' planner, events/signups/reminders.py)
stays one chain however many workers start it."""

from django.db import models
from django.utils.translation import gettext_lazy


class ScheduledRun(models.Model):
    """The waiting run of one recurring job: its task's id in Django's Tasks API."""

    name = models.CharField(verbose_name=gettext_lazy("name"), max_length=50, primary_key=True)
    task_id = models.CharField(verbose_name=gettext_lazy("task ID"), max_length=64, blank=True)
    due_at = models.DateTimeField(verbose_name=gettext_lazy("due at"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("scheduled run")

    def __str__(self) -> str:
        return f"{self.name}: task {self.task_id or '—'} due {self.due_at}"
