"""Signing up from an event's page: the form, what a sign-up stores and queues, a city
picked or typed, signing up again, and the sign-up a closed event or a failure leaves."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import DatabaseError, transaction
from django.test import Client
from django_tasks_db.backend import DatabaseBackend

from events.models import EmailDelivery, Event, Participant
from events.refusal import Refused
from events.signups.rules import place_for_zone, sign_up
from tests.emails import confirm_url_from, manage_url_from, queued_email_tasks, run_queued_emails
from tests.factories import (
    NOW,
    WINDOW_END,
    WINDOW_START,
    make_city,
    signed_up,
    signup_data,
    signup_url,
    upcoming_event,
)
from tests.html import field_error, inline_scripts, text, visible

pytestmark = pytest.mark.django_db


# --- the form on the event page --------------------------------------------------------


def test_upcoming_event_page_has_the_signup_form(client):
    event = upcoming_event()
    html = client.get(event.get_absolute_url()).content.decode()
    form = re.search(r"<form[^>]*data-signup-form.*?</form>", html, re.S).group(0)
    assert f'action="{signup_url(event)}"' in form
    assert 'method="post"' in form
    assert 'name="csrfmiddlewaretoken"' in form
    for field, label in [
        ("name", "Name or nickname"),
        ("email", "Email"),
        ("city_query", "City"),
        ("tz", "Time zone"),
        ("wants_announcements", "Also email me the organisers' announcements for this event"),
    ]:
        assert f'<label for="signup-{field}">{label}</label>' in form
    # The zone is prefilled (here: the default, UTC) and the browser may put in its own.
    assert 'id="signup-tz" name="tz" type="text" value="UTC"' in form
    assert "data-browser-zone" in form
    # The honeypot is out of sight and out of the tab order.
    assert re.search(r'<div class="signup-trap" aria-hidden="true">', form)
    assert 'name="website" type="text" value="" tabindex="-1"' in form
    assert inline_scripts(html) == []
    assert " style=" not in form and " onclick=" not in form


def test_signup_form_uses_the_zone_of_the_page(client):
    event = upcoming_event()
    html = client.get(event.get_absolute_url(), {"tz": "Asia/Kolkata"}).content.decode()
    assert 'name="tz" type="text" value="Asia/Kolkata"' in html
    # A remembered zone is the browser's business (static/js/signup.js): the page is shared.
    client.cookies["tz"] = "Asia/Kolkata"
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'name="tz" type="text" value="UTC"' in html
    assert "data-browser-zone" in html


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (WINDOW_START + timedelta(minutes=1), "Sign-up has closed"),
        (WINDOW_END + timedelta(days=1), None),
    ],
    ids=["live", "past"],
)
def test_signup_form_is_gone_once_the_window_starts(client, clock, moment, expected):
    event = upcoming_event()
    clock.move_to(moment)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "data-signup-form" not in page
    if expected:
        assert expected in visible(page)
    else:
        assert "Sign up to wave" not in visible(page)


def test_the_signup_page_of_its_own(client):
    event = upcoming_event()
    response = client.get(signup_url(event))
    assert response.status_code == 200
    assert "Sign up for Wave at Saturn" in text(response)
    assert "data-signup-form" in response.content.decode()


# --- signing up ------------------------------------------------------------------------


def test_signing_up_stores_an_unconfirmed_participant_and_queues_one_email(client):
    event = upcoming_event()
    response = client.post(signup_url(event), signup_data())
    assert response.status_code == 303
    assert response["Location"] == f"/events/{event.slug}/signup/thanks/?tz=Europe%2FParis"
    participant = Participant.objects.get()
    assert participant.event == event
    assert participant.name == "Ana"
    assert participant.email == "ana@example.com"
    assert participant.zone == "Europe/Paris"
    assert (participant.country_code, participant.country) == ("FR", "France")
    assert participant.confirmed_at is None
    assert participant.created_at == NOW
    assert participant.wants_announcements is False
    assert list(participant.deliveries.values_list("kind", "status")) == [("confirm", "queued")]
    assert queued_email_tasks() == 1
    # Sent in the background, not during the request.
    assert mail.outbox == []


def test_thanks_page_shows_the_visitors_own_wave_time(client):
    event = upcoming_event()
    response = client.post(signup_url(event), signup_data(tz="Asia/Tokyo"), follow=True)
    page = text(response)
    assert "Nearly there: check your inbox" in page
    assert "Monday 20 July 2026, 06:27–06:42 JST, UTC+09:00" in page
    # Neutral: the same words whether or not the address had signed up before.
    assert "If that address had signed up before" in page


def test_the_opt_in_is_stored(client):
    event = upcoming_event()
    client.post(signup_url(event), signup_data(wants_announcements="on"))
    assert Participant.objects.get().wants_announcements is True


def two_cities_called_paris():
    """Paris, France (the one returned), and the smaller Paris, Texas."""
    paris = make_city(
        "Paris", "FR", "France", "Europe/Paris", geonameid=2988507, population=2_138_551
    )
    make_city(
        "Paris", "US", "United States", "America/Chicago", geonameid=4717560, population=24_782
    )
    return paris


def test_signing_up_with_a_city_picked_from_the_list(client):
    event = upcoming_event()
    paris = two_cities_called_paris()
    response = client.post(
        signup_url(event), signup_data(city_query="Paris", city=str(paris.geonameid), tz="UTC")
    )
    assert response.status_code == 303
    assert response["Location"].endswith("?tz=Europe%2FParis&city=2988507")
    participant = Participant.objects.get()
    assert (participant.city, participant.zone, participant.country) == (
        paris,
        "Europe/Paris",
        "France",
    )
    page = text(Client().get(response["Location"]))
    assert "When you wave, Paris, France time" in page
    assert "Sunday 19 July 2026, 23:27–23:42 CEST, UTC+02:00" in page


def test_a_typed_city_with_one_match_needs_no_pick(client):
    event = upcoming_event()
    kathmandu = make_city("Kathmandu", "NP", "Nepal", "Asia/Kathmandu")
    client.post(signup_url(event), signup_data(city_query="kathmandu", tz="UTC"))
    participant = Participant.objects.get()
    assert (participant.city, participant.zone) == (kathmandu, "Asia/Kathmandu")


def test_a_city_name_several_places_share_asks_which(client):
    event = upcoming_event()
    two_cities_called_paris()
    response = client.post(signup_url(event), signup_data(city_query="Paris"))
    assert response.status_code == 400
    assert field_error(response, "city_query") == (
        "Several places match “Paris”: pick yours from the list."
    )
    options = re.findall(r'<option value="(\d+)"', response.content.decode())
    assert options == ["2988507", "4717560"]
    assert not Participant.objects.exists()


def test_a_changed_city_box_wins_over_an_earlier_pick(client):
    event = upcoming_event()
    paris = make_city("Paris", "FR", "France", "Europe/Paris")
    kathmandu = make_city("Kathmandu", "NP", "Nepal", "Asia/Kathmandu")
    client.post(signup_url(event), signup_data(city_query="Kathmandu", city=str(paris.geonameid)))
    assert Participant.objects.get().city == kathmandu


def test_find_city_searches_on_the_server_and_keeps_what_was_typed(client):
    event = upcoming_event()
    two_cities_called_paris()
    response = client.post(
        signup_url(event),
        signup_data(name="Ana", email="", city_query="pari", find_city="1"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert re.findall(r'<option value="(\d+)"', html) == ["2988507", "4717560"]
    assert "2 places match: pick yours from the list." in visible(html)
    assert 'name="name" type="text" value="Ana"' in html
    assert "data-error-summary" not in html  # a search is not a failed submission
    assert not Participant.objects.exists()


# --- signing up again -----------------------------------------------------------------


def test_signing_up_again_in_any_letter_case_makes_no_second_row(client):
    event = upcoming_event()
    first = client.post(signup_url(event), signup_data())
    again = client.post(signup_url(event), signup_data(email="ANA@Example.COM", name="Mallory"))
    assert again.status_code == first.status_code == 303
    assert again["Location"] == first["Location"]
    participant = Participant.objects.get()
    assert participant.name == "Ana"  # a stranger cannot change somebody's sign-up
    # A fresh confirmation, since the first was not confirmed yet.
    assert list(participant.deliveries.values_list("kind", flat=True)) == ["confirm", "confirm"]
    run_queued_emails()
    assert [message.to for message in mail.outbox] == [["ana@example.com"]] * 2
    assert confirm_url_from(mail.outbox[0]) != "" and confirm_url_from(mail.outbox[1]) != ""


def test_signing_up_again_when_confirmed_mails_the_manage_link(client):
    event = upcoming_event()
    client.post(signup_url(event), signup_data())
    Participant.objects.update(confirmed_at=NOW)
    client.post(signup_url(event), signup_data())
    run_queued_emails()
    message = mail.outbox[-1]
    assert message.subject == "Your sign-up for Wave at Saturn"
    assert "/signup/confirm/" not in message.body
    assert manage_url_from(message) == Participant.objects.get().get_absolute_url()


def test_an_address_with_an_international_domain_is_one_address(client):
    event = upcoming_event()
    client.post(signup_url(event), signup_data(email="ana@bücher.example"))
    client.post(signup_url(event), signup_data(email="ANA@BÜCHER.example"))
    assert list(Participant.objects.values_list("email", flat=True)) == [
        "ana@xn--bcher-kva.example"
    ]


# --- closed and hidden events ----------------------------------------------------------


def test_signing_up_after_the_window_started_is_refused(client, clock):
    event = upcoming_event()
    clock.move_to(WINDOW_START)
    response = client.post(signup_url(event), signup_data())
    assert response.status_code == 403
    assert "Sign-up for Wave at Saturn closed when the wave started." in text(response)
    assert not Participant.objects.exists()
    assert client.get(signup_url(event)).status_code == 200  # the page says so too


def test_a_draft_event_takes_no_signups(client):
    event = upcoming_event(status=Event.Status.DRAFT)
    assert client.post(signup_url(event), signup_data()).status_code == 404
    assert not Participant.objects.exists()


def test_signing_up_for_a_closed_event_is_refused_by_the_domain():
    event = upcoming_event()
    with pytest.raises(Refused) as refused:
        sign_up(
            event,
            name="Ana",
            email="ana@example.com",
            place=place_for_zone("UTC"),
            wants_announcements=False,
            now=WINDOW_START,
        )
    assert refused.value.reason == "closed"


# --- the row and its email commit together ----------------------------------------------


def test_a_rolled_back_signup_leaves_neither_row_nor_task():
    event = upcoming_event()
    with pytest.raises(RuntimeError), transaction.atomic():
        signed_up(event=event)
        assert queued_email_tasks() == 1
        raise RuntimeError("the request failed after the sign-up")
    assert not Participant.objects.exists()
    assert not EmailDelivery.objects.exists()
    assert queued_email_tasks() == 0


def test_a_failed_enqueue_leaves_no_signup(monkeypatch):
    event = upcoming_event()

    def broken(*args, **kwargs):
        raise DatabaseError("task table unavailable")

    monkeypatch.setattr(DatabaseBackend, "enqueue", broken)
    with pytest.raises(DatabaseError):
        signed_up(event=event)
    assert not Participant.objects.exists()
