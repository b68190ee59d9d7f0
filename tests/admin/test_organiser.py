"""The organisers' admin: events typed in a zone and previewed in UTC, drafts and
publishing, the participant list at scale, and sending announcements from the list."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django_tasks_db.models import DBTaskResult

from events.models import Event, Participant
from events.refusal import Refused
from events.signups import broadcast
from events.zones.window import wall_time_to_utc
from tests.factories import make_announcement
from tests.signups import NOW, make_city, run_queued_emails, upcoming_event

pytestmark = pytest.mark.django_db

CAMERA_START = datetime(2013, 7, 19, 22, 47, 13, tzinfo=UTC)
CAMERA_END = datetime(2013, 7, 19, 23, 1, 56, tzinfo=UTC)


@pytest.fixture
def staff_client(client):
    client.force_login(User.objects.create_superuser("organiser", "o@example.org", "pw"))
    return client


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


def test_wall_time_to_utc():
    naive = datetime(2026, 7, 19, 23, 27)  # noqa: DTZ001 - a clock reading, no zone yet
    assert wall_time_to_utc(naive, "Europe/Paris") == datetime(2026, 7, 19, 21, 27, tzinfo=UTC)
    assert wall_time_to_utc(naive, "UTC") == naive.replace(tzinfo=UTC)
    with pytest.raises(Refused):
        wall_time_to_utc(datetime(2026, 3, 8, 2, 30), "America/New_York")  # noqa: DTZ001


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
    assert "1 event(s) published." in [str(m) for m in get_messages(response.wsgi_request)]
    draft.refresh_from_db()
    assert draft.is_published
    staff_client.post(
        "/admin/events/event/", {"action": "unpublish_events", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert not draft.is_published


# --- participants -------------------------------------------------------------------------

PARTICIPANTS = "/admin/events/participant/"


def sign_up(event, email, **fields) -> Participant:
    defaults = {"name": email.split("@")[0].title(), "zone": "UTC", "confirmed_at": NOW}
    return Participant.objects.create(event=event, email=email, **defaults | fields)


def listed(response) -> set[str]:
    return {participant.email for participant in response.context["cl"].result_list}


@pytest.mark.parametrize("people", [1, 3], ids=["one", "three"])
def test_the_participant_list_costs_the_same_queries_for_one_row_or_many(
    staff_client, django_assert_num_queries, people
):
    event = upcoming_event()
    city = make_city(2988507, "Paris", "FR", "France", "Europe/Paris")
    for number in range(people):
        sign_up(event, f"p{number}@example.com", city=city, country_code="FR")
    staff_client.get("/admin/")
    # session, user, the event filter's choices, countries, zones, the count, the page
    with django_assert_num_queries(7):
        response = staff_client.get(PARTICIPANTS)
    assert len(listed(response)) == people


def test_the_participant_list_never_counts_the_whole_table(staff_client):
    event = upcoming_event()
    sign_up(event, "ana@example.com")
    sign_up(event, "bea@example.com", confirmed_at=None)
    response = staff_client.get(PARTICIPANTS, {"confirmed": "no"})
    assert response.context["cl"].show_full_result_count is False
    assert response.context["cl"].full_result_count is None
    assert response.context["cl"].list_per_page == 100


def test_the_participant_filters_and_search(staff_client):
    saturn, juno = upcoming_event(), upcoming_event()
    sign_up(saturn, "ana@example.com", name="Ana Silva", country_code="FR", zone="Europe/Paris")
    sign_up(saturn, "bea@example.com", name="Bea Costa", country_code="IN", zone="Asia/Kolkata")
    sign_up(saturn, "cid@example.com", name="Cid Silva", confirmed_at=None, is_generated=True)
    sign_up(juno, "dee@example.com", name="Dee Roy", country_code="FR", zone="Europe/Paris")

    def get(**query):
        return listed(staff_client.get(PARTICIPANTS, query))

    assert get(event__id__exact=juno.pk) == {"dee@example.com"}
    assert get(confirmed="no") == {"cid@example.com"}
    assert get(confirmed="yes", event__id__exact=saturn.pk) == {
        "ana@example.com",
        "bea@example.com",
    }
    assert get(country_code="FR") == {"ana@example.com", "dee@example.com"}
    assert get(zone="Asia/Kolkata") == {"bea@example.com"}
    assert get(is_generated__exact="1") == {"cid@example.com"}
    assert get(q="silva") == {"ana@example.com", "cid@example.com"}
    assert get(q="DEE@EXAMPLE") == {"dee@example.com"}
    html = staff_client.get(PARTICIPANTS, {"event__id__exact": juno.pk}).content.decode()
    assert "France (FR)" in html  # the country filter, within the chosen event
    assert "India (IN)" not in html
    assert f"export.csv?event__id__exact={juno.pk}" in html


@pytest.mark.parametrize(
    "address",
    [
        PARTICIPANTS,
        "/admin/events/emaildelivery/",
        "/admin/events/announcement/",
        "/admin/events/event/",
    ],
)
def test_the_organisers_pages_are_for_staff_only(client, address):
    response = client.get(address)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.force_login(User.objects.create_user("visitor", password="pw"))
    response = client.get(address)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.force_login(User.objects.create_user("clerk", password="pw", is_staff=True))
    assert client.get(address).status_code == 403


# --- announcements: sending from the admin ------------------------------------------------

ANNOUNCEMENTS = "/admin/events/announcement/"


@pytest.fixture
def sendable(set_now):
    set_now(NOW)
    event = upcoming_event()
    for number in range(3):
        sign_up(event, f"p{number}@example.com", wants_announcements=True)
    return make_announcement(event, title="Clear skies", published_at=NOW - timedelta(hours=1))


def run_action(client, action: str, *announcements) -> list[str]:
    response = client.post(
        ANNOUNCEMENTS,
        {"action": action, "_selected_action": [a.pk for a in announcements]},
        follow=True,
    )
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_send_to_participants_queues_the_broadcast_and_says_so(staff_client, sendable):
    messages = run_action(staff_client, "send_to_participants", sendable)
    assert messages == [
        "“Clear skies” is being sent to 3 participant(s) in the background. Anyone who "
        "already has it is skipped; its page shows the progress."
    ]
    assert DBTaskResult.objects.get().task_path == broadcast.plan_broadcast.module_path
    run_queued_emails()
    assert broadcast.progress(sendable).sent == 3

    html = staff_client.get(f"{ANNOUNCEMENTS}{sendable.pk}/change/").content.decode()
    assert "<dt>Sent</dt><dd>3</dd>" in html
    html = staff_client.get(ANNOUNCEMENTS).content.decode()
    assert "3 sent · 0 failed · 0 to go" in html


def test_a_draft_is_not_sent_and_the_organiser_is_told(staff_client, sendable):
    draft = make_announcement(sendable.event, title="Draft", published_at=None)
    messages = run_action(staff_client, "send_to_participants", draft)
    assert messages == ["“Draft” is not published yet: publish it before sending it."]
    assert not DBTaskResult.objects.exists()


def test_the_announcement_page_says_who_would_get_it_before_it_is_sent(staff_client, sendable):
    html = staff_client.get(f"{ANNOUNCEMENTS}{sendable.pk}/change/").content.decode()
    assert "Not sent by email yet: 3 participants would get it." in html


@pytest.mark.parametrize("count", [1, 3], ids=["one", "three"])
def test_the_announcement_list_costs_the_same_queries_for_one_row_or_many(
    staff_client, django_assert_num_queries, sendable, count
):
    for number in range(count - 1):
        make_announcement(sendable.event, title=f"More {number}")
    staff_client.get("/admin/")
    # session, user, the event filter, the counts (filtered, all), the page, and the
    # emails of the whole page in one query
    with django_assert_num_queries(7):
        staff_client.get(ANNOUNCEMENTS)


def test_retry_action_requeues_failed_emails(staff_client, sendable):
    broadcast.start_broadcast(sendable)
    run_queued_emails()
    sendable.deliveries.filter(participant__email="p1@example.com").update(status="failed")
    messages = run_action(staff_client, "retry_failed_emails", sendable)
    assert messages == ["1 failed email(s) queued again."]
    assert sendable.deliveries.get(participant__email="p1@example.com").status == "queued"
