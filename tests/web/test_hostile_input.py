"""Hostile numbers and identifiers, and control characters, wherever a request carries them:
a 4xx or a message on the page, never a 500, on SQLite and on PostgreSQL.

Run on PostgreSQL too (DATABASE_URL=postgres://…): NUL is harmless to SQLite and fatal to
a PostgreSQL query, which is why these tests are not marked `postgres` but must pass there.
"""

import pytest
from django.test import Client
from django.utils import translation

from events.inputs import MAX_ROW_ID, decimal_number, url_key, whole_number
from events.models import Participant
from events.refusal import Refused
from tests.factories import (
    NOW,
    TORONTO_ID,
    make_event,
    make_participant,
    make_real_cities,
    signed_up,
    signup_data,
    signup_url,
    upcoming_event,
)
from tests.html import field_error, text

pytestmark = pytest.mark.django_db

# Digits a keyboard in another script, a phone or a copy from a document gives.
NOT_ASCII_NUMBERS = ["٤٣٫٧", "٤٣", "４３", "²", "43²", "۴۳", "１.５"]
HUGE_NUMBERS = ["99999999999999999999", str(MAX_ROW_ID + 1), "-1000", "1e999", "0x10"]


@pytest.fixture
def visitor():
    """A client that answers as production does: a 500 is a status, not an exception."""
    return Client(raise_request_exception=False)


# --- the one way numbers and identifiers are read ------------------------------------------

LATITUDE = {
    "not_a_number": "The latitude must be a number of degrees; %(value)s is not.",
    "out_of_range": "From %(lowest)s to %(highest)s; %(value)s is not.",
}


@pytest.mark.parametrize("text", ["0", "7", " 42 ", "2147483647", 6167865])
def test_a_whole_number_is_ascii_digits_in_range(text):
    assert whole_number(text) == int(str(text).strip())


@pytest.mark.parametrize(
    "text", [*NOT_ASCII_NUMBERS, *HUGE_NUMBERS, "", None, "1 2", "+1", "1_000", "a\x00"]
)
def test_anything_else_is_refused_with_a_sentence(text):
    with pytest.raises(Refused) as refused:
        whole_number(text, refusal="%(value)s is not a city number; pick a city.")
    assert refused.value.message.endswith(" is not a city number; pick a city.")
    assert refused.value.message.startswith(("“", "An empty value"))


@pytest.mark.parametrize(
    ("text", "value"), [("43.7", 43.7), ("-79,4", -79.4), ("\u221233.9", -33.9), (".5", 0.5)]
)
def test_a_decimal_number_as_people_type_it(text, value):
    assert decimal_number(text, lowest=-90, highest=90, **LATITUDE) == value


@pytest.mark.parametrize("text", [*NOT_ASCII_NUMBERS, "nan", "inf", "1e2", "1_0", "4\x003"])
def test_a_decimal_number_in_another_script_or_notation_is_refused(text):
    with pytest.raises(Refused, match="The latitude must be a number of degrees") as refused:
        decimal_number(text, lowest=-90, highest=90, **LATITUDE)
    assert "“" in refused.value.message


def test_a_number_out_of_range_is_written_as_the_readers_language_writes_numbers():
    with pytest.raises(Refused) as refused:
        decimal_number("-91,5", lowest=-90, highest=90, **LATITUDE)
    assert refused.value.message == "From \u221290 to 90; \u221291.5 is not."
    with translation.override("de"), pytest.raises(Refused) as refused:
        decimal_number("-91,5", lowest=-90, highest=90, **LATITUDE)
    assert refused.value.message == "From \u221290 to 90; \u221291,5 is not."


@pytest.mark.parametrize("text", ["", "a" * 65, "abc\x00", "abc/..", "ab c", "ключ"])
def test_a_key_from_an_address_is_url_safe_and_bounded(text):
    with pytest.raises(Refused):
        url_key(text, max_length=64)
    assert url_key("Ksk8fZIQ3wr5_fjGh-ruk", max_length=64) == "Ksk8fZIQ3wr5_fjGh-ruk"


# --- numbers in pages, forms and the admin -------------------------------------------------


