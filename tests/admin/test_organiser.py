"""The organisers' admin for the people: the participant list at scale, its filters and
search, pages for staff only, and sending announcements from the list."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.test import Client
from django_tasks_db.models import DBTaskResult

from events.models import Announcement, EmailDelivery, Participant
from events.signups import broadcast, sending
from tests.access import STAFF_ONLY, answers_by_visitor
from tests.emails import run_queued_emails
from tests.factories import NOW, make_announcement, make_city, make_participant, upcoming_event

pytestmark = pytest.mark.django_db


# --- participants -------------------------------------------------------------------------

PARTICIPANTS = "/admin/events/participant/"


def listed(response) -> set[str]:
    return {participant.email for participant in response.context["cl"].result_list}


@pytest.mark.parametrize("people", [1, 3], ids=["one", "three"])
def test_the_participant_list_costs_the_same_queries_for_one_row_or_many(
    staff_client, django_assert_num_queries, people
):
    event = upcoming_event()
    city = make_city("Paris", "FR", "France", "Europe/Paris")
    for _ in range(people):
        make_participant(event, city=city)
    staff_client.get("/admin/")
    # session, user, the event filter's choices, countries, zones, the count, the page
    with django_assert_num_queries(7):
        response = staff_client.get(PARTICIPANTS)
    assert len(listed(response)) == people


def test_the_participant_list_never_counts_the_whole_table(staff_client):
    event = upcoming_event()
    make_participant(event)
    make_participant(event, confirmed=False)
    response = staff_client.get(PARTICIPANTS, {"confirmed": "no"})
    assert response.context["cl"].show_full_result_count is False
    assert response.context["cl"].full_result_count is None
    assert response.context["cl"].list_per_page == 100


def test_the_participant_filters_and_search(staff_client):
    saturn, juno = upcoming_event(), upcoming_event()
    make_participant(
        saturn, email="ana@example.com", name="Ana Silva", country_code="FR", zone="Europe/Paris"
    )
    make_participant(
        saturn, email="bea@example.com", name="Bea Costa", country_code="IN", zone="Asia/Kolkata"
    )
    make_participant(
        saturn, email="cid@example.com", name="Cid Silva", confirmed=False, is_generated=True
    )
    make_participant(
        juno, email="dee@example.com", name="Dee Roy", country_code="FR", zone="Europe/Paris"
    )

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
    assert answers_by_visitor(client, address) == STAFF_ONLY


# --- announcements: sending from the admin ------------------------------------------------

ANNOUNCEMENTS = "/admin/events/announcement/"


@pytest.fixture
def sendable(clock):
    clock.move_to(NOW)
    event = upcoming_event()
    for number in range(3):
        make_participant(event, email=f"p{number}@example.com", wants_announcements=True)
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
        "“Clear skies” is being sent to 3 participants in the background. "
        "Its page shows the progress."
    ]
    assert DBTaskResult.objects.get().task_path == broadcast.plan_broadcast.module_path
    run_queued_emails()
    assert sending.progress(sendable).sent == 3
    # Again: it says what it really does.
    assert run_action(staff_client, "send_to_participants", sendable) == [
        "Nothing to send for “Clear skies”: all 3 participants who asked for "
        "announcements already have it."
    ]
    make_participant(sendable.event, email="late@example.com", wants_announcements=True)
    assert run_action(staff_client, "send_to_participants", sendable) == [
        "“Clear skies” is being sent to 1 participant in the background (3 already have "
        "it). Its page shows the progress."
    ]
    run_queued_emails()
    assert sending.progress(sendable).sent == 4

    html = staff_client.get(f"{ANNOUNCEMENTS}{sendable.pk}/change/").content.decode()
    assert "<dt>Sent</dt><dd>4</dd>" in html
    html = staff_client.get(ANNOUNCEMENTS).content.decode()
    assert "4 sent · 0 failed · 0 to go" in html


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
    assert messages == ["1 failed email queued again."]
    assert sendable.deliveries.get(participant__email="p1@example.com").status == "queued"


def test_a_test_send_goes_to_the_organiser_alone_as_participants_will_see_it(
    staff_client, sendable, mailoutbox
):
    messages = run_action(staff_client, "send_test_to_me", sendable)
    assert messages == ["A test of “Clear skies” was sent to o@example.org."]
    [message] = mailoutbox
    assert message.to == ["o@example.org"]
    assert message.subject == f"[Test] {sendable.event.title}: Clear skies"
    assert "Hello organiser," in message.body
    assert not EmailDelivery.objects.exists()  # nothing recorded, nobody else emailed
    assert not Participant.objects.filter(email="o@example.org").exists()
    assert not DBTaskResult.objects.exists()


def test_a_test_send_without_an_address_says_what_to_do(staff_client, sendable, mailoutbox):
    User.objects.filter(username="organiser").update(email="")
    messages = run_action(staff_client, "send_test_to_me", sendable)
    assert messages == [
        "Your account has no email address: add one to your user to get test emails."
    ]
    assert mailoutbox == []


def test_pause_resume_and_cancel_from_the_list_say_what_they_did(staff_client, sendable, clock):
    run_action(staff_client, "send_to_participants", sendable)
    assert run_action(staff_client, "pause_sending", sendable) == [
        "1 sending paused: the emails not sent yet wait until you resume."
    ]
    run_queued_emails()
    assert sending.progress(sendable).sent == 0
    html = staff_client.get(f"{ANNOUNCEMENTS}{sendable.pk}/progress/").content.decode()
    assert "Paused: the emails not sent yet wait" in html and "data-running" in html
    assert run_action(staff_client, "resume_sending", sendable) == [
        "1 sending resumed: it goes on within a minute."
    ]
    clock.move_to(NOW + timedelta(minutes=2))
    run_queued_emails()
    assert sending.progress(sendable).sent == 3
    html = staff_client.get(f"{ANNOUNCEMENTS}{sendable.pk}/progress/").content.decode()
    assert "<dt>Sent</dt><dd>3</dd>" in html and "data-running" not in html
    assert run_action(staff_client, "cancel_sending", sendable) == [
        "1 sending cancelled. “Send to participants” starts one again."
    ]


def test_the_sending_actions_speak_the_organisers_language(staff_client, sendable):
    # Their messages had been plain tuples that no catalogue held: English on a German admin.
    run_action(staff_client, "send_to_participants", sendable)
    staff_client.cookies["language"] = "de"
    assert run_action(staff_client, "pause_sending", sendable) == [
        "1 Versand pausiert: Die noch nicht gesendeten E-Mails warten, bis er fortgesetzt wird."
    ]


def test_the_progress_fragment_is_for_staff_and_updates_itself(client, staff_client, sendable):
    run_action(staff_client, "send_to_participants", sendable)
    page = staff_client.get(f"{ANNOUNCEMENTS}{sendable.pk}/change/").content.decode()
    assert f'data-progress-url="{ANNOUNCEMENTS}{sendable.pk}/progress/"' in page
    assert "js/admin-progress" in page
    fragment = staff_client.get(f"{ANNOUNCEMENTS}{sendable.pk}/progress/")
    assert "no-store" in fragment["Cache-Control"]
    assert "Sending is starting: this updates by itself." in fragment.content.decode()
    assert staff_client.get(f"{ANNOUNCEMENTS}999999/progress/").status_code == 404
    visitor = Client().get(f"{ANNOUNCEMENTS}{sendable.pk}/progress/")
    assert visitor.status_code == 302 and visitor["Location"].startswith("/admin/login/")


def test_the_progress_says_the_rate_and_how_long_the_rest_takes(staff_client, clock):
    # 10 sent, 4 of them in the last minute, 8 to go: 4 a minute, 2 minutes left.
    now = clock.move_to(NOW)
    event = upcoming_event()
    announcement = make_announcement(event, title="Soon", published_at=now - timedelta(hours=1))
    Announcement.objects.filter(pk=announcement.pk).update(
        email_started_at=now - timedelta(minutes=5)
    )
    for number in range(18):
        person = make_participant(event, email=f"r{number}@example.com", wants_announcements=True)
        sent = number < 10
        EmailDelivery.objects.create(
            participant=person,
            kind=EmailDelivery.Kind.ANNOUNCEMENT,
            announcement=announcement,
            status=EmailDelivery.Status.SENT if sent else EmailDelivery.Status.QUEUED,
            sent_at=now - timedelta(seconds=30 if number < 4 else 300) if sent else None,
        )
    progress = sending.progress(announcement, now)
    assert (progress.sent, progress.remaining, progress.sent_lately) == (10, 8, 4)
    assert progress.time_left == timedelta(minutes=2)
    fragment = staff_client.get(f"{ANNOUNCEMENTS}{announcement.pk}/progress/").content.decode()
    assert "Sending about 4 a minute: about 2 minutes to go." in fragment
    # Nothing sent in the last minute (a stalled worker): no promise of an end.
    clock.move_to(now + timedelta(minutes=2))
    assert sending.progress(announcement).time_left is None
    fragment = staff_client.get(f"{ANNOUNCEMENTS}{announcement.pk}/progress/").content.decode()
    assert "Sending: this updates by itself." in fragment and "a minute" not in fragment


def test_an_announcement_can_be_scheduled_with_its_email_in_one_step(staff_client, sendable):
    event = sendable.event
    response = staff_client.post(
        f"{ANNOUNCEMENTS}add/",
        {
            "event": event.pk,
            "title": "Tomorrow",
            "body": "Bring a torch.",
            "published_at_0": "2026-06-02",
            "published_at_1": "09:00:00",
            "email_participants": "on",
        },
    )
    assert response.status_code == 302
    tomorrow = Announcement.objects.get(title="Tomorrow")
    assert tomorrow.email_participants and tomorrow.email_started_at is None
    html = staff_client.get(ANNOUNCEMENTS).content.decode()
    assert "scheduled, emailed at publication" in html


def test_the_publication_time_is_typed_in_the_organisers_zone_and_shown_in_utc(
    staff_client, sendable
):
    response = staff_client.post(
        f"{ANNOUNCEMENTS}add/",
        {
            "event": sendable.event.pk,
            "title": "From Kolkata",
            "body": "Namaste.",
            "entry_zone": "Asia/Kolkata",
            "published_at_0": "2026-06-02",
            "published_at_1": "14:30:00",
        },
    )
    assert response.status_code == 302
    announcement = Announcement.objects.get(title="From Kolkata")
    assert announcement.published_at == datetime(2026, 6, 2, 9, 0, tzinfo=UTC)
    page = staff_client.get(f"{ANNOUNCEMENTS}{announcement.pk}/change/").content.decode()
    assert "Tuesday 2 June 2026, 09:00 UTC" in page
    assert "in the zone above (stored in UTC)" in page
