"""The City table: GeoNames’ cities of 15,000+ people, what sign-ups and the sky search."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy


class City(models.Model):
    """A place people wave from: GeoNames' cities of 15,000+ (load with `load_cities`)."""

    geonameid = models.PositiveIntegerField(verbose_name=gettext_lazy("geonameid"), unique=True)
    name = models.CharField(verbose_name=gettext_lazy("name"), max_length=200)
    ascii_name = models.CharField(verbose_name=gettext_lazy("ASCII name"), max_length=200)
    # Lower-case, accents removed: what the search box matches by prefix.
    search_name = models.CharField(verbose_name=gettext_lazy("search name"), max_length=200)
    country_code = models.CharField(
        verbose_name=gettext_lazy("country code"), max_length=2, db_index=True
    )
    country = models.CharField(verbose_name=gettext_lazy("country"), max_length=100)
    admin1_code = models.CharField(
        verbose_name=gettext_lazy("region code"), max_length=20, blank=True
    )
    latitude = models.FloatField(verbose_name=gettext_lazy("latitude"))
    longitude = models.FloatField(verbose_name=gettext_lazy("longitude"))
    zone = models.CharField(verbose_name=gettext_lazy("zone"), max_length=64)
    population = models.PositiveIntegerField(verbose_name=gettext_lazy("population"), default=0)

    class Meta:
        ordering = ["-population", "name"]
        verbose_name_plural = gettext_lazy("cities")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="events_city_coordinates_on_earth",
            ),
        ]
        indexes = [
            # City search: `search_name LIKE 'pre%'`; the pattern opclass lets PostgreSQL
            # use the index whatever the database's collation (other databases ignore it).
            models.Index(
                fields=["search_name"],
                name="events_city_search_prefix",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(fields=["-population"], name="events_city_population"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.country}"
