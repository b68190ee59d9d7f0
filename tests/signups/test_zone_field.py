"""The sign-up form's time zone: a text box (no list of every zone in the page), the page's
zone filled in, suggestions as you type from /zones/search/, and checked on the server
against the catalogue, with a message that names the zones a wrong name may have meant."""

import re

import pytest

from events.models import Participant
from tests.factories import signup_data, signup_url, upcoming_event
from tests.html import field_error

pytestmark = pytest.mark.django_db


def test_the_zone_is_a_text_box_with_the_pages_zone_and_suggestions(client):
    event = upcoming_event()
    html = client.get(event.get_absolute_url(), {"tz": "America/Indiana/Knox"}).content.decode()
    box = re.search(r'<input id="signup-tz"[^>]*>', html).group(0)
    assert 'type="text"' in box and 'value="America/Indiana/Knox"' in box
    assert 'list="signup-tz-list"' in box and 'data-zone-suggest="/zones/search/"' in box
    assert '<datalist id="signup-tz-list"></datalist>' in html
    assert '<select id="signup-tz"' not in html
    assert '<label for="signup-tz">Time zone</label>' in html


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Asia/Tokyo", "Asia/Tokyo"),
        ("asia/tokyo", "Asia/Tokyo"),
        (" Asia/Tokyo ", "Asia/Tokyo"),
        ("Asia/Calcutta", "Asia/Kolkata"),  # an old name, as some browsers still say
        ("UTC", "UTC"),
    ],
)
def test_a_zone_of_the_catalogue_is_taken(client, typed, stored):
    event = upcoming_event()
    response = client.post(signup_url(event), signup_data(tz=typed))
    assert response.status_code == 303
    assert Participant.objects.get().zone == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Paris", "That is not a time zone we know. Did you mean Europe/Paris?"),
        (
            "london",
            "That is not a time zone we know. Did you mean Europe/London or America/Toronto?",
        ),
        (
            "Mars/Olympus_Mons",
            "That is not a time zone we know. Type a zone name such as Europe/Paris, "
            "or find yours in the list of every zone.",
        ),
        ("Etc/../../passwd", None),
        ("x" * 64, None),
    ],
)
def test_a_name_outside_the_catalogue_is_refused_beside_the_field(client, typed, message):
    event = upcoming_event()
    response = client.post(signup_url(event), signup_data(tz=typed))
    assert response.status_code == 400
    assert not Participant.objects.exists()
    shown = field_error(response, "tz")
    assert shown.startswith("That is not a time zone we know.")
    if message:
        assert shown == message
    # the box keeps what was typed, so it can be corrected
    assert re.search(r'<input id="signup-tz"[^>]*aria-invalid="true"', response.content.decode())
