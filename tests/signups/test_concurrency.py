"""Sign-ups at the same instant, on PostgreSQL: one row per address, every other one kept."""

import pytest
from django.test import Client

from events.models import Event, Participant
from tests.concurrent import at_once
from tests.emails import queued_email_tasks
from tests.factories import signup_data, signup_url, upcoming_event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def post_at_once(event: Event, emails: list[str]) -> list[int]:
    """POST one sign-up per address from as many threads, released at the same moment,
    each from its own network address, as different people would be."""

    def submit(number: int, email: str):
        return lambda: (
            Client()
            .post(signup_url(event), signup_data(email=email), REMOTE_ADDR=f"198.51.100.{number}")
            .status_code
        )

    return at_once([submit(number, email) for number, email in enumerate(emails, start=1)])


def test_concurrent_duplicate_signups_make_exactly_one_row():
    event = upcoming_event()
    variants = ["ana@example.com", "ANA@example.com", "Ana@Example.com", "ana@EXAMPLE.COM"] * 3
    statuses = post_at_once(event, variants)
    assert statuses == [303] * len(variants)
    assert Participant.objects.filter(event=event).count() == 1


def test_concurrent_distinct_signups_all_count():
    event = upcoming_event()
    emails = [f"person{number}@example.com" for number in range(12)]
    statuses = post_at_once(event, emails)
    assert statuses == [303] * len(emails)
    assert Participant.objects.filter(event=event).count() == len(emails)
    assert queued_email_tasks() == len(emails)
