"""Organisers' texts in several languages: given in the admin, shown in the visitor's
language, the original where a translation is missing; the feed and emails alike."""

import pytest
from django.core import mail

from events.models import Announcement, Event
from events.models.localized import LocalizedSaveError
from tests.admin.test_sessions import ADD, event_form
from tests.emails import html_part, run_queued_emails
from tests.factories import NOW, make_announcement, signup_data, signup_url, upcoming_event

pytestmark = pytest.mark.django_db


def test_the_admin_saves_texts_per_language_and_keeps_the_original(staff_client):
    data = event_form(
        staff_client,
        ADD,
        window_start=("2026-07-19", "21:27"),
        window_end=("2026-07-19", "21:42"),
        title__es="Saluda a Juno",
        summary__es="Juno mira hacia atrás.",
        title__pt_br="  ",
        description__ja="手を振ろう。",
    )
    response = staff_client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="wave-at-juno")
    assert event.title == "Wave at Juno"
    assert event.translations == {
        "es": {"title": "Saluda a Juno", "summary": "Juno mira hacia atrás."},
        "ja": {"description": "手を振ろう。"},
    }
    # The change form shows them again, in their section.
    page = staff_client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert 'value="Saluda a Juno"' in page
    assert "In Español" in page


def test_visitors_see_their_language_field_by_field_and_the_original_otherwise(client):
    event = upcoming_event(
        title="Wave at Saturn",
        summary="Cassini looks back.",
        translations={"es": {"title": "Saluda a Saturno"}},
    )
    spanish = client.get(f"/es/events/{event.slug}/").content.decode()
    assert "Saluda a Saturno" in spanish
    assert "Cassini looks back." in spanish  # no Spanish summary: the original
    french = client.get(f"/fr/events/{event.slug}/").content.decode()
    assert "Wave at Saturn" in french
    assert "Saluda a Saturno" not in client.get(f"/events/{event.slug}/").content.decode()
    assert client.get(f"/es/events/{event.slug}/event.json").json()["title"] == "Saluda a Saturno"


def test_the_feed_follows_the_same_rule(client):
    event = upcoming_event(translations={"de": {"title": "Winke Saturn zu"}})
    make_announcement(event, title="Clear skies", translations={"de": {"title": "Klarer Himmel"}})
    feed = client.get(f"/de/events/{event.slug}/feed.atom").content.decode()
    assert "Winke Saturn zu" in feed and "Klarer Himmel" in feed
    assert "Clear skies" in client.get(f"/events/{event.slug}/feed.atom").content.decode()


def test_a_localized_instance_is_never_saved_over_the_original():
    upcoming_event(translations={"es": {"title": "Saluda"}})
    shown = Event.objects.localized().get()
    with pytest.raises(LocalizedSaveError):
        shown.save()
    [announcement] = [make_announcement(Event.objects.get())]
    with pytest.raises(LocalizedSaveError):
        Announcement.objects.localized().get(pk=announcement.pk).save()
    assert Event.objects.get().title != "Saluda"


def test_a_participant_signed_up_in_spanish_gets_spanish_texts_and_links(client, clock):
    clock.move_to(NOW)
    event = upcoming_event(
        title="Wave at Saturn", translations={"es": {"title": "Saluda a Saturno"}}
    )
    response = client.post(
        f"/es{signup_url(event)}", signup_data(email="ana@example.com", tz="Europe/Madrid")
    )
    assert response.status_code == 303
    assert response["Location"].startswith("/es/")
    participant = event.participants.get()
    assert participant.language == "es"
    run_queued_emails()
    [message] = mail.outbox
    assert "Saluda a Saturno" in message.subject + message.body
    assert "/es/signup/" in message.body
    assert "Saluda a Saturno" in html_part(message)
    assert Event.objects.get().title == "Wave at Saturn"  # sending saved nothing over it
