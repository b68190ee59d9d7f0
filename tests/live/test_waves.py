"""'I'm waving!': counted once per person or browser while the window is open, 409 before
and after, and the live count and squares that everyone watches, with no one picked out."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client

from events.live.waves import coarse, live_waves, record_wave, wave_figures
from events.models import Wave
from events.refusal import Refused
from tests.factories import WINDOW_END, WINDOW_START, make_city, make_participant, upcoming_event

pytestmark = pytest.mark.django_db

DURING = WINDOW_START + timedelta(minutes=3)


@pytest.fixture
def event():
    return upcoming_event()


def wave_url(event) -> str:
    return f"/events/{event.slug}/wave/"


def test_a_browser_waves_once_whatever_it_sends_again(clock, event):
    clock.move_to(DURING)
    browser = Client()
    first = browser.post(wave_url(event), {"tz": "Asia/Kolkata"})
    assert first.status_code == 200
    assert "Counted: you and 0 others." in first.content.decode()
    assert browser.cookies["wave"]["httponly"]
    # A second tap, a reload, a second tab (the same cookie): nothing more.
    for _ in range(3):
        again = browser.post(wave_url(event), {"tz": "Europe/Paris"})
        assert "You are counted already, with 0 others." in again.content.decode()
    [wave] = Wave.objects.all()
    assert (wave.latitude, wave.longitude) == (23, 88)  # Kolkata, to the degree
    # Another browser is another person. The count it is told is everyone's this second
    # (the live count, a second behind) with itself in it.
    other = Client().post(wave_url(event), HTTP_ACCEPT="application/json")
    assert other.json() == {"new": True, "count": 1, "cell": None}  # no zone, no place
    clock.move_to(DURING + timedelta(seconds=1))
    third = Client().post(wave_url(event), HTTP_ACCEPT="application/json")
    assert third.json() == {"new": True, "count": 3, "cell": None}
    assert Wave.objects.count() == 3


def test_a_participant_counts_once_from_any_browser(clock, event):
    clock.move_to(DURING)
    toronto = make_city(
        "Toronto", "CA", "Canada", "America/Toronto", latitude=43.65, longitude=-79.38
    )
    ana = make_participant(event, city=toronto)
    for browser in (Client(), Client()):
        browser.post(wave_url(event), {"key": ana.manage_key})
    [wave] = Wave.objects.all()
    assert wave.participant == ana and wave.visitor_key == ""
    assert (wave.latitude, wave.longitude, wave.country_code) == (44, -79, "CA")


@pytest.mark.parametrize(
    ("moment", "message"),
    [
        (WINDOW_START - timedelta(minutes=1), "has not opened yet"),
        (WINDOW_START + timedelta(minutes=15), "has closed"),
    ],
)
def test_before_and_after_the_window_a_wave_is_a_409(clock, event, moment, message):
    clock.move_to(moment)
    page = Client().post(wave_url(event))
    assert page.status_code == 409 and message in page.content.decode()
    answer = Client().post(wave_url(event), HTTP_ACCEPT="application/json")
    assert answer.status_code == 409 and message in answer.json()["error"]
    assert not Wave.objects.exists()
    # The page offers no button then.
    assert "I'm waving!</button>" not in Client().get(wave_url(event)).content.decode()


@pytest.mark.parametrize(
    ("moment", "status"),
    [
        (WINDOW_START - timedelta(seconds=1), 409),
        (WINDOW_START, 200),  # the start is in the window
        (WINDOW_END - timedelta(seconds=1), 200),
        (WINDOW_END - timedelta(microseconds=1), 200),
        (WINDOW_END, 409),  # the end is not
        (WINDOW_END + timedelta(seconds=1), 409),
    ],
)
def test_the_window_counts_from_its_first_second_to_before_its_end(clock, event, moment, status):
    clock.move_to(moment)
    answer = Client().post(wave_url(event), HTTP_ACCEPT="application/json")
    assert answer.status_code == status
    assert Wave.objects.count() == (1 if status == 200 else 0)
    button = "I'm waving!</button>" in Client().get(wave_url(event)).content.decode()
    assert button == (status == 200)


def test_without_javascript_the_page_has_the_button_while_it_is_open(clock, event):
    clock.move_to(DURING)
    page = Client(enforce_csrf_checks=True).get(wave_url(event))
    html = page.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html and "I'm waving!</button>" in html
    assert "no-store" in page["Cache-Control"]


def test_the_live_count_is_the_same_for_everyone_in_its_second_and_picks_no_one_out(
    clock, event, django_assert_max_num_queries
):
    clock.move_to(DURING)
    for number in range(6):
        record_wave(event, DURING, browser_id=f"paris-{number}", latitude=48.9, longitude=2.3)
    record_wave(event, DURING, browser_id="alone", latitude=-33.9, longitude=151.2)  # Sydney
    record_wave(event, DURING, browser_id="nowhere")
    clock.move_to(DURING + timedelta(seconds=1))
    with django_assert_max_num_queries(4):
        response = Client().get(f"/events/{event.slug}/waves.json")
    assert response["Cache-Control"] == "public, max-age=1"
    data = response.json()
    assert data["count"] == 8
    assert data["cells"] == [
        {"latitude": -35.0, "longitude": 155.0, "count": None},  # one person: "a few"
        {"latitude": 45.0, "longitude": 5.0, "count": 6},
    ]
    assert "paris" not in response.content.decode()
    # Within the same second, the same answer for everyone, from the cache: no query.
    record_wave(event, DURING + timedelta(seconds=1), browser_id="late")
    with django_assert_max_num_queries(1):  # the event only
        assert Client().get(f"/events/{event.slug}/waves.json").json() == data


def test_the_live_answer_is_one_body_for_its_whole_second_whoever_asks(clock, event):
    """A shared cache (nginx, a CDN) may keep it for its second and give it to everyone:
    the same bytes from the slot's first to its last instant, whatever the visitor sends,
    and nothing of the visitor's in the answer."""
    slot = DURING + timedelta(seconds=1)
    record_wave(event, DURING, browser_id="a", latitude=48.9, longitude=2.3)
    clock.move_to(slot)
    first = Client().get(f"/events/{event.slug}/waves.json")
    record_wave(event, slot, browser_id="b", latitude=48.9, longitude=2.3)
    clock.move_to(slot + timedelta(milliseconds=999))
    visitor = Client()
    visitor.cookies["wave"] = "their-browser"
    visitor.cookies["tz"] = "Asia/Kolkata"
    last = visitor.get(
        f"/events/{event.slug}/waves.json", {"tz": "Europe/Paris"}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert last.content == first.content and first.json()["count"] == 1
    for answer in (first, last):
        assert answer["Cache-Control"] == "public, max-age=1"
        assert not answer.cookies  # a Set-Cookie would keep nginx from storing it
        assert "cookie" not in answer.get("Vary", "").lower()
    # The next second is a new body, with the wave of the second before.
    clock.move_to(slot + timedelta(seconds=1))
    following = Client().get(f"/events/{event.slug}/waves.json")
    assert following.json()["count"] == 2 and following.content != first.content


def test_waves_after_the_slot_started_wait_for_the_next_second(clock, event):
    clock.move_to(DURING)
    record_wave(event, DURING, browser_id="early")
    assert live_waves(event, DURING)[0] == 0
    assert live_waves(event, DURING + timedelta(seconds=1))[0] == 1


def test_a_wave_needs_someone_and_keeps_places_coarse(event):
    with pytest.raises(Refused, match="keeps no cookie"):
        record_wave(event, DURING)
    assert coarse(48.8566, 2.3522) == (49, 2)
    assert coarse(-89.9, 179.8) == (-90, -180)
    assert coarse(None, 3.0) == (None, None)


# --- after the window ---------------------------------------------------------------------


@pytest.fixture
def waved(event):
    """Seven waves over the window's first two minutes: five from Paris, one from Kolkata,
    one with no place."""
    for number in range(5):
        record_wave(
            event,
            WINDOW_START + timedelta(seconds=10 * number),
            browser_id=f"p{number}",
            latitude=48.9,
            longitude=2.3,
            country_code="FR",
        )
    record_wave(
        event, WINDOW_START + timedelta(minutes=1, seconds=5), browser_id="k",
        latitude=22.6, longitude=88.4, country_code="IN",
    )  # fmt: skip
    record_wave(event, WINDOW_START + timedelta(minutes=1, seconds=9), browser_id="nowhere")
    return event


def test_after_the_window_the_page_and_event_json_say_how_many_waved(clock, client, waved):
    clock.move_to(WINDOW_START + timedelta(hours=1))
    page = client.get(waved.get_absolute_url()).content.decode()
    assert "7 waves counted during the window with “I'm waving!”, next to 0 signed up here." in page
    assert client.get(f"/events/{waved.slug}/event.json").json()["waves"] == 7
    clock.move_to(WINDOW_START - timedelta(days=1))
    cache.clear()
    assert client.get(f"/events/{waved.slug}/event.json").json()["waves"] is None


def test_the_dashboard_shows_the_waves_per_minute_and_country(clock, staff_client, waved):
    clock.move_to(WINDOW_START + timedelta(hours=1))
    figures = wave_figures(waved)
    assert figures.total == 7
    assert [count for _, count in figures.per_minute] == [5, 2] + [0] * 13
    assert figures.by_country == [("FR", 5), ("IN", 1), ("", 1)]
    page = staff_client.get(f"/admin/events/event/{waved.pk}/dashboard/").content.decode()
    assert '<span class="figure">7</span> waves counted' in page
    assert '<th scope="row">France</th><td class="number">5</td>' in page
    assert 'aria-labelledby="waves-chart-title"' in page


def test_the_organiser_downloads_the_waves_by_square_and_minute(clock, staff_client, waved):
    response = staff_client.get(f"/admin/events/event/{waved.pk}/waves.csv")
    assert response["Content-Disposition"] == f'attachment; filename="{waved.slug}-waves.csv"'
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines == [
        "minute_utc,square_south_latitude,square_west_longitude,waves",
        '"2026-07-19T21:27Z","40","0","5"',
        '"2026-07-19T21:28Z","","","1"',
        '"2026-07-19T21:28Z","20","80","1"',
    ]
    assert Client().get(f"/admin/events/event/{waved.pk}/waves.csv").status_code == 302


def test_the_map_of_waves_marks_the_squares_and_the_visitors_own(clock, event):
    clock.move_to(DURING)
    for number in range(6):
        record_wave(event, DURING, browser_id=f"p{number}", latitude=48.9, longitude=2.3)
    clock.move_to(DURING + timedelta(seconds=1))
    plain = Client().get(f"/events/{event.slug}/waves.svg")
    assert plain["Content-Type"] == "image/svg+xml"
    assert plain["Cache-Control"] == "public, max-age=1"
    svg = plain.content.decode()
    assert svg.startswith("<svg") and "<circle" in svg and "Your wave" not in svg
    mine = Client().get(f"/events/{event.slug}/waves.svg", {"mine": "49,2"}).content.decode()
    assert "Your wave" in mine
    # A hostile "mine" is ignored, never an error.
    for value in ("x", "999,0", "1,2,3", "٤٩,٢"):
        answer = Client().get(f"/events/{event.slug}/waves.svg", {"mine": value})
        assert answer.status_code == 200 and "Your wave" not in answer.content.decode()


def test_a_wave_is_told_its_own_square(clock, event):
    clock.move_to(DURING)
    answer = Client().post(wave_url(event), {"tz": "Asia/Kolkata"}, HTTP_ACCEPT="application/json")
    assert answer.json()["cell"] == [23, 88]


@pytest.mark.parametrize("key", ["\x00", "a" * 5000, "../../x", "٣", " "])
def test_a_hostile_key_is_a_browser_wave_not_an_error(clock, event, key):
    clock.move_to(DURING)
    answer = Client().post(wave_url(event), {"key": key}, HTTP_ACCEPT="application/json")
    assert answer.status_code == 200 and answer.json()["new"] is True
    assert Wave.objects.get().participant is None


def test_another_events_key_counts_as_a_browser(clock, event):
    clock.move_to(DURING)
    other = make_participant(upcoming_event(slug="elsewhere"))
    Client().post(wave_url(event), {"key": other.manage_key})
    assert Wave.objects.get().participant is None


def test_the_north_pole_is_in_the_top_row_of_squares_not_a_row_of_its_own(clock, event):
    # As the map draws it (cell_centre): one square for 85° N and 90° N, centred at 85° N.
    clock.move_to(DURING)
    for number, latitude in enumerate((85.0, 90.0, 89.6, 90.0, 84.0)):
        record_wave(event, DURING, browser_id=f"p{number}", latitude=latitude, longitude=12.0)
    total, cells = live_waves(event, DURING + timedelta(seconds=1))
    assert total == 5
    assert [(cell.latitude, cell.longitude, cell.count) for cell in cells] == [(85.0, 15.0, 5)]
