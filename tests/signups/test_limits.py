"""Rate limits: counting in the shared store (the database or Redis), and what they let
through on the sign-up form (a family behind one address) and what they stop (a flood, an
inbox bombed)."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import override_settings

from events.models import EmailDelivery, LimitCounter, Participant
from events.signups import limits
from events.signups.limits import Rate, hit
from tests.factories import NOW, signup_data, signup_url, upcoming_event
from tests.html import text

# --- counting, in either store ------------------------------------------------------------


@pytest.fixture(params=["database", "cache"])
def store(request, settings):
    """Each counting test runs against both stores: the LimitCounter table (the default
    without Redis) and the cache (Redis in CI's second pass, local memory here)."""
    settings.RATE_LIMIT_STORE = request.param
    request.getfixturevalue("db")
    return request.param


def test_a_limit_allows_its_count_then_refuses_until_the_window_ends(clock, store):
    rate = Rate(count=3, seconds=600)
    assert [hit("test", "192.0.2.1", rate).allowed for _ in range(4)] == [True] * 3 + [False]
    refused = hit("test", "192.0.2.1", rate)
    assert not refused.allowed
    assert 0 < refused.retry_after <= 600
    assert hit("test", "192.0.2.2", rate).allowed  # someone else
    assert hit("other-scope", "192.0.2.1", rate).allowed  # something else
    clock.move_to(NOW + timedelta(seconds=600))
    assert hit("test", "192.0.2.1", rate).allowed


def test_counter_keys_hold_no_personal_data(monkeypatch, store):
    keys = []
    if store == "cache":
        monkeypatch.setattr(cache, "add", lambda key, *args, **kwargs: keys.append(key) or True)
    hit("signup-repeat", "ana@example.com", Rate(3, 3600))
    if store == "database":
        keys = list(LimitCounter.objects.values_list("key", flat=True))
    assert len(keys) == 1
    assert "ana" not in keys[0] and "example" not in keys[0]


def test_the_database_store_clears_away_ended_windows_once_a_minute(
    clock, settings, db, monkeypatch
):
    settings.RATE_LIMIT_STORE = "database"
    monkeypatch.setattr(limits, "_last_cleared", time.monotonic())  # cleared a moment ago
    for address in ("192.0.2.1", "192.0.2.2"):
        hit("test", address, Rate(5, 60))
    hit("test", "192.0.2.1", Rate(5, 60))
    assert sorted(LimitCounter.objects.values_list("count", flat=True)) == [1, 2]
    clock.move_to(NOW + timedelta(minutes=5))
    hit("test", "192.0.2.3", Rate(5, 60))  # cleared less than a minute ago: kept for now
    assert LimitCounter.objects.count() == 3
    monkeypatch.setattr(limits, "_last_cleared", limits._last_cleared - limits.CLEAR_EVERY)
    hit("test", "192.0.2.4", Rate(5, 60))  # a minute on: the ended windows go
    assert sorted(LimitCounter.objects.values_list("count", flat=True)) == [1, 1]


def test_a_broken_cache_lets_people_through(monkeypatch, caplog, settings):
    settings.RATE_LIMIT_STORE = "cache"

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "add", broken)
    assert hit("test", "192.0.2.1", Rate(1, 60)).allowed
    assert "not checked: the store is unavailable" in caplog.text


@pytest.mark.django_db
def test_a_broken_counter_table_lets_people_through_and_spoils_no_transaction(
    monkeypatch, caplog, settings
):
    settings.RATE_LIMIT_STORE = "database"
    monkeypatch.setattr(LimitCounter._meta, "db_table", "no_such_table")
    with transaction.atomic():
        assert hit("test", "192.0.2.1", Rate(1, 60)).allowed
        assert hit("test", "192.0.2.1", Rate(1, 60)).allowed
        # The caller's transaction goes on (on PostgreSQL a failed statement outside a
        # savepoint would refuse every later one).
        assert Participant.objects.count() == 0
    assert "not checked: the store is unavailable" in caplog.text


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_database_counts_are_exact_under_concurrent_hits(settings):
    settings.RATE_LIMIT_STORE = "database"
    rate = Rate(count=10, seconds=3600)
    barrier = threading.Barrier(8)

    def burst(_) -> list[bool]:
        barrier.wait()
        try:
            return [hit("race", "192.0.2.1", rate).allowed for _ in range(5)]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        verdicts = [allowed for answers in pool.map(burst, range(8)) for allowed in answers]
    assert verdicts.count(True) == 10
    assert LimitCounter.objects.get().count == 40


# --- on the sign-up form -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_family_of_five_from_one_address_is_not_blocked(client):
    event = upcoming_event()
    for name in ["Ana", "Ben", "Cy", "Dee", "Eve"]:
        # Each gets one thing wrong first, then signs up.
        assert client.post(signup_url(event), signup_data(name="", email="x")).status_code == 400
        response = client.post(
            signup_url(event), signup_data(name=name, email=f"{name}@example.com")
        )
        assert response.status_code == 303
    assert Participant.objects.count() == 5


@pytest.mark.django_db
@override_settings(SIGNUP_RATE_LIMIT=5)
def test_a_flood_from_one_address_gets_a_429_with_a_page(client):
    event = upcoming_event()
    for number in range(5):
        client.post(signup_url(event), signup_data(email=f"bot{number}@example.com"))
    response = client.post(signup_url(event), signup_data(email="bot5@example.com"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many sign-ups from your network" in text(response)
    assert Participant.objects.count() == 5
    # Another address is not affected.
    other = client.post(
        signup_url(event), signup_data(email="ana@example.com"), REMOTE_ADDR="192.0.2.7"
    )
    assert other.status_code == 303


@pytest.mark.django_db
@override_settings(SIGNUP_RATE_LIMIT=2, TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_limit_counts_the_forwarded_address(client):
    event = upcoming_event()

    def post(email: str, forwarded: str):
        return client.post(
            signup_url(event), signup_data(email=email), HTTP_X_FORWARDED_FOR=forwarded
        )

    assert post("a@example.com", "198.51.100.1").status_code == 303
    assert post("b@example.com", "198.51.100.1").status_code == 303
    # Forging a left-hand entry does not help: the proxy's own entry is on the right.
    assert post("c@example.com", "203.0.113.9, 198.51.100.1").status_code == 429
    assert post("d@example.com", "198.51.100.2").status_code == 303


@pytest.mark.django_db
def test_repeated_signups_do_not_flood_an_inbox(client):
    event = upcoming_event()
    for _ in range(8):
        assert client.post(signup_url(event), signup_data()).status_code == 303
    # The first sign-up's email, then at most three repeats an hour.
    assert EmailDelivery.objects.count() == 4
    assert Participant.objects.count() == 1
