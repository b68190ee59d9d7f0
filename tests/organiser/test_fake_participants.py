"""`manage.py fake_participants`: made-up sign-ups that look real and say they are not."""

from collections import Counter
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from events.management.commands.fake_participants import SIGNUP_PERIOD
from events.models import City, Participant
from tests.factories import NOW, make_city, upcoming_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities(clock):
    clock.move_to(NOW)
    return [
        make_city("Tokyo", "JP", "Japan", "Asia/Tokyo", population=9_000_000),
        make_city("Paris", "FR", "France", "Europe/Paris", population=2_000_000),
        make_city("Annecy", "FR", "France", "Europe/Paris", population=1_000),
    ]


def fill(slug: str, count: int, *extra: str) -> str:
    out = StringIO()
    call_command("fake_participants", slug, str(count), "--seed", "7", *extra, stdout=out)
    return out.getvalue()


def test_it_adds_n_flagged_participants_in_real_places(cities):
    event = upcoming_event()
    output = fill(event.slug, 1000, "--batch-size", "300")

    assert f"1,000 generated participants added to {event.slug}" in output
    people = Participant.objects.filter(event=event)
    assert people.count() == 1000
    assert set(people.values_list("is_generated", flat=True)) == {True}
    places = {city.pk: city for city in City.objects.all()}
    for participant in people.exclude(city=None):
        city = places[participant.city_id]
        assert (participant.zone, participant.country_code, participant.country) == (
            city.zone,
            city.country_code,
            city.country,
        )
    assert all(
        email.endswith("@generated.example") for email in people.values_list("email", flat=True)
    )


def test_places_are_weighted_by_population(cities):
    event = upcoming_event()
    fill(event.slug, 1000)
    zones = Counter(Participant.objects.values_list("zone", flat=True))
    # Tokyo has 9 of the 11 million people.
    assert 760 < zones["Asia/Tokyo"] < 870
    assert zones["Asia/Tokyo"] + zones["Europe/Paris"] == 1000


def test_sign_up_times_are_spread_over_the_weeks_before_the_window(cities):
    event = upcoming_event()  # the window is seven weeks after NOW
    fill(event.slug, 1000)
    people = Participant.objects.filter(event=event)
    times = sorted(people.values_list("created_at", flat=True))
    assert times[0] >= NOW - SIGNUP_PERIOD and times[-1] <= NOW  # never in the future
    assert len({moment.date() for moment in times}) > 30
    # More as the day nears: the last week has more sign-ups than the first.
    first_week = sum(moment < NOW - SIGNUP_PERIOD + (SIGNUP_PERIOD / 6) for moment in times)
    last_week = sum(moment > NOW - SIGNUP_PERIOD / 6 for moment in times)
    assert last_week > 5 * first_week
    confirmed = people.exclude(confirmed_at=None)
    assert 830 < confirmed.count() < 930
    assert all(p.created_at <= p.confirmed_at <= NOW for p in confirmed)
    assert 0.6 < people.filter(wants_announcements=True).count() / 1000 < 0.8


def test_for_a_past_event_every_sign_up_is_before_the_window(cities):
    event = upcoming_event(window_start=datetime(2013, 7, 19, 21, 27, tzinfo=UTC))
    fill(event.slug, 200)
    latest = Participant.objects.order_by("-created_at").first().created_at
    assert latest < event.window_start


def test_running_it_again_adds_more_with_fresh_addresses(cities):
    event = upcoming_event()
    fill(event.slug, 50)
    fill(event.slug, 50)  # the same seed: same names, new addresses
    assert Participant.objects.filter(event=event).count() == 100


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("no-such-event", "5"), "No event with the slug 'no-such-event'"),
        (("{slug}", "0"), "Give a number of participants of 1 or more"),
    ],
    ids=["unknown-event", "zero"],
)
def test_it_refuses_what_it_cannot_do(cities, arguments, message):
    event = upcoming_event()
    with pytest.raises(CommandError, match=message):
        call_command("fake_participants", *(a.format(slug=event.slug) for a in arguments))


def test_it_needs_the_city_table():
    event = upcoming_event()
    with pytest.raises(CommandError, match=r"run `manage\.py load_cities` first"):
        call_command("fake_participants", event.slug, "5")
    assert not Participant.objects.exists()
