"""Seeding a fresh site: the two real sessions of 19 July 2013, the Pale Blue Dot of 1990,
and two samples (one placed by an ephemeris table), once."""

from datetime import UTC, date, datetime, timedelta
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
    sample = Event.objects.get(slug="sample-wave")
    assert sample.window_start > now + timedelta(days=7)
    assert all(e.title.startswith("Sample") for e in Event.objects.filter(is_sample=True))
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
    assert out.getvalue().count("already there, unchanged") == 5


def test_seed_adds_the_pale_blue_dot_as_a_fixed_direction_with_its_earth_window(clock):
    clock.move_to(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    call_command("seed_events", stdout=StringIO())
    voyager = Event.objects.get(slug="pale-blue-dot-1990")
    assert voyager.target_kind == Event.TargetKind.DIRECTION
    assert voyager.camera_start.date() == date(1990, 2, 14)
    assert 5.5e9 < voyager.distance_km < 6.5e9
    assert "approximate" in voyager.description.lower()
    # Light from 6 billion km takes 5 h 34 min: the Earth window is that much earlier
    # (to the minute, as announced).
    light = timedelta(seconds=voyager.distance_km / 299_792.458)
    assert abs(voyager.window_start - (voyager.camera_start - light)) <= timedelta(seconds=30)
    assert not voyager.is_sample and voyager.phase() == "past"


def test_seed_adds_a_labelled_sample_placed_by_its_shipped_table(clock):
    clock.move_to(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    call_command("seed_events", stdout=StringIO())
    probe = Event.objects.get(slug="sample-probe-in-cruise")
    assert probe.is_sample and probe.title.startswith("Sample")
    assert probe.target_kind == Event.TargetKind.TABLE
    assert "NOT a real spacecraft" in probe.target_table
    assert "$$SOE" in probe.target_table
    # The Earth window comes before the camera window, by minutes (a probe ~1 au away).
    lead = probe.camera_start - probe.window_start
    assert timedelta(minutes=2) < lead < timedelta(minutes=20)
    probe.full_clean()  # the shipped table passes the admin's checks
