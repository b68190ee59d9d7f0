"""The LimitCounter table: rate-limit counters every app server shares through the
database, for a site that runs without Redis (events/signups/limits.py)."""

from django.db import models
from django.utils.translation import gettext_lazy


class LimitCounter(models.Model):
    """How many hits one (scope, identity, window) has had. The key is hashed: no
    personal data. Rows of past windows are deleted as new windows begin."""

    key = models.CharField(verbose_name=gettext_lazy("key"), max_length=120, primary_key=True)
    count = models.PositiveIntegerField(verbose_name=gettext_lazy("count"), default=0)
    # Unix seconds after which the window is over and the row can go.
    expires = models.BigIntegerField(verbose_name=gettext_lazy("expires"), db_index=True)

    class Meta:
        verbose_name = gettext_lazy("rate-limit counter")

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
