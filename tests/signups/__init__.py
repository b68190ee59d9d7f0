"""Helpers for the sign-up and mail tests: an upcoming event, form data, and a task runner
that does what `manage.py db_worker` does with the email queue."""

from datetime import UTC, datetime

from django_tasks_db.models import DBTaskResult

from events.models import City, Event
from events.places.cities import fold
from tests.factories import make_event

# "Now" in these tests, and an event seven weeks later (the 2013 window, in 2026).
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
WINDOW_START = datetime(2026, 7, 19, 21, 27, tzinfo=UTC)
WINDOW_END = datetime(2026, 7, 19, 21, 42, tzinfo=UTC)


def upcoming_event(**fields) -> Event:
    return make_event(
        **{
            "window_start": WINDOW_START,
            "window_end": WINDOW_END,
            "title": "Wave at Saturn",
            **fields,
        }
    )


def signup_data(**fields) -> dict:
    """What a person fills in: a name, an address and a zone (no city)."""
    return {
        "name": "Ana",
        "email": "ana@example.com",
        "city_query": "",
        "tz": "Europe/Paris",
        **fields,
    }


def run_queued_emails() -> list[str]:
    """Run every email task that is due, as a worker would; the tasks' outcomes, in order.

    (The real worker is not called: it closes "old" database connections, which would end
    the test's transaction.)
    """
    outcomes = []
    while batch := list(DBTaskResult.objects.ready().filter(queue_name="email")):
        for result in batch:
            result.claim("test-worker")
            arguments = result.args_kwargs
            outcome = result.task.call(*arguments["args"], **arguments["kwargs"])
            result.set_successful(outcome)
            outcomes.append(outcome)
    return outcomes


def queued_email_tasks() -> int:
    return DBTaskResult.objects.filter(queue_name="email").count()


def make_city(
    geonameid: int, name: str, country_code: str, country: str, zone: str, **fields
) -> City:
    defaults = {
        "geonameid": geonameid,
        "name": name,
        "ascii_name": fold(name),
        "search_name": fold(name),
        "country_code": country_code,
        "country": country,
        "latitude": 0.0,
        "longitude": 0.0,
        "zone": zone,
        "population": 100_000,
    }
    return City.objects.create(**{**defaults, **fields})
