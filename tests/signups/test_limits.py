"""Rate limits: counting in the shared cache, and what they let through on the sign-up
form (a family behind one address) and what they stop (a flood, an inbox bombed)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import override_settings

from events.models import EmailDelivery, Participant
from events.signups.limits import Rate, hit
from tests.factories import NOW, signup_data, signup_url, upcoming_event
from tests.html import text

# --- counting ----------------------------------------------------------------------------


def test_a_limit_allows_its_count_then_refuses_until_the_window_ends(clock):
    rate = Rate(count=3, seconds=600)
    assert [hit("test", "192.0.2.1", rate).allowed for _ in range(4)] == [True] * 3 + [False]
    refused = hit("test", "192.0.2.1", rate)
    assert not refused.allowed
    assert 0 < refused.retry_after <= 600
    assert hit("test", "192.0.2.2", rate).allowed  # someone else
    assert hit("other-scope", "192.0.2.1", rate).allowed  # something else
    clock.move_to(NOW + timedelta(seconds=600))
    assert hit("test", "192.0.2.1", rate).allowed


def test_counter_keys_hold_no_personal_data(monkeypatch):
    keys = []
    monkeypatch.setattr(cache, "add", lambda key, *args, **kwargs: keys.append(key) or True)
    hit("signup-repeat", "ana@example.com", Rate(3, 3600))
    assert "ana" not in keys[0] and "example" not in keys[0]


def test_a_broken_cache_lets_people_through(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "add", broken)
    assert hit("test", "192.0.2.1", Rate(1, 60)).allowed
    assert "not checked: the cache is unavailable" in caplog.text


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