@pytest.mark.parametrize("number", NOT_ASCII_NUMBERS + HUGE_NUMBERS)
def test_a_foreign_or_huge_number_in_a_place_link_is_a_message_on_the_page(visitor, number):
    event = make_event()
    make_real_cities()
    for query in ({"lat": number, "lon": "1"}, {"lat": "1", "lon": number}, {"city": number}):
        response = visitor.get(f"/events/{event.slug}/", query)
        assert response.status_code == 200, query
        assert "is not" in text(response) or "must be" in text(response), query


@pytest.mark.parametrize("number", NOT_ASCII_NUMBERS + HUGE_NUMBERS)
def test_a_foreign_or_huge_number_posted_as_a_place_is_a_400_page(visitor, number):
    for data in ({"city": number}, {"lat": number, "lon": "3"}, {"lat": "3", "lon": number}):
        response = visitor.post("/place/", {**data, "next": "/"})
        assert response.status_code == 400, data
        assert "That place is not one we can use" in text(response)


@pytest.mark.parametrize("number", NOT_ASCII_NUMBERS + HUGE_NUMBERS)
def test_the_thanks_page_ignores_a_city_it_cannot_read(visitor, clock, number):
    clock.move_to(NOW)
    event = upcoming_event()
    response = visitor.get(f"/events/{event.slug}/signup/thanks/", {"city": number})
    assert response.status_code == 200


@pytest.mark.parametrize("number", NOT_ASCII_NUMBERS + HUGE_NUMBERS)
def test_a_foreign_or_huge_city_number_in_the_signup_form_is_a_field_message(
    visitor, clock, number
):
    clock.move_to(NOW)
    event = upcoming_event()
    make_real_cities()
    response = visitor.post(signup_url(event), signup_data(city_query="Toronto", city=number))
    assert response.status_code == 400
    assert "is not a city we know" in field_error(response, "city_query")
    assert not Participant.objects.exists()


@pytest.mark.parametrize("number", ["²", "٤٣", "99999999999999999999"])
def test_a_foreign_city_number_in_the_manage_form_is_a_field_message(visitor, clock, number):
    clock.move_to(NOW)
    participant = signed_up()
    make_real_cities()
    response = visitor.post(
        participant.get_absolute_url(), signup_data(city_query="Toronto", city=number)
    )
    assert response.status_code == 400
    assert "is not a city we know" in text(response)


def test_the_city_picked_from_the_list_still_works(visitor, clock):
    clock.move_to(NOW)
    event = upcoming_event()
    make_real_cities()
    response = visitor.post(
        signup_url(event), signup_data(city_query="Toronto", city=str(TORONTO_ID))
    )
    assert response.status_code == 303
    assert Participant.objects.get().city.geonameid == TORONTO_ID


@pytest.mark.parametrize("number", [*NOT_ASCII_NUMBERS, *HUGE_NUMBERS])
@pytest.mark.parametrize(
    "address", ["/admin/events/participant/", "/admin/events/participant/export.csv"]
)
def test_a_foreign_or_huge_event_number_in_the_admin_filter_is_no_error(
    staff_client, address, number
):
    staff_client.raise_request_exception = False
    make_participant(make_event())
    response = staff_client.get(address, {"event__id__exact": number})
    assert response.status_code in (200, 302, 400)


def test_the_export_is_still_named_after_the_chosen_event(staff_client):
    event = make_event(slug="cassini-2013")
    make_participant(event)
    response = staff_client.get(
        "/admin/events/participant/export.csv", {"event__id__exact": str(event.pk)}
    )
    assert "participants-cassini-2013" in response["Content-Disposition"]


# --- NUL and other control characters ------------------------------------------------------


CONTROL_CHARACTERS = ["\x00", "a\x00b", "43\x00", "\x07", "\x1b[31m", "\x7f", "\x85"]


def _addresses(event, participant) -> list[tuple[str, dict]]:
    return [
        (f"/events/{event.slug}/", {"place_q": "{}"}),
        (f"/events/{event.slug}/", {"zone_q": "{}"}),
        (f"/events/{event.slug}/", {"tz": "{}"}),
        ("/places/search/", {"q": "{}"}),
        (f"/events/{event.slug}/photos/", {"page": "{}"}),
        ("/", {"{}": "1"}),
        ("/signup/{}/", {}),
        ("/signup/confirm/{}/", {}),
        (f"/signup/{participant.manage_key}{{}}/", {}),
        ("/events/{}/", {}),
    ]


