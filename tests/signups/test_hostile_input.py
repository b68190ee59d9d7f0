"""What the sign-up form does with bad and hostile input: a message beside each bad field,
markup kept as text, the honeypot, oversized bodies and forged posts."""

import re

import pytest
from django.test import Client

from events.models import Participant
from tests.emails import queued_email_tasks
from tests.factories import signup_data, signup_url, upcoming_event
from tests.html import csrf_token, field_error, text

pytestmark = pytest.mark.django_db

LONG_EMAIL = "a" * 64 + "@" + ".".join(["b" * 63, "c" * 63, "d" * 63]) + ".com"
CONTROL_CHARACTER = (
    "Use letters, digits and punctuation: the name holds an invisible control "
    "character (such as a line break or a tab)."
)


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
        ({"name": "Ana\nBob"}, "name", CONTROL_CHARACTER),
        ({"name": "Ana\x00"}, "name", CONTROL_CHARACTER),
        ({"name": "\u202eanA"}, "name", CONTROL_CHARACTER),
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
            "That is not a time zone we know. Type a zone name such as Europe/Paris, "
            "or find yours in the list of every zone.",
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


def test_the_honeypot_looks_like_success_and_stores_nothing(client):
    event = upcoming_event()
    response = client.post(signup_url(event), signup_data(website="http://spam.example"))
    assert response.status_code == 303
    assert response["Location"] == f"/events/{event.slug}/signup/thanks/"
    assert not Participant.objects.exists()
    assert queued_email_tasks() == 0


@pytest.mark.parametrize("size", [20_000, 3_000_000], ids=["20kB", "3MB"])
def test_an_oversized_body_is_refused_with_413_and_a_page(client, size):
    event = upcoming_event()
    response = client.post(signup_url(event), signup_data(name="x" * size))
    assert response.status_code == 413
    assert "That was more than the form holds" in text(response)
    assert not Participant.objects.exists()


def test_csrf_is_enforced_on_the_signup_form():
    event = upcoming_event()
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(signup_url(event), signup_data()).status_code == 403
    token = csrf_token(browser.get(signup_url(event)).content.decode())
    response = browser.post(signup_url(event), signup_data(csrfmiddlewaretoken=token))
    assert response.status_code == 303
    assert Participant.objects.count() == 1
