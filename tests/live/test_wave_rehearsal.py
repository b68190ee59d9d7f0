"""A rehearsal of the live wave: the admin opens a 15-minute test window now on a sample
event or a draft, the page offers "I'm waving!" labelled as a rehearsal with its own count
and map, and none of its waves ever reaches the real count, figures, CSV, event.json or
share image; it can be ended early, and is refused where it would meet the real window."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from events.live.rehearsal import REHEARSAL_LENGTH, open_rehearsal
from events.live.waves import wave_count, wave_figures
from events.models import Event, Wave
from events.sharing.image import draw_share_image
from tests.factories import NOW, WINDOW_END, WINDOW_START, upcoming_event
from tests.html import text

pytestmark = pytest.mark.django_db

EVENTS = "/admin/events/event/"
LABEL = "Rehearsal — not counted"


def act(staff_client, action: str, event: Event) -> list[str]:
    """Run an admin action on one event; the messages it left."""
    response = staff_client.post(
        EVENTS, {"action": action, "_selected_action": [event.pk]}, follow=True
    )
    assert response.status_code == 200
    return [str(message) for message in get_messages(response.wsgi_request)]


def tap(event, browser=None, **data):
    return (browser or Client()).post(
        f"/events/{event.slug}/wave/", data, HTTP_ACCEPT="application/json"
    )


@pytest.fixture
def sample(clock):
    clock.move_to(NOW)  # seven weeks before the real window
    return upcoming_event(is_sample=True)


def test_the_admin_opens_a_rehearsal_that_takes_waves_now_labelled_apart(
    clock, staff_client, sample
):
    page = Client().get(sample.get_absolute_url()).content.decode()  # now in the page cache
    assert LABEL not in page and "data-wave>" not in page
    assert tap(sample).status_code == 409

    [said] = act(staff_client, "rehearse_events", sample)
    assert "Rehearsal of “Wave at Saturn” open until 12:15 UTC" in said
    sample.refresh_from_db()
    assert (sample.rehearsal_start, sample.rehearsal_end) == (NOW, NOW + REHEARSAL_LENGTH)

    # The cached page is another version at once: the button, under the rehearsal's label.
    page = Client().get(sample.get_absolute_url()).content.decode()
    assert LABEL in page and "data-wave>I'm waving!</a>" in page
    assert "Happening now" not in page  # the real window is still to come
    wave_page = Client().get(f"/events/{sample.slug}/wave/")
    assert LABEL in text(wave_page) and "I'm waving!</button>" in wave_page.content.decode()

    answer = tap(sample, tz="Europe/Paris")
    assert answer.json() == {"new": True, "count": 1, "cell": [49, 2], "rehearsal": True}
    assert Wave.objects.get().is_rehearsal
    clock.shift(timedelta(seconds=1))
    live = Client().get(f"/events/{sample.slug}/waves.json").json()
    assert (live["count"], live["rehearsal"]) == (1, True)
    assert (
        "Your wave" in Client().get(f"/events/{sample.slug}/waves.svg?mine=49,2").content.decode()
    )
    assert wave_count(sample) == 0  # the real count

    # At the rehearsal's end the page drops the button by itself (its valid_until).
    clock.move_to(NOW + REHEARSAL_LENGTH)
    page = Client().get(sample.get_absolute_url()).content.decode()
    assert LABEL not in page and "data-wave>" not in page
    assert tap(sample).status_code == 409


def test_a_rehearsals_waves_never_reach_the_real_count(clock, staff_client, sample):
    open_rehearsal(sample, NOW)
    ana, ben = Client(), Client()
    for browser in (ana, ben, Client()):
        assert tap(sample, browser, tz="Asia/Kolkata").json()["new"] is True

    clock.shift(timedelta(minutes=2))
    [said] = act(staff_client, "end_rehearsals", sample)
    assert "ended: 3 waves were tried" in said
    answer = tap(sample)
    assert answer.status_code == 409 and "has not opened yet" in answer.json()["error"]

    # The real window: Ana, who rehearsed, counts once more, for real.
    clock.move_to(WINDOW_START + timedelta(minutes=1))
    assert tap(sample, ana, tz="Asia/Kolkata").json() == {"new": True, "count": 1, "cell": [23, 88]}
    clock.shift(timedelta(seconds=1))
    live = Client().get(f"/events/{sample.slug}/waves.json").json()
    assert live["count"] == 1 and "rehearsal" not in live

    # After it, every count is the real one.
    clock.move_to(WINDOW_END + timedelta(hours=1))
    assert Wave.objects.filter(is_rehearsal=True).count() == 3
    assert wave_count(sample) == 1 and wave_figures(sample).total == 1
    assert wave_figures(sample).by_country == [("IN", 1)]
    assert Client().get(f"/events/{sample.slug}/event.json").json()["waves"] == 1
    page = Client().get(sample.get_absolute_url()).content.decode()
    assert "1 wave counted during the window" in page
    assert "0 people took part. 1 waved." in page  # the share card's words
    share = Client().get(f"/events/{sample.slug}/share.png").content
    assert share == draw_share_image(sample, 0, "past", 1)
    csv = staff_client.get(f"/admin/events/event/{sample.pk}/waves.csv")
    rows = b"".join(csv.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[1:] == ['"2026-07-19T21:28Z","20","80","1"']
    dashboard = staff_client.get(f"/admin/events/event/{sample.pk}/dashboard/").content.decode()
    assert '<span class="figure">1</span>' in dashboard


def test_a_new_rehearsal_clears_the_last_ones_waves(clock, sample):
    open_rehearsal(sample, NOW)
    tap(sample)
    tap(sample)
    clock.move_to(NOW + timedelta(days=1))
    open_rehearsal(sample, NOW + timedelta(days=1))
    assert not Wave.objects.exists()
    browser = Client()
    assert tap(browser=browser, event=sample).json()["count"] == 1


def test_a_draft_may_rehearse_and_its_staff_wave(clock, staff_client):
    clock.move_to(NOW)
    draft = upcoming_event(status=Event.Status.DRAFT)
    [said] = act(staff_client, "rehearse_events", draft)
    assert "open until" in said
    assert tap(draft, staff_client).json()["rehearsal"] is True
    assert tap(draft).status_code == 404  # the public does not see a draft


@pytest.mark.parametrize(
    ("moment", "fields", "refusal"),
    [
        (WINDOW_START + timedelta(minutes=1), {"is_sample": True}, "is live now"),
        (WINDOW_START - timedelta(minutes=14), {"is_sample": True}, "starts within 15 minutes"),
        (NOW, {}, "is published: its visitors would see the rehearsal"),
    ],
    ids=["live", "about to start", "published real event"],
)
def test_the_rehearsal_is_refused_where_it_would_meet_the_real_one(
    clock, staff_client, moment, fields, refusal
):
    clock.move_to(moment)
    event = upcoming_event(**fields)
    [said] = act(staff_client, "rehearse_events", event)
    assert refusal in said
    event.refresh_from_db()
    assert event.rehearsal_start is None
    [said] = act(staff_client, "end_rehearsals", event)
    assert "has no rehearsal open" in said


def test_fifteen_minutes_and_more_before_the_window_a_rehearsal_may_open(clock, sample):
    open_rehearsal(sample, WINDOW_START - REHEARSAL_LENGTH)
    assert sample.is_rehearsing(WINDOW_START - timedelta(seconds=1))
    assert not sample.is_rehearsing(WINDOW_START)
