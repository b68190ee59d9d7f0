"""The organisers' admin for events: windows typed in a zone and previewed in UTC, the
Earth window computed from the camera window, drafts and publishing."""

from datetime import UTC, datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from events.admin.sessions import EventAdmin
from events.models import Event
from tests.factories import (
    CAMERA_END,
    CAMERA_START,
    CASSINI_END,
    CASSINI_START,
    upcoming_event,
)

pytestmark = pytest.mark.django_db


def event_form(client, url: str, **fields) -> dict:
    """What the organiser submits: the change form's inline management data, an event, and
    `fields` (datetimes given as (date, time) strings, as the admin's split widget sends)."""
    response = client.get(url)
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
    data |= {
        "slug": "wave-at-juno",
        "title": "Wave at Juno",
        "spacecraft": "Juno",
        "target": "Jupiter",
        "summary": "Juno looks back.",
        "description": "Wave.",
        "target_body": "jupiter barycenter",
        "target_kind": "body",
        "status": "draft",
        "entry_zone": "UTC",
    }
    for name in ("window_start", "window_end", "camera_start", "camera_end"):
        day, time = fields.pop(name, ("", ""))
        data[f"{name}_0"], data[f"{name}_1"] = day, time
    return data | fields


ADD = "/admin/events/event/add/"


# --- the window, typed in a zone, stored in UTC -------------------------------------------


def test_times_typed_in_a_zone_are_stored_in_utc(staff_client):
    data = event_form(
        staff_client,
        ADD,
        entry_zone="Europe/Paris",
        window_start=("2026-07-19", "23:27"),
        window_end=("2026-07-19", "23:42"),
    )
    response = staff_client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="wave-at-juno")
    assert (event.window_start, event.window_end) == (
        datetime(2026, 7, 19, 21, 27, tzinfo=UTC),
        datetime(2026, 7, 19, 21, 42, tzinfo=UTC),
    )


def test_show_in_utc_saves_nothing_and_shows_the_stored_window(staff_client):
    data = event_form(
        staff_client,
        ADD,
        entry_zone="Asia/Kolkata",
        window_start=("2027-01-10", "23:30"),
        window_end=("2027-01-10", "23:45"),
        _preview_times="Show in UTC",
    )
    response = staff_client.post(ADD, data)

    assert response.status_code == 200
    assert not Event.objects.exists()
    html = " ".join(response.content.decode().split())
    assert "Not saved yet" in html
    assert "Sunday 10 January 2027, 18:00</time>–<time" in html  # in UTC
    assert "As typed, in Asia/Kolkata" in html
    assert 'value="23:30"' in html  # the form keeps what was typed
    assert "errornote" not in html


def test_show_in_utc_on_an_existing_event_changes_nothing(staff_client):
    event = upcoming_event(title="Untouched")
    url = f"/admin/events/event/{event.pk}/change/"
    data = event_form(
        staff_client,
        url,
        slug=event.slug,
        window_start=("2026-08-01", "10:00"),
        window_end=("2026-08-01", "10:15"),
        _preview_times="Show in UTC",
    )
    response = staff_client.post(url, data)
    assert response.status_code == 200 and "Not saved yet" in response.content.decode()
    unchanged = Event.objects.get(pk=event.pk)
    assert (unchanged.title, unchanged.window_start) == ("Untouched", event.window_start)


def test_the_preview_shows_an_earth_window_computed_from_the_camera(staff_client):
    data = event_form(
        staff_client,
        ADD,
        target_body="saturn barycenter",
        camera_start=("2013-07-19", "22:47:13"),
        camera_end=("2013-07-19", "23:01:56"),
        _preview_times="Show in UTC",
    )
    html = " ".join(staff_client.post(ADD, data).content.decode().split())
    assert "Friday 19 July 2013, 21:27</time>–<time" in html
    assert "Computed from the camera window" in html


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        (("2026-03-29", "02:30"), "does not exist in Europe/Paris"),
        (("2026-10-25", "02:30"), "happens twice in Europe/Paris"),
    ],
    ids=["clocks-spring-forward", "clocks-fall-back"],
)
def test_a_time_a_clock_change_makes_unclear_is_refused(staff_client, typed, problem):
    data = event_form(
        staff_client,
        ADD,
        entry_zone="Europe/Paris",
        window_start=typed,
        window_end=("2026-10-25", "05:00"),
    )
    response = staff_client.post(ADD, data)
    assert response.status_code == 200
    assert problem in str(response.context["adminform"].form.errors["window_start"])
    assert not Event.objects.exists()


def test_the_target_body_is_chosen_from_the_ephemeris_list(staff_client):
    html = staff_client.get(ADD).content.decode()
    assert '<option value="saturn barycenter" selected>' in html
    assert '<option value="mercury">' in html or '<option value="mercury barycenter">' in html


# --- drafts, previews, publishing ---------------------------------------------------------


def test_the_list_links_a_draft_to_its_preview_and_every_event_to_its_dashboard(
    staff_client, client
):
    draft = upcoming_event(status=Event.Status.DRAFT, slug="secret-wave")
    html = staff_client.get("/admin/events/event/").content.decode()
    assert '<a href="/events/secret-wave/">Preview (draft)</a>' in html
    assert f'<a href="/admin/events/event/{draft.pk}/dashboard/">Dashboard</a>' in html
    assert staff_client.get("/events/secret-wave/").status_code == 200
    client.logout()
    assert client.get("/events/secret-wave/").status_code == 404


