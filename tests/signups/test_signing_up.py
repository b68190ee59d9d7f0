"""Signing up from an event's page, every way it can go wrong, confirming, managing and
deleting a sign-up, and the counts the event page shows."""

import re
import threading
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.test import Client, override_settings
from django_tasks_db.backend import DatabaseBackend

from events.models import EmailDelivery, Event, Participant
from events.refusal import Refused
from events.signups.counts import participant_counts
from events.signups.rules import place_for_zone, sign_up
from events.signups.tokens import CONFIRM_SALT
from tests.signups import (
    NOW,
    WINDOW_END,
    WINDOW_START,
    make_city,
    queued_email_tasks,
    run_queued_emails,
    signup_data,
    upcoming_event,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def before_the_window(set_now):
    """Seven weeks before the window, with no rate-limit counters left by another test."""
    cache.clear()
    set_now(NOW)


def visible(html: str) -> str:
    """Text as a reader sees it: tags removed, whitespace collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"</?(span|strong|time|a|em)\b[^>]*>", "", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def page_text(response) -> str:
    return visible(response.content.decode())


def field_error(response, field: str) -> str:
    """The message shown beside `field`, which its input names in aria-describedby."""
    html = response.content.decode()
    error_id = f"signup-{field}-error"
    control = re.search(rf'<(input|select)[^>]*id="signup-{field}"[^>]*>', html).group(0)
    assert error_id in re.search(r'aria-describedby="([^"]*)"', control).group(1)
    return visible(re.search(rf'id="{error_id}">(.*?)</p>', html, re.S).group(1))


def signup_url(event: Event) -> str:
    return f"/events/{event.slug}/signup/"


def confirm_url_from(message) -> str:
    return urlsplit(re.search(r"https?://\S+/signup/confirm/\S+/", message.body).group(0)).path


def manage_url_from(message) -> str:
    path = re.search(r"https?://\S+(/signup/[\w-]+/)\s", message.body).group(1)
    assert "/confirm/" not in path
    return path


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
    assert '<option value="UTC" selected>' in form
    assert "data-browser-zone" in form
    # The honeypot is out of sight and out of the tab order.
    assert re.search(r'<div class="signup-trap" aria-hidden="true">', form)
    assert 'name="website" type="text" value="" tabindex="-1"' in form
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert " style=" not in form and " onclick=" not in form


def test_signup_form_uses_the_zone_of_the_visitor(client):
    event = upcoming_event()
    client.cookies["tz"] = "Asia/Kolkata"
    html = client.get(event.get_absolute_url()).content.decode()
    assert '<option value="Asia/Kolkata" selected>' in html


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (WINDOW_START + timedelta(minutes=1), "Sign-up has closed"),
        (WINDOW_END + timedelta(days=1), None),
    ],
    ids=["live", "past"],
)
def test_signup_form_is_gone_once_the_window_starts(client, set_now, moment, expected):
    event = upcoming_event()
    set_now(moment)
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
    assert "Sign up for Wave at Saturn" in page_text(response)
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
    assert participant.wants_announcements is False
    assert list(participant.deliveries.values_list("kind", "status")) == [("confirm", "queued")]
    assert queued_email_tasks() == 1
    # Sent in the background, not during the request.
    assert mail.outbox == []


def test_thanks_page_shows_the_visitors_own_wave_time(client):
    event = upcoming_event()
    response = client.post(signup_url(event), signup_data(tz="Asia/Tokyo"), follow=True)
    page = page_text(response)
    assert "Nearly there: check your inbox" in page
    assert "Monday 20 July 2026, 06:27–06:42 JST, UTC+09:00" in page
    # Neutral: the same words whether or not the address had signed up before.
    assert "If that address had signed up before" in page


def test_the_opt_in_is_stored(client):
    event = upcoming_event()
    client.post(signup_url(event), signup_data(wants_announcements="on"))
    assert Participant.objects.get().wants_announcements is True


def test_signing_up_with_a_city_picked_from_the_list(client):
    event = upcoming_event()
    paris = make_city(2988507, "Paris", "FR", "France", "Europe/Paris", population=2_138_551)
    make_city(4717560, "Paris", "US", "United States", "America/Chicago", population=24_782)
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
    page = page_text(Client().get(response["Location"]))
    assert "When you wave, Paris, France time" in page
    assert "Sunday 19 July 2026, 23:27–23:42 CEST, UTC+02:00" in page


def test_a_typed_city_with_one_match_needs_no_pick(client):
    event = upcoming_event()
    kathmandu = make_city(1283240, "Kathmandu", "NP", "Nepal", "Asia/Kathmandu")
    client.post(signup_url(event), signup_data(city_query="kathmandu", tz="UTC"))
    participant = Participant.objects.get()
    assert (participant.city, participant.zone) == (kathmandu, "Asia/Kathmandu")


def test_a_city_name_several_places_share_asks_which(client):
    event = upcoming_event()
    make_city(2988507, "Paris", "FR", "France", "Europe/Paris", population=2_138_551)
    make_city(4717560, "Paris", "US", "United States", "America/Chicago", population=24_782)
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
    paris = make_city(2988507, "Paris", "FR", "France", "Europe/Paris")
    kathmandu = make_city(1283240, "Kathmandu", "NP", "Nepal", "Asia/Kathmandu")
    client.post(signup_url(event), signup_data(city_query="Kathmandu", city=str(paris.geonameid)))
    assert Participant.objects.get().city == kathmandu


def test_find_city_searches_on_the_server_and_keeps_what_was_typed(client):
    event = upcoming_event()
    make_city(2988507, "Paris", "FR", "France", "Europe/Paris", population=2_138_551)
    make_city(4717560, "Paris", "US", "United States", "America/Chicago", population=24_782)
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


LONG_EMAIL = "a" * 64 + "@" + ".".join(["b" * 63, "c" * 63, "d" * 63]) + ".com"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": ""}, "name", "Tell us a name or a nickname."),
        ({"name": "   "}, "name", "Tell us a name or a nickname."),
        (
            {"name": "x" * 101},
            "name",
            "Keep the name to 100 characters or fewer (this one has 101).",
        ),
        (
            {"name": "Ana\nBob"},
            "name",
            "Use letters, digits and punctuation: the name holds an invisible control "
            "character (such as a line break or a tab).",
        ),
        (
            {"name": "Ana\x00"},
            "name",
            "Use letters, digits and punctuation: the name holds an invisible control "
            "character (such as a line break or a tab).",
        ),
        (
            {"name": "\u202eanA"},
            "name",
            "Use letters, digits and punctuation: the name holds an invisible control "
            "character (such as a line break or a tab).",
        ),
        ({"email": ""}, "email", "Enter your email address: we send a link there to confirm it."),
        (
            {"email": "ana.example.com"},
            "email",
            "Enter a valid email address, like ana@example.com.",
        ),
        (
            {"email": LONG_EMAIL},
            "email",
            "An email address has at most 254 characters (this one has 260).",
        ),
        (
            {"tz": "Mars/Olympus_Mons"},
            "tz",
            "That is not a time zone we know. Pick one from the list, e.g. Europe/Paris.",
        ),
        ({"tz": ""}, "tz", "Pick your city or your time zone."),
        (
            {"city_query": "Atlantis"},
            "city_query",
            "We do not know a city called “Atlantis”. Check the spelling, or leave the city "
            "empty and pick your time zone.",
        ),
        (
            {"city_query": "Paris", "city": "999999"},
            "city_query",
            "That is not a city we know. Search again, or pick your time zone.",
        ),
        (
            {"city_query": "Paris", "city": "1 OR 1=1"},
            "city_query",
            "That is not a city we know.",
        ),
    ],
    ids=[
        "name-empty",
        "name-blank",
        "name-too-long",
        "name-newline",
        "name-nul",
        "name-bidi-override",
        "email-empty",
        "email-invalid",
        "email-too-long",
        "zone-unknown",
        "no-place",
        "city-unknown",
        "city-id-unknown",
        "city-id-garbage",
    ],
)
def test_each_bad_field_gets_its_own_message(client, fields, field, message):
    event = upcoming_event()
    response = client.post(signup_url(event), signup_data(**fields))
    assert response.status_code == 400
    assert field_error(response, field) == message
    html = response.content.decode()
    assert re.search(rf'id="signup-{field}"[^>]*aria-invalid="true"', html)
    # The summary at the top links to the field.
    assert f'href="#signup-{field}"' in html
    assert not Participant.objects.exists()
    assert queued_email_tasks() == 0


def test_markup_in_a_name_is_kept_as_text_and_never_rendered(client):
    event = upcoming_event()
    name = '<b>Ana</b> & "co"'
    client.post(signup_url(event), signup_data(name=name))
    participant = Participant.objects.get()
    assert participant.name == name
    html = client.get(participant.get_absolute_url()).content.decode()
    assert "<b>Ana</b>" not in html
    assert "&lt;b&gt;Ana&lt;/b&gt; &amp; &quot;co&quot;" in html


def test_a_refused_form_shows_what_was_typed_escaped(client):
    event = upcoming_event()
    response = client.post(
        signup_url(event), signup_data(name='"><script>alert(1)</script>', email="bad")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "<script>alert(1)" not in html
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


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


def test_repeated_signups_do_not_flood_an_inbox(client):
    event = upcoming_event()
    for _ in range(8):
        assert client.post(signup_url(event), signup_data()).status_code == 303
    # The first sign-up's email, then at most three repeats an hour.
    assert EmailDelivery.objects.count() == 4
    assert Participant.objects.count() == 1


def test_an_address_with_an_international_domain_is_one_address(client):
    event = upcoming_event()
    client.post(signup_url(event), signup_data(email="ana@bücher.example"))
    client.post(signup_url(event), signup_data(email="ANA@BÜCHER.example"))
    assert list(Participant.objects.values_list("email", flat=True)) == [
        "ana@xn--bcher-kva.example"
    ]


# --- closed, hidden and abused ---------------------------------------------------------


def test_signing_up_after_the_window_started_is_refused(client, set_now):
    event = upcoming_event()
    set_now(WINDOW_START)
    response = client.post(signup_url(event), signup_data())
    assert response.status_code == 403
    assert "Sign-up for Wave at Saturn closed when the wave started." in page_text(response)
    assert not Participant.objects.exists()
    assert client.get(signup_url(event)).status_code == 200  # the page says so too


def test_a_draft_event_takes_no_signups(client):
    event = upcoming_event(status=Event.Status.DRAFT)
    assert client.post(signup_url(event), signup_data()).status_code == 404
    assert not Participant.objects.exists()


def test_the_honeypot_looks_like_success_and_stores_nothing(client):
    event = upcoming_event()
    response = client.post(signup_url(event), signup_data(website="http://spam.example"))
    assert response.status_code == 303
    assert response["Location"] == f"/events/{event.slug}/signup/thanks/"
    assert not Participant.objects.exists()
    assert queued_email_tasks() == 0


def test_a_family_of_five_from_one_address_is_not_blocked(client):
    event = upcoming_event()
    for name in ["Ana", "Ben", "Cy", "Dee", "Eve"]:
        # Each gets one thing wrong first, then signs up.
        assert client.post(signup_url(event), signup_data(name="", email="x")).status_code == 400
        response = client.post(
            signup_url(event), signup_data(name=name, email=f"{name}@example.com")
        )
        assert response.status_code == 303
    assert Participant.objects.count() == 5


@override_settings(SIGNUP_RATE_LIMIT=5)
def test_a_flood_from_one_address_gets_a_429_with_a_page(client):
    event = upcoming_event()
    for number in range(5):
        client.post(signup_url(event), signup_data(email=f"bot{number}@example.com"))
    response = client.post(signup_url(event), signup_data(email="bot5@example.com"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many sign-ups from your network" in page_text(response)
    assert Participant.objects.count() == 5
    # Another address is not affected.
    other = client.post(
        signup_url(event), signup_data(email="ana@example.com"), REMOTE_ADDR="192.0.2.7"
    )
    assert other.status_code == 303


@override_settings(SIGNUP_RATE_LIMIT=2, TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_limit_counts_the_forwarded_address(client):
    event = upcoming_event()

    def post(email: str, forwarded: str):
        return client.post(
            signup_url(event), signup_data(email=email), HTTP_X_FORWARDED_FOR=forwarded
        )

    assert post("a@example.com", "198.51.100.1").status_code == 303
    assert post("b@example.com", "198.51.100.1").status_code == 303
    # Forging a left-hand entry does not help: the proxy's own entry is on the right.
    assert post("c@example.com", "203.0.113.9, 198.51.100.1").status_code == 429
    assert post("d@example.com", "198.51.100.2").status_code == 303


@pytest.mark.parametrize("size", [20_000, 3_000_000], ids=["20kB", "3MB"])
def test_an_oversized_body_is_refused_with_413_and_a_page(client, size):
    event = upcoming_event()
    response = client.post(signup_url(event), signup_data(name="x" * size))
    assert response.status_code == 413
    assert "That was more than the form holds" in page_text(response)
    assert not Participant.objects.exists()


def test_csrf_is_enforced_on_the_signup_form():
    event = upcoming_event()
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(signup_url(event), signup_data()).status_code == 403
    page = browser.get(event.get_absolute_url()).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = browser.post(signup_url(event), signup_data(csrfmiddlewaretoken=token))
    assert response.status_code == 303
    assert Participant.objects.count() == 1


def test_the_participant_list_is_never_public(client):
    event = upcoming_event()
    client.post(signup_url(event), signup_data(name="Secret Sam", email="sam@example.com"))
    # A minute ago: the page counts confirmations up to the start of its 10-second slot.
    Participant.objects.update(confirmed_at=NOW - timedelta(minutes=1))
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Secret Sam" not in page and "sam@example.com" not in page
    assert "1 person has said they will wave." in visible(page)


# --- confirming ------------------------------------------------------------------------


def test_confirming_from_the_email_counts_the_participant_once(client):
    event = upcoming_event()
    client.post(signup_url(event), signup_data())
    run_queued_emails()
    link = confirm_url_from(mail.outbox[0])
    # Opening the link only asks: mail scanners open links too.
    page = client.get(link)
    assert page.status_code == 200
    assert "Yes, count me in" in page_text(page)
    assert Participant.objects.get().confirmed_at is None

    response = client.post(link)
    participant = Participant.objects.get()
    assert response.status_code == 303
    assert response["Location"] == participant.get_absolute_url()
    assert participant.confirmed_at == NOW
    follow = client.get(response["Location"])
    assert "Thank you: your address is confirmed" in page_text(follow)

    # Twice is harmless: the first confirmation time stays.
    assert client.post(link).status_code == 303
    assert Participant.objects.get().confirmed_at == NOW
    assert "Already confirmed" in page_text(client.get(link))
    assert participant_counts(event).confirmed == 1


def test_an_expired_confirmation_link_says_how_to_get_a_fresh_one(client, monkeypatch):
    event = upcoming_event()
    client.post(signup_url(event), signup_data())
    run_queued_emails()
    link = confirm_url_from(mail.outbox[0])
    later = signing.time.time() + timedelta(days=8).total_seconds()
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = client.post(link)
    assert response.status_code == 400
    assert "This confirmation link has expired. Sign up again with the same address" in (
        page_text(response)
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
        assert "This confirmation link does not work." in page_text(response)
    assert Participant.objects.get().confirmed_at is None
    assert client.post(f"/signup/confirm/{genuine}/").status_code == 303


def test_a_confirmation_link_of_a_deleted_signup_is_404(client):
    event = upcoming_event()
    client.post(signup_url(event), signup_data())
    run_queued_emails()
    Participant.objects.all().delete()
    response = client.get(confirm_url_from(mail.outbox[0]))
    assert response.status_code == 404
    assert "This sign-up no longer exists" in page_text(response)


# --- managing, deleting, unsubscribing --------------------------------------------------


@pytest.fixture
def participant(client) -> Participant:
    event = upcoming_event()
    client.post(signup_url(event), signup_data(wants_announcements="on"))
    return Participant.objects.get()


def test_the_manage_page_shows_the_signup_privately(client, participant):
    response = client.get(participant.get_absolute_url())
    page = page_text(response)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your sign-up for Wave at Saturn" in page
    assert "Not confirmed yet" in page
    assert "When you wave, Paris time Sunday 19 July 2026, 23:27–23:42 CEST" in page
    assert 'name="name" type="text" value="Ana"' in html
    assert '<option value="Europe/Paris" selected>' in html
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
    assert "Saved." in page_text(client.get(response["Location"]))


def test_changing_to_a_city(client, participant):
    kathmandu = make_city(1283240, "Kathmandu", "NP", "Nepal", "Asia/Kathmandu")
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
    assert "This cannot be undone." in page_text(client.get(delete_url))
    response = client.post(delete_url)
    assert response.status_code == 200
    assert "Your sign-up is deleted" in page_text(response)
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
    assert "No more announcements" in page_text(response)
    participant.refresh_from_db()
    assert participant.wants_announcements is False


def test_opening_the_unsubscribe_link_changes_nothing(client, participant):
    response = client.get(f"{participant.get_absolute_url()}unsubscribe/")
    assert response.status_code == 200
    assert "Stop announcements for Wave at Saturn?" in page_text(response)
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


# --- counts ----------------------------------------------------------------------------


def test_the_event_page_counts_confirmed_participants_by_country(client):
    event = upcoming_event()
    for email, zone, confirmed in [
        ("a@example.com", "Europe/Paris", True),
        ("b@example.com", "Europe/Paris", True),
        ("c@example.com", "Asia/Tokyo", True),
        ("d@example.com", "UTC", True),
        ("e@example.com", "Asia/Tokyo", False),
    ]:
        client.post(signup_url(event), signup_data(email=email, tz=zone))
        if confirmed:
            earlier = NOW - timedelta(minutes=1)  # counted from the page's slot on
            Participant.objects.filter(email=email).update(confirmed_at=earlier)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "4 people have said they will wave." in visible(html)
    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td></tr>', html)
    assert rows == [
        ("France", "2"),
        ("Japan", "1"),
        ("Not known (a time zone several countries share)", "1"),
    ]


def test_a_past_event_adds_its_reported_figure(client, set_now):
    event = upcoming_event(reported_participants=20_000)
    client.post(signup_url(event), signup_data())
    Participant.objects.update(confirmed_at=NOW)
    set_now(WINDOW_END + timedelta(days=1))
    assert event.participant_count == 20_001
    page = page_text(client.get(event.get_absolute_url()))
    assert "More than 20,001 people took part." in page


def test_counts_come_in_one_query(django_assert_num_queries):
    event = upcoming_event()
    with django_assert_num_queries(1):
        counts = participant_counts(event)
    assert counts.total == 0 and counts.by_country == ()


# --- the row and its email commit together ----------------------------------------------


def test_a_rolled_back_signup_leaves_neither_row_nor_task():
    event = upcoming_event()
    with pytest.raises(RuntimeError), transaction.atomic():
        sign_up(
            event,
            name="Ana",
            email="ana@example.com",
            place=place_for_zone("Europe/Paris"),
            wants_announcements=False,
        )
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
        sign_up(
            event,
            name="Ana",
            email="ana@example.com",
            place=place_for_zone("Europe/Paris"),
            wants_announcements=False,
        )
    assert not Participant.objects.exists()


def test_signing_up_for_a_closed_event_is_refused_by_the_domain(set_now):
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


# --- at the same instant, on PostgreSQL -------------------------------------------------


def _post_at_once(event: Event, emails: list[str]) -> list[int]:
    """POST one sign-up per address from as many threads, released at the same moment."""
    barrier = threading.Barrier(len(emails))
    statuses: list[int] = []

    def submit(number: int, email: str) -> None:
        try:
            browser = Client()
            barrier.wait(timeout=10)
            # Each from its own address, as different people would be.
            response = browser.post(
                signup_url(event), signup_data(email=email), REMOTE_ADDR=f"198.51.100.{number}"
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=submit, args=(number, email))
        for number, email in enumerate(emails, start=1)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return statuses


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicate_signups_make_exactly_one_row(postgres_only):
    event = upcoming_event()
    variants = ["ana@example.com", "ANA@example.com", "Ana@Example.com", "ana@EXAMPLE.COM"] * 3
    statuses = _post_at_once(event, variants)
    assert statuses == [303] * len(variants)
    assert Participant.objects.filter(event=event).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_distinct_signups_all_count(postgres_only):
    event = upcoming_event()
    emails = [f"person{number}@example.com" for number in range(12)]
    statuses = _post_at_once(event, emails)
    assert statuses == [303] * len(emails)
    assert Participant.objects.filter(event=event).count() == len(emails)
    assert queued_email_tasks() == len(emails)
