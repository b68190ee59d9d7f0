"""What the sign-up and photo forms keep out: invisible-only names, bidi controls in
captions, addresses a mail server would refuse; and a confirmation link that says nothing
about the address."""

import base64
import json

import pytest
from django.core import signing

from events.models import Participant
from events.signups.rules import confirm, participant_for_token
from events.signups.tokens import CONFIRM_SALT, confirmation_token
from tests.factories import (
    NOW,
    image_bytes,
    make_participant,
    photo_upload,
    signed_up,
    signup_data,
    signup_url,
    upcoming_event,
)
from tests.html import field_error, text

pytestmark = pytest.mark.django_db

INVISIBLE = "Use at least one visible letter or digit: this is made only of invisible characters."


@pytest.mark.parametrize(
    "name",
    ["\u200b", "\u3164", "\u115f\u1160", "\uffa0", "\u2060\u200b", "\u00ad", "\u200b \u3164"],
    ids=["zwsp", "hangul-filler", "choseong-filler", "halfwidth-filler", "joiner", "shy", "mix"],
)
def test_a_name_of_invisible_characters_only_is_refused(client, clock, name):
    clock.move_to(NOW)
    response = client.post(signup_url(upcoming_event()), signup_data(name=name))
    assert response.status_code == 400
    assert field_error(response, "name") == INVISIBLE
    assert not Participant.objects.exists()


def test_the_manage_form_refuses_an_invisible_name_too(client, clock):
    clock.move_to(NOW)
    participant = signed_up()
    response = client.post(participant.get_absolute_url(), signup_data(name="\u3164"))
    assert response.status_code == 400
    assert INVISIBLE in text(response)


@pytest.mark.parametrize("name", ["Zoë\u200d", "\u0645\u200c\u0646", "Ana\u00adbel"])
def test_a_name_with_something_visible_keeps_its_joiners(client, clock, name):
    clock.move_to(NOW)
    response = client.post(signup_url(upcoming_event()), signup_data(name=name))
    assert response.status_code == 303


@pytest.mark.parametrize("control", ["\u202e", "\u202a", "\u2066", "\u2069", "\n"])
def test_a_caption_with_a_bidi_control_is_refused_like_a_name(client, media, control):
    participant = make_participant(upcoming_event(window_start=NOW.replace(year=2020)))
    response = client.post(
        f"{participant.get_absolute_url()}photo/",
        {
            "photo": photo_upload(image_bytes()),
            "caption": f"Me{control}waving",
            "consent": "on",
        },
    )
    assert response.status_code == 400
    assert "the caption holds an invisible control character" in text(response)
    assert media.files() == []


@pytest.mark.parametrize("caption", ["\u200b", "\u3164\u3164", "\u00ad", " \u2800 "])
def test_a_caption_of_invisible_characters_only_is_refused(client, media, caption):
    participant = make_participant(upcoming_event(window_start=NOW.replace(year=2020)))
    response = client.post(
        f"{participant.get_absolute_url()}photo/",
        {"photo": photo_upload(image_bytes()), "caption": caption, "consent": "on"},
    )
    assert response.status_code == 400
    assert "made only of invisible characters" in text(response)
    assert media.files() == []


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("ann@localhost", "Mail cannot reach “localhost”: the part after @ needs a dot"),
        ("ann@mailhost", "Enter a valid email address"),  # Django's validator says so already
        ('"a\x01b"@example.com', "Enter the address without invisible characters"),
        ('"a\tb"@example.com', "Enter a valid email address"),
    ],
)
def test_an_address_the_mail_server_would_refuse_is_refused_at_the_form(
    client, clock, email, message
):
    clock.move_to(NOW)
    response = client.post(signup_url(upcoming_event()), signup_data(email=email))
    assert response.status_code == 400
    assert field_error(response, "email").startswith(message)
    assert not Participant.objects.exists()


def _payload(token: str) -> str:
    encoded = token.split(":")[0]
    return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()


def test_the_confirmation_token_carries_no_address(clock):
    clock.move_to(NOW)
    participant = signed_up(email="Secret.Person@example.com")
    token = confirmation_token(participant)
    payload = _payload(token)
    assert "secret" not in payload.lower()
    assert "example" not in payload.lower()
    assert set(json.loads(payload)) == {"p", "h"}
    assert confirm(token).pk == participant.pk


def test_a_token_for_another_address_of_the_same_row_does_not_confirm(clock):
    clock.move_to(NOW)
    participant = signed_up(email="ana@example.com")
    token = confirmation_token(participant)
    Participant.objects.filter(pk=participant.pk).update(email="bea@example.com")
    with pytest.raises(Exception, match="no longer exists"):
        participant_for_token(token)


def test_a_link_sent_before_the_change_still_confirms(clock):
    clock.move_to(NOW)
    participant = signed_up(email="Ana@example.com")
    old_token = signing.dumps({"p": participant.pk, "e": "ana@example.com"}, salt=CONFIRM_SALT)
    assert confirm(old_token).confirmed_at is not None