def test_publish_and_unpublish_actions(staff_client):
    draft = upcoming_event(status=Event.Status.DRAFT)
    response = staff_client.post(
        "/admin/events/event/",
        {"action": "publish_events", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "1 event published." in [str(m) for m in get_messages(response.wsgi_request)]
    draft.refresh_from_db()
    assert draft.is_published
    staff_client.post(
        "/admin/events/event/", {"action": "unpublish_events", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert not draft.is_published


# --- the organiser: camera window in, Earth window out --------------------------------------

EVENT_FIELDS = {
    "slug": "wave-at-saturn",
    "title": "Wave at Saturn",
    "spacecraft": "Cassini",
    "target": "Saturn",
    "summary": "Cassini photographs Earth.",
    "description": "Wave.",
    "target_body": "saturn barycenter",
    "target_kind": Event.TargetKind.BODY,
    "status": Event.Status.PUBLISHED,
}


def test_clean_computes_the_2013_earth_window_from_the_camera_window():
    event = Event(**EVENT_FIELDS, camera_start=CAMERA_START, camera_end=CAMERA_END)
    event.clean()  # what the admin form runs; then everything else validates too
    event.full_clean()
    # Light left Earth at 21:26:54 and 21:41:37 UTC; announced to the minute.
    assert event.window_start == CASSINI_START
    assert event.window_end == CASSINI_END


def test_a_camera_window_under_a_minute_keeps_its_seconds():
    start = datetime(2013, 7, 19, 22, 47, 13, tzinfo=UTC)
    event = Event(**EVENT_FIELDS, camera_start=start, camera_end=start.replace(second=33))
    event.clean()
    assert event.window_start == datetime(2013, 7, 19, 21, 26, 54, tzinfo=UTC)
    assert event.window_end == datetime(2013, 7, 19, 21, 27, 14, tzinfo=UTC)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"window_start": datetime(1850, 1, 1, tzinfo=UTC)},
            "window_start",
            "the ephemeris (de421) that places the target covers no more",
        ),
        (
            {"camera_start": datetime(2100, 1, 1, tzinfo=UTC)},
            "camera_start",
            "Give a date between",
        ),
        ({"camera_end": CAMERA_START}, "camera_end", "The camera window must end after"),
    ],
    ids=["earth-1850", "camera-2100", "camera-reversed"],
)
def test_clean_refuses_dates_outside_the_ephemeris_and_reversed_camera_times(
    fields, field, message
):
    values = {
        **EVENT_FIELDS,
        "window_start": CASSINI_START,
        "window_end": CASSINI_END,
        "camera_start": CAMERA_START,
        "camera_end": CAMERA_END,
        **fields,
    }
    if field == "window_start":
        values.update(camera_start=None, camera_end=None)
    with pytest.raises(ValidationError) as refused:
        Event(**values).full_clean()
    assert message in " ".join(refused.value.message_dict[field])


def test_clean_needs_one_of_the_two_windows():
    with pytest.raises(ValidationError, match="Give the wave window on Earth, or the camera"):
        Event(**EVENT_FIELDS).clean()


def admin_form(data):
    staff = User.objects.create_superuser("organiser", "o@example.com", "x")
    request = RequestFactory().get("/admin/events/event/add/")
    request.user = staff
    form_class = EventAdmin(Event, admin.site).get_form(request)
    return form_class(data=data)


def admin_data(**fields):
    data = {key: value for key, value in EVENT_FIELDS.items() if key != "status"}
    data["status"] = "published"
    for name in ("window_start", "window_end", "camera_start", "camera_end"):
        value = fields.pop(name, None)
        data[f"{name}_0"] = value.strftime("%Y-%m-%d") if value else ""
        data[f"{name}_1"] = value.strftime("%H:%M:%S") if value else ""
    return {**data, **fields}


def test_admin_takes_the_camera_window_and_computes_the_earth_window():
    form = admin_form(admin_data(camera_start=CAMERA_START, camera_end=CAMERA_END))
    assert form.is_valid(), form.errors
    event = form.save()
    event.refresh_from_db()
    assert (event.window_start, event.window_end) == (CASSINI_START, CASSINI_END)
    assert (event.camera_start, event.camera_end) == (CAMERA_START, CAMERA_END)


def test_admin_takes_an_earth_window_alone():
    form = admin_form(admin_data(window_start=CASSINI_START, window_end=CASSINI_END))
    assert form.is_valid(), form.errors
    assert form.save().camera_start is None


def test_admin_refuses_no_window_and_dates_beyond_the_ephemeris():
    form = admin_form(admin_data())
    assert not form.is_valid()
    assert "Give the wave window on Earth, or the camera window" in str(form.errors)
    User.objects.all().delete()
    form = admin_form(
        admin_data(
            window_start=datetime(2051, 1, 1, tzinfo=UTC),
            window_end=datetime(2060, 1, 1, tzinfo=UTC),
        )
    )
    assert not form.is_valid()
    assert "the ephemeris (de421) that places the target covers no more" in str(
        form.errors["window_end"]
    )
