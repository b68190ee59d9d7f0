"""Fill an event with made-up participants, to see and measure the dashboard and the lists.

Realistic enough to look at: people come from the City table weighted by population (so
Tokyo, Delhi and Shanghai lead), sign up mostly in their own daytime over the six weeks
before the window, more of them as it nears; most confirm within the hour, most ask for
announcements. Every row has is_generated set: the admin shows it, and announcements are
not sent to such rows unless the organiser asks. Addresses are under generated.example, a
domain reserved for examples (RFC 2606), so no email can reach anyone.
"""

import random
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from events.models import City, Event, Participant
from events.places.cities import fold

GIVEN_NAMES = (
    "Ana", "Wei", "Priya", "Mohammed", "Sofia", "Kenji", "Amara", "Lucas", "Fatima", "Ivan",
    "Mei", "Diego", "Aisha", "Noah", "Yuki", "Chloé", "Arjun", "Olga", "Kwame", "Emma",
    "Hiroshi", "Zanele", "Mateo", "Leila", "Jonas", "Ngozi", "Carlos", "Ingrid", "Ravi", "Lena",
    "Tomás", "Hana", "Samuel", "Anh", "Omar", "Freya", "Jin", "Valentina", "Kofi", "Sara",
)  # fmt: skip
FAMILY_NAMES = (
    "Silva", "Wang", "Sharma", "Hassan", "Rossi", "Tanaka", "Okafor", "Müller", "Khan", "Petrov",
    "Chen", "García", "Nkosi", "Smith", "Suzuki", "Dubois", "Patel", "Ivanova", "Mensah", "Jensen",
    "Kim", "Nguyen", "Ali", "Larsen", "Kowalski", "Santos", "Mwangi", "Lopez", "Yilmaz", "Novak",
    "Haddad", "Fernández", "Sato", "Singh", "Costa", "Andersson", "Park", "Moreau", "Adeyemi", "Li",
)  # fmt: skip

# Shares of the generated sign-ups, roughly what a public event sees.
CONFIRMED_SHARE = 0.88
ANNOUNCEMENTS_SHARE = 0.7
ZONE_ONLY_SHARE = 0.15  # picked a time zone, no city
SIGNUP_PERIOD = timedelta(days=42)
EMAIL_DOMAIN = "generated.example"


@dataclass(frozen=True)
class Home:
    """A City row reduced to what a generated sign-up copies from it."""

    pk: int
    country_code: str
    country: str
    zone: ZoneInfo


def _places() -> tuple[list[Home], list[int]]:
    rows = City.objects.order_by("pk").values_list(
        "pk", "country_code", "country", "zone", "population"
    )
    places, weights = [], []
    zones: dict[str, ZoneInfo] = {}
    for pk, country_code, country, zone, population in rows.iterator(chunk_size=5000):
        if zone not in zones:
            try:
                zones[zone] = ZoneInfo(zone)
            except (KeyError, ValueError):
                continue
        places.append(Home(pk, country_code, country, zones[zone]))
        weights.append(max(population, 1))
    return places, weights


def signup_period(event: Event, now: datetime) -> tuple[datetime, datetime]:
    """The six weeks before the window, or before now if the window is further ahead."""
    end = min(event.window_start - timedelta(minutes=1), now)
    return end - SIGNUP_PERIOD, end


def _signup_time(rng: random.Random, start: datetime, end: datetime, zone: ZoneInfo):
    """More sign-ups as the day nears (density grows with the square of time), and mostly
    between 08:00 and 23:59 on the person's own clock."""
    span = (end - start).total_seconds()
    for _ in range(3):
        moment = start + timedelta(seconds=span * rng.betavariate(3, 1))
        if moment.astimezone(zone).hour >= 8:
            break
    return moment


def generated_participants(
    event: Event, count: int, rng: random.Random, now: datetime, places, weights
):
    """`count` unsaved Participant rows for `event`, drawn with `rng`."""
    start, end = signup_period(event, now)
    run = secrets.token_hex(3)  # addresses stay unique across several runs
    chosen = rng.choices(places, weights=weights, k=count)
    given_names = [(name, fold(name)) for name in GIVEN_NAMES]
    family_names = [(name, fold(name)) for name in FAMILY_NAMES]
    for number, place in enumerate(chosen):
        (given, given_ascii), (family, family_ascii) = (
            rng.choice(given_names),
            rng.choice(family_names),
        )
        created = _signup_time(rng, start, end, place.zone)
        confirmed = None
        if rng.random() < CONFIRMED_SHARE:
            confirmed = min(created + timedelta(minutes=rng.expovariate(1 / 20)), end)
        yield Participant(
            event_id=event.pk,
            name=f"{given} {family}",
            email=f"{given_ascii}.{family_ascii}.{run}-{number}@{EMAIL_DOMAIN}",
            city_id=None if rng.random() < ZONE_ONLY_SHARE else place.pk,
            zone=place.zone.key,
            country_code=place.country_code,
            country=place.country,
            wants_announcements=rng.random() < ANNOUNCEMENTS_SHARE,
            confirmed_at=confirmed,
            created_at=created,
            is_generated=True,
        )


class Command(BaseCommand):
    help = "Add N made-up participants, flagged as generated, to an event (demos, benchmarks)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug", help="the event's slug")
        parser.add_argument("count", type=int, help="how many participants to add")
        parser.add_argument("--seed", type=int, default=None, help="repeatable randomness")
        parser.add_argument("--batch-size", type=int, default=20_000, help="rows per transaction")

    def handle(self, *args, slug: str, count: int, seed, batch_size: int, **options) -> None:
        event = Event.objects.filter(slug=slug).first()
        if event is None:
            raise CommandError(f"No event with the slug {slug!r}.")
        if count < 1:
            raise CommandError("Give a number of participants of 1 or more.")
        places, weights = _places()
        if not places:
            raise CommandError("The City table is empty: run `manage.py load_cities` first.")
        began = time.perf_counter()
        rng = random.Random(seed)  # noqa: S311 - made-up data, not secrets
        rows = generated_participants(event, count, rng, timezone.now(), places, weights)
        if connection.vendor == "sqlite":
            # Every row goes into a dozen indexes at scattered places; with SQLite's default
            # 2 MB page cache most of those pages are read and written again for each
            # batch. 256 MB (for this connection only) keeps them in memory: twice as fast.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size = -262144")
        added = 0
        while batch := list(islice(rows, batch_size)):
            # One transaction per batch: memory stays flat, and progress is kept.
            with transaction.atomic():
                Participant.objects.bulk_create(batch, batch_size=5000)
            added += len(batch)
            if options["verbosity"] > 1:
                self.stdout.write(f"  {added:,} of {count:,}")
        # Planner statistics for the new rows: PostgreSQL's autovacuum would gather them
        # in a while; SQLite never does, and without them it reads one event's rows through
        # an index, a random lookup each, instead of scanning (1.2 s against 0.1 s).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE events_participant")
        seconds = time.perf_counter() - began
        self.stdout.write(
            f"{added:,} generated participants added to {slug} in {seconds:.1f} s "
            f"({added / seconds:,.0f} per second)."
        )
