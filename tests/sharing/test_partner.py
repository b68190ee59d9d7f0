"""The partners' JSON: window in UTC, counts, status and links, with caching headers; only
published events, never anything about a person."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import User

from events.models import ResultImage
from tests.factories import CASSINI_END, CASSINI_START, SITE, make_event, make_participant

pytestmark = pytest.mark.django_db


def json_url(event) -> str:
    return f"/events/{event.slug}/event.json"


def test_event_json_has_window_count_status_and_links(client, django_assert_num_queries):
    event = make_event(
        slug="wave-at-saturn",
        title="Wave at Saturn",
        spacecraft="Cassini",
        target="Saturn",
        reported_participants=100,
    )
    make_participant(event)
    make_participant(event)
    make_participant(event, confirmed=False)
    # the event, its published pictures, the count, the waves (the window has opened)
    with django_assert_num_queries(4):
        response = client.get(json_url(event))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["slug"] == "wave-at-saturn"
    assert (data["title"], data["spacecraft"], data["target"]) == (
        "Wave at Saturn",
        "Cassini",
        "Saturn",
    )
    assert data["window"] == {
        "start": "2013-07-19T21:27:00Z",
        "end": "2013-07-19T21:42:00Z",
        "duration_seconds": 900,
    }
    assert data["participants"] == {"confirmed": 2, "reported": 100, "total": 102}
    assert data["status"] == "past"
    links = data["links"]
    assert links["page"] == f"{SITE}/events/wave-at-saturn/"
    assert links["calendar"] == f"{SITE}/events/wave-at-saturn/calendar.ics"
    assert links["embed"] == f"{SITE}/events/wave-at-saturn/embed/"
    assert links["share_image"].startswith(f"{SITE}/events/wave-at-saturn/share.png?v=")
    assert links["google_calendar"].startswith("https://calendar.google.com/")
    assert all(link.startswith(("http://", "https://")) for link in links.values())


@pytest.mark.parametrize(
    ("now", "status"),
    [
        (CASSINI_START - timedelta(seconds=1), "upcoming"),
        (CASSINI_START, "live"),
        (CASSINI_END - timedelta(seconds=1), "live"),
        (CASSINI_END, "past"),
    ],
    ids=["before", "start", "just-before-end", "end"],
)
def test_status_follows_the_clock(client, clock, now, status):
    clock.move_to(now)
    event = make_event()
    assert client.get(json_url(event)).json()["status"] == status


def test_no_personal_data_in_the_json(client):
    event = make_event()
    participant = make_participant(
        event, name="Zéphyrine Secret", zone="Europe/Paris", country="France"
    )
    body = client.get(json_url(event)).content.decode()
    for secret in ("Zéphyrine", participant.email, participant.manage_key, "France", "Paris"):
        assert secret not in body


def test_caching_headers_and_304(client):
    event = make_event()
    response = client.get(json_url(event))
    assert response["Cache-Control"] == "public, max-age=60"
    etag = response["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert response["Access-Control-Allow-Origin"] == "*"
    again = client.get(json_url(event), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    # A new participant is a new document, with a new ETag.
    make_participant(event)
    changed = client.get(json_url(event), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_drafts_are_404_even_for_staff(client):
    event = make_event(status="draft")
    assert client.get(json_url(event)).status_code == 404
    client.force_login(User.objects.create_user("s", password="x", is_staff=True))
    assert client.get(json_url(event)).status_code == 404


def test_published_result_pictures_are_listed(client, media):
    event = make_event()
    shown = ResultImage.objects.create(
        event=event, caption="Earth from Saturn", credit="NASA/JPL", alt_text="A dot"
    )
    ResultImage.objects.create(event=event, caption="draft", alt_text="x", is_published=False)
    results = client.get(json_url(event)).json()["results"]
    assert results == [
        {
            "url": f"{SITE}/results/{shown.pk}/",
            "caption": "Earth from Saturn",
            "credit": "NASA/JPL",
            "alt_text": "A dot",
            "width": None,
            "height": None,
        }
    ]


def test_camera_window_in_utc_when_known(client):
    event = make_event(
        camera_start=datetime(2013, 7, 19, 22, 48, tzinfo=UTC),
        camera_end=datetime(2013, 7, 19, 23, 3, tzinfo=UTC),
    )
    assert client.get(json_url(event)).json()["camera_window"] == {
        "start": "2013-07-19T22:48:00Z",
        "end": "2013-07-19T23:03:00Z",
    }
