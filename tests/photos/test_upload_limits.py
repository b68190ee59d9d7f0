"""How often photo uploads may be tried: every attempt counts, accepted or refused, per
participant and per client address; over either limit a 429 page with Retry-After, and
nothing is kept."""

from datetime import timedelta

import pytest

from events.models import Participant, Photo
from events.signups.limits import Rate
from events.views.photos import UPLOAD_RATE_PER_PARTICIPANT
from tests.factories import CASSINI_START, image_bytes, make_event, make_participant, photo_upload
from tests.html import text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

HOUR = timedelta(hours=1)


def upload_url(participant: Participant) -> str:
    return f"/signup/{participant.manage_key}/photo/"


def post_photo(client, participant, address="192.0.2.1", **fields):
    data = {"photo": photo_upload(image_bytes()), "caption": "", "consent": "on", **fields}
    return client.post(upload_url(participant), data, REMOTE_ADDR=address)


def refused_attempt(client, participant, address="192.0.2.1"):
    """An attempt that fails the form (no consent): it is counted all the same."""
    response = post_photo(client, participant, address, consent="")
    assert response.status_code == 400
    return response


def assert_limited(response) -> None:
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "Too many tries at sending a photo" in text(response)
    assert "Nothing was kept" in text(response)


def test_a_participant_over_the_limit_gets_a_429_from_any_address(client, clock, media):
    clock.move_to(CASSINI_START + HOUR)
    participant = make_participant(make_event())
    for number in range(UPLOAD_RATE_PER_PARTICIPANT.count):
        refused_attempt(client, participant, address=f"192.0.2.{number + 1}")
    limited = post_photo(client, participant, address="198.51.100.1")
    assert_limited(limited)
    assert f'href="{participant.get_absolute_url()}"' in limited.content.decode()
    assert Photo.objects.count() == 0
    assert media.files() == []
    # Someone else at an address the participant used is not affected.
    other = make_participant(participant.event, email="ben@example.com")
    assert post_photo(client, other, address="192.0.2.1").status_code == 303
    # The next hour, the participant may try again.
    clock.shift(HOUR)
    assert post_photo(client, participant, address="198.51.100.1").status_code == 303


def test_every_participant_behind_an_address_shares_its_limit(client, clock, media, monkeypatch):
    monkeypatch.setattr("events.views.photos.UPLOAD_RATE_PER_ADDRESS", Rate(4, 3600))
    clock.move_to(CASSINI_START + HOUR)
    event = make_event()
    ana, ben = (make_participant(event, email=f"{name}@example.com") for name in ("ana", "ben"))
    assert post_photo(client, ana).status_code == 303
    for _ in range(3):
        refused_attempt(client, ana)
    # Ben has tried nothing yet, but his address has been used up.
    assert_limited(post_photo(client, ben))
    assert Photo.objects.filter(participant=ben).count() == 0
    assert len(media.files()) == 2  # Ana's one photo and its thumbnail
    # From another address Ben is fine; the next hour, the first address is too.
    assert post_photo(client, ben, address="198.51.100.1").status_code == 303
    clock.shift(HOUR)
    assert post_photo(client, ana).status_code == 303


def test_looking_at_the_upload_page_is_not_an_attempt(client, monkeypatch):
    monkeypatch.setattr("events.views.photos.UPLOAD_RATE_PER_PARTICIPANT", Rate(1, 3600))
    monkeypatch.setattr("events.views.photos.UPLOAD_RATE_PER_ADDRESS", Rate(1, 3600))
    participant = make_participant(make_event())
    for _ in range(5):
        assert client.get(upload_url(participant), REMOTE_ADDR="192.0.2.1").status_code == 200
        assert client.head(upload_url(participant), REMOTE_ADDR="192.0.2.1").status_code == 200
    assert post_photo(client, participant).status_code == 303
    assert_limited(post_photo(client, participant))
