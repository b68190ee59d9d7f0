"""A participant's private page: seeing the sign-up, changing it, deleting it, and stopping
announcements from the email's one-click link."""

import pytest
from django.core import mail
from django.test import Client

from events.models import EmailDelivery, Participant
from tests.emails import run_queued_emails
from tests.factories import make_city, signup_data, signup_url, upcoming_event
from tests.html import field_error, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant(client) -> Participant:
    """Ana, signed up through the form (in Paris's zone, announcements wanted)."""
    event = upcoming_event()
    client.post(signup_url(event), signup_data(wants_announcements="on"))
    return Participant.objects.get()


def test_the_manage_page_shows_the_signup_privately(client, participant):
    response = client.get(participant.get_absolute_url())
    page = text(response)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your sign-up for Wave at Saturn" in page
    assert "Not confirmed yet" in page
    assert "When you wave, Paris time Sunday 19 July 2026, 23:27–23:42 CEST" in page
    assert 'name="name" type="text" value="Ana"' in html
    assert 'name="tz" type="text" value="Europe/Paris"' in html
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in html


def test_changing_name_zone_and_announcements(client, participant):
    response = client.post(
        participant.get_absolute_url(),
        {"name": "Ana B.", "city_query": "", "tz": "Asia/Tokyo"},
    )
    assert response.status_code == 303
    participant.refresh_from_db()
    assert (participant.name, participant.zone, participant.country) == (
        "Ana B.",
        "Asia/Tokyo",
        "Japan",
    )
    assert participant.wants_announcements is False
    assert "Saved." in text(client.get(response["Location"]))


def test_changing_to_a_city(client, participant):
    kathmandu = make_city("Kathmandu", "NP", "Nepal", "Asia/Kathmandu", geonameid=1283240)
    client.post(
        participant.get_absolute_url(),
        {"name": "Ana", "city_query": "Kathmandu", "tz": "Europe/Paris"},
    )
    participant.refresh_from_db()
    assert (participant.city, participant.zone, participant.country_code) == (
        kathmandu,
        "Asia/Kathmandu",
        "NP",
    )
    html = client.get(participant.get_absolute_url()).content.decode()
    assert '<option value="1283240" selected>Kathmandu, Nepal (Asia/Kathmandu)</option>' in html


def test_changing_the_zone_while_a_city_is_set_changes_the_zone(client, participant):
    """The zone box wins over the city's zone when the participant changed it (emails in
    their home zone while they wave from elsewhere); the city stays."""
    kathmandu = make_city("Kathmandu", "NP", "Nepal", "Asia/Kathmandu", geonameid=1283240)
    form = {"name": "Ana", "city_query": "Kathmandu", "city": "1283240"}
    client.post(participant.get_absolute_url(), {**form, "tz": "Europe/Paris"})
    participant.refresh_from_db()
    assert (participant.city, participant.zone) == (kathmandu, "Asia/Kathmandu")

    response = client.post(participant.get_absolute_url(), {**form, "tz": "Asia/Kolkata"})
    assert response.status_code == 303
    participant.refresh_from_db()
    assert (participant.city, participant.zone, participant.country_code) == (
        kathmandu,
        "Asia/Kolkata",
        "NP",
    )
    page = text(client.get(response["Location"]))
    assert "Saved." in page
    assert "IST" in page
    # Saving again unchanged keeps it.
    client.post(participant.get_absolute_url(), {**form, "tz": "Asia/Kolkata"})
    participant.refresh_from_db()
    assert participant.zone == "Asia/Kolkata"

    refused = client.post(participant.get_absolute_url(), {**form, "tz": "Mars/Olympus"})
    assert refused.status_code == 400
    assert "not a time zone we know" in field_error(refused, "tz")
    participant.refresh_from_db()
    assert participant.zone == "Asia/Kolkata"


def test_a_bad_change_is_a_400_with_the_message(client, participant):
    response = client.post(participant.get_absolute_url(), {"name": "", "tz": "Asia/Tokyo"})
    assert response.status_code == 400
    assert field_error(response, "name") == "Tell us a name or a nickname."
    participant.refresh_from_db()
    assert participant.zone == "Europe/Paris"


def test_an_unknown_manage_key_is_404(client, participant):
    for key in ("x" * 43, "x" * 500):
        assert client.get(f"/signup/{key}/").status_code == 404


def test_deleting_removes_the_row_and_its_emails(client, participant):
    delete_url = f"{participant.get_absolute_url()}delete/"
    assert "This cannot be undone." in text(client.get(delete_url))
    response = client.post(delete_url)
    assert response.status_code == 200
    assert "Your sign-up is deleted" in text(response)
    assert not Participant.objects.exists()
    assert not EmailDelivery.objects.exists()
    assert client.get(participant.get_absolute_url()).status_code == 404
    # Its queued email finds nothing to send.
    assert run_queued_emails() == ["skipped"]
    assert mail.outbox == []


def test_one_click_unsubscribe_works_without_a_csrf_token(participant):
    mail_provider = Client(enforce_csrf_checks=True)
    url = f"{participant.get_absolute_url()}unsubscribe/"
    response = mail_provider.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "No more announcements" in text(response)
    participant.refresh_from_db()
    assert participant.wants_announcements is False


def test_opening_the_unsubscribe_link_changes_nothing(client, participant):
    response = client.get(f"{participant.get_absolute_url()}unsubscribe/")
    assert response.status_code == 200
    assert "Stop announcements for Wave at Saturn?" in text(response)
    participant.refresh_from_db()
    assert participant.wants_announcements is True


def test_the_participant_pages_refuse_oversized_bodies(client, participant):
    for url in (
        participant.get_absolute_url(),
        f"{participant.get_absolute_url()}delete/",
        f"{participant.get_absolute_url()}unsubscribe/",
    ):
        assert client.post(url, {"name": "x" * 20_000}).status_code == 413
    assert Participant.objects.filter(pk=participant.pk, name="Ana").exists()
