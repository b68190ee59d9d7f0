"""Confirming an address from the email's link: a button, not a visit; once; and what an
expired, forged or orphaned link says."""

from datetime import timedelta

import pytest
from django.core import mail, signing

from events.models import Participant
from events.signups.counts import participant_counts
from events.signups.tokens import CONFIRM_SALT
from tests.emails import confirm_url_from, run_queued_emails
from tests.factories import NOW, signup_data, signup_url, upcoming_event
from tests.html import text

pytestmark = pytest.mark.django_db


def signed_up_link(client) -> str:
    """Sign Ana up for an upcoming event; the confirmation link the email gives her."""
    client.post(signup_url(upcoming_event()), signup_data())
    run_queued_emails()
    return confirm_url_from(mail.outbox[0])


def test_confirming_from_the_email_counts_the_participant_once(client):
    link = signed_up_link(client)
    # Opening the link only asks: mail scanners open links too.
    page = client.get(link)
    assert page.status_code == 200
    assert "Yes, count me in" in text(page)
    assert Participant.objects.get().confirmed_at is None

    response = client.post(link)
    participant = Participant.objects.get()
    assert response.status_code == 303
    assert response["Location"] == participant.get_absolute_url()
    assert participant.confirmed_at == NOW
    follow = client.get(response["Location"])
    assert "Thank you: your address is confirmed" in text(follow)

    # Twice is harmless: the first confirmation time stays.
    assert client.post(link).status_code == 303
    assert Participant.objects.get().confirmed_at == NOW
    assert "Already confirmed" in text(client.get(link))
    assert participant_counts(participant.event).confirmed == 1


def test_an_expired_confirmation_link_says_how_to_get_a_fresh_one(client, clock):
    link = signed_up_link(client)
    clock.shift(timedelta(days=8))
    response = client.post(link)
    assert response.status_code == 400
    assert "This confirmation link has expired. Sign up again with the same address" in (
        text(response)
    )
    assert Participant.objects.get().confirmed_at is None


def test_a_token_signed_for_another_purpose_or_altered_does_not_confirm(client):
    event = upcoming_event()
    client.post(signup_url(event), signup_data())
    participant = Participant.objects.get()
    payload = {"p": participant.pk, "e": "ana@example.com"}
    foreign = signing.dumps(payload, salt="events.something-else")
    genuine = signing.dumps(payload, salt=CONFIRM_SALT)
    altered = genuine[:-3] + ("aaa" if genuine[-3:] != "aaa" else "bbb")
    for token in (foreign, altered):
        response = client.post(f"/signup/confirm/{token}/")
        assert response.status_code == 400
        assert "This confirmation link does not work." in text(response)
    assert Participant.objects.get().confirmed_at is None
    assert client.post(f"/signup/confirm/{genuine}/").status_code == 303


def test_a_confirmation_link_of_a_deleted_signup_is_404(client):
    link = signed_up_link(client)
    Participant.objects.all().delete()
    response = client.get(link)
    assert response.status_code == 404
    assert "This sign-up no longer exists" in text(response)
