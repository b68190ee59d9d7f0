"""The pages of events whose target is not a planet (issue 18): the Pale Blue Dot of 1990 (a
fixed direction) and the sample probe in cruise (an ephemeris table): event page, world page
and map; and an event whose table cannot place it renders with a note, never an error."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from events.astro import sky
from events.astro.skyreport import duration_text
from events.models import Event
from tests.html import section, text, visible

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
VOYAGER, PROBE = "pale-blue-dot-1990", "sample-probe-in-cruise"
PARIS = {"lat": "48.86", "lon": "2.35"}


@pytest.fixture
def seeded(clock):
    clock.move_to(NOW)
    call_command("seed_events", stdout=StringIO())
    return {event.slug: event for event in Event.objects.all()}


@pytest.mark.parametrize("slug", [VOYAGER, PROBE])
def test_the_event_page_says_where_to_look_for_the_spacecraft(client, seeded, slug):
    event = seeded[slug]
    response = client.get(event.get_absolute_url(), PARIS)
    assert response.status_code == 200
    where = visible(section(response.content.decode(), "sky"))
    assert "We cannot say where to look" not in text(response)
    # The direction from Paris, as the sky module computes it on its own.
    start = sky.where_to_look(event.sky_target, event.window_start, 48.86, 2.35)
    assert event.spacecraft in where
    assert start.compass in where
    # Distance and light time from the target's own numbers.
    light = sky.distance_and_light_time(event.sky_target, event.window_start).light_time
    assert duration_text(light) in text(response)
    assert "may be visible by eye" not in text(response)
    # The facts name a spacecraft as what to look towards, not as a place it is at.
    assert f"Look towards {event.target}" in text(response)
    assert "Where it is" not in text(response)


def test_the_pale_blue_dot_light_time_is_its_distance_over_c(client, seeded):
    event = seeded[VOYAGER]
    light = timedelta(seconds=6_000_000_000 / 299_792.458)
    assert duration_text(light) in text(client.get(event.get_absolute_url()))
    assert "approximate" in text(client.get(event.get_absolute_url())).lower()


def test_the_sample_probe_is_labelled_a_sample(client, seeded):
    page = text(client.get(seeded[PROBE].get_absolute_url()))
    assert "sample" in page.lower()
    assert "not a real mission" in page


@pytest.mark.parametrize("slug", [VOYAGER, PROBE])
def test_the_world_page_says_whether_the_spacecraft_is_up(client, seeded, slug):
    event = seeded[slug]
    response = client.get(f"/events/{slug}/times/")
    assert response.status_code == 200
    page = text(response)
    assert "We cannot say where to look" not in page
    assert f"{event.target} up?" in page
    # Some zones see it and some do not: the column is computed, not blank.
    ups = sky.up_during(event.sky_target, event.window_start, event.window_end, [0, 0], [0, 180])
    assert {u.is_up_at_some_point for u in ups} == {True, False}


@pytest.mark.parametrize("slug", [VOYAGER, PROBE])
def test_the_map_is_drawn_for_the_spacecraft(client, seeded, slug):
    event = seeded[slug]
    response = client.get(f"/events/{slug}/map.svg", PARIS)
    assert response.status_code == 200
    svg = response.content.decode()
    assert "<svg" in svg
    assert event.spacecraft in svg


def stored_behind_the_admins_back(event: Event, **fields) -> Event:
    Event.objects.filter(pk=event.pk).update(**fields)
    event.refresh_from_db()
    return event


@pytest.mark.parametrize(
    "fields",
    [
        # The window moved outside the table (a shell edit, a bad import).
        {
            "window_start": datetime(2027, 6, 20, 20, tzinfo=UTC),
            "window_end": datetime(2027, 6, 20, 20, 15, tzinfo=UTC),
        },
        {"target_table": "$$SOE\n<script>alert(1)</script>\n$$EOE"},
        {"target_table": "x" * 3_000_000},
    ],
    ids=["window-beyond-the-table", "hostile-table", "huge-table"],
)
def test_a_table_that_cannot_place_the_event_is_a_note_never_an_error(client, seeded, fields):
    event = stored_behind_the_admins_back(seeded[PROBE], **fields)
    for url in (
        event.get_absolute_url(),
        f"{event.get_absolute_url()}?lat=48.86&lon=2.35",
        f"/events/{event.slug}/times/",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "We cannot say where to look for this event" in text(response)
        assert ".." not in text(response).replace("...", "")  # one full stop, not two
        assert "<script>alert(1)" not in response.content.decode()
    assert client.get(f"/events/{event.slug}/map.svg").status_code == 404


@pytest.mark.parametrize(
    "fields", [{"target_ra_deg": None}, {"distance_km": None}, {"target_dec_deg": 91.0}]
)
def test_the_database_refuses_an_incomplete_direction(seeded, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(slug=VOYAGER).update(**fields)


def test_the_database_refuses_a_table_target_without_a_table(seeded):
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(slug=PROBE).update(target_table="")
