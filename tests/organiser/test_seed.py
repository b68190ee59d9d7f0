"""Seeding a fresh site: the two real sessions of 19 July 2013 and a future sample, once."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from events.models import Announcement, Event

pytestmark = pytest.mark.django_db


def test_seed_creates_the_real_2013_events_and_a_future_sample(clock):
    now = clock.move_to(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    call_command("seed_events", stdout=StringIO())
    cassini = Event.objects.get(slug="wave-at-saturn-2013")
    assert (cassini.spacecraft, cassini.target) == ("Cassini", "Saturn")
    assert cassini.window_start == datetime(2013, 7, 19, 21, 27, tzinfo=UTC)
    assert cassini.window_end == datetime(2013, 7, 19, 21, 42, tzinfo=UTC)
    assert cassini.reported_participants == 20_000
    assert cassini.target_body == "saturn barycenter"
    assert cassini.camera_start == datetime(2013, 7, 19, 22, 47, 13, tzinfo=UTC)
    assert cassini.camera_end == datetime(2013, 7, 19, 23, 1, 56, tzinfo=UTC)
    assert 1.43e9 < cassini.distance_km < 1.45e9
    messenger = Event.objects.get(slug="messenger-earth-moon-2013")
    assert (messenger.spacecraft, messenger.target) == ("MESSENGER", "Mercury")
    assert messenger.target_body == "mercury"
    assert messenger.window_start == datetime(2013, 7, 19, 11, 49, tzinfo=UTC)
    assert messenger.window_end == datetime(2013, 7, 19, 13, 41, tzinfo=UTC)
    assert "three frames" in messenger.description
    sample = Event.objects.get(is_sample=True)
    assert sample.window_start > now + timedelta(days=7)
    assert sample.title.startswith("Sample")
    assert all(event.is_published for event in Event.objects.all())
    assert Announcement.objects.filter(event=cassini).count() == 1


def test_seeding_twice_changes_nothing(clock):
    clock.move_to(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    call_command("seed_events", stdout=StringIO())
    cassini = Event.objects.get(slug="wave-at-saturn-2013")
    cassini.title = "Wave at Saturn (edited by an organiser)"
    cassini.save()
    before = list(Event.objects.order_by("pk").values())
    clock.move_to(datetime(2026, 12, 25, 9, 0, tzinfo=UTC))
    out = StringIO()
    call_command("seed_events", stdout=out)
    assert list(Event.objects.order_by("pk").values()) == before
    assert Announcement.objects.count() == 1
    assert out.getvalue().count("already there, unchanged") == 3
