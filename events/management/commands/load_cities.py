from django.core.management.base import BaseCommand
from django.db import transaction

from events.models import City
from events.places.cities import city_rows


class Command(BaseCommand):
    help = (
        "Fill the City table from the shipped GeoNames set; a second run adds only what is missing."
    )

    def handle(self, *args, **options) -> None:
        known = set(City.objects.values_list("geonameid", flat=True))
        new = [City(**row) for row in city_rows() if row["geonameid"] not in known]
        with transaction.atomic():
            City.objects.bulk_create(new, batch_size=2000)
        self.stdout.write(f"cities: {len(new)} added, {len(known)} already there")