@pytest.mark.parametrize("character", CONTROL_CHARACTERS)
def test_a_control_character_in_an_address_is_a_400_page_saying_why(visitor, clock, character):
    clock.move_to(NOW)
    event = upcoming_event()
    participant = signed_up(event=event)
    for path, query in _addresses(event, participant):
        path = path.replace("{}", character)
        query = {k.replace("{}", character): v.replace("{}", character) for k, v in query.items()}
        response = visitor.get(path, query)
        assert response.status_code in (400, 404), (path, query, response.status_code)
        if response.status_code == 400:
            assert "This address cannot be read" in text(response)


@pytest.mark.parametrize("character", ["\x00", "a\x00b"])
def test_a_nul_in_an_admin_search_or_filter_is_a_400_page(staff_client, character):
    staff_client.raise_request_exception = False
    make_participant(make_event())
    for query in ({"q": character}, {"country_code": character}, {"zone": character}):
        response = staff_client.get("/admin/events/participant/", query)
        assert response.status_code == 400, query
        assert "This address cannot be read" in text(response)


def test_a_plain_address_and_search_still_work(visitor):
    event = make_event()
    make_real_cities()
    assert visitor.get(f"/events/{event.slug}/", {"place_q": "Tor"}).status_code == 200
    assert visitor.get("/places/search/", {"q": "São"}).status_code == 200


@pytest.mark.parametrize("character", ["\x00", "a\x00b"])
def test_a_nul_in_a_form_field_is_a_field_message_or_a_400(visitor, clock, character):
    clock.move_to(NOW)
    event = upcoming_event()
    participant = signed_up(event=event)
    for address, data in [
        (signup_url(event), signup_data(city_query=character)),
        (signup_url(event), signup_data(tz=character)),
        (signup_url(event), signup_data(email=f"ana{character}@example.com")),
        (signup_url(event), {**signup_data(city_query=character), "find_city": "1"}),
        (participant.get_absolute_url(), signup_data(city_query=character)),
        (participant.get_absolute_url(), {**signup_data(city_query=character), "find_city": "1"}),
        ("/place/", {"city": character, "next": "/"}),
        ("/place/", {"lat": character, "lon": "1", "next": "/"}),
        ("/place/", {"forget": "1", "next": f"/{character}"}),
        ("/zone/", {"tz": character, "next": "/"}),
    ]:
        response = visitor.post(address, data)
        assert response.status_code < 500, (address, data, response.status_code)


# --- what the fuzzer (tests/web/test_fuzz.py) found ------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("selected", ["", "abc", "9" * 40, "٣", "-1"])
@pytest.mark.parametrize("changelist", ["/admin/events/event/", "/admin/auth/group/"])
def test_a_tampered_row_selection_in_an_admin_action_is_a_400_page(
    staff_client, changelist, selected
):
    # Our model admins and Django's own (auth's Group) alike: every admin on the site.
    response = staff_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [selected], "index": "0"}
    )
    assert response.status_code == 400
    assert "This selection could not be read" in text(response)


@pytest.mark.django_db
def test_a_real_row_selection_still_reaches_the_action(staff_client):
    event = make_event()
    response = staff_client.post(
        "/admin/events/event/",
        {"action": "delete_selected", "_selected_action": [str(event.pk)], "index": "0"},
    )
    assert response.status_code == 200
    assert "Are you sure" in text(response)


@pytest.mark.django_db
def test_a_request_a_page_does_not_take_gets_a_page_with_words(client):
    response = client.get("/zone/")  # a form's target: POST only
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "This page does not take that kind of request" in text(response)
    head = client.head("/zone/")
    assert head.status_code == 405 and head.content == b""


@pytest.mark.django_db
def test_an_empty_to_field_on_an_admin_change_form_is_ignored(staff_client):
    event = make_event()
    for change in (f"/admin/events/event/{event.pk}/change/", "/admin/auth/group/1/change/"):
        assert staff_client.post(change, {"_to_field": ""}).status_code < 500
    response = staff_client.get(f"/admin/events/event/{event.pk}/change/?_to_field=")
    assert response.status_code == 200
