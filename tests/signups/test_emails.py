"""The emails participants get: what they say in the participant's own zone, their parts,
links and headers, and names and titles that hold markup."""

import icalendar
import pytest
from django.core import mail

from events.places.cities import city_place
from events.signups.rules import place_for_zone
from tests.emails import html_part, run_queued_emails
from tests.factories import SITE, make_city, signed_up, upcoming_event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("zone", "wave_time"),
    [
        ("Europe/Paris", "Sunday 19 July 2026, 23:27–23:42 CEST, UTC+02:00"),
        ("Pacific/Auckland", "Monday 20 July 2026, 09:27–09:42 NZST, UTC+12:00"),
        ("America/Los_Angeles", "Sunday 19 July 2026, 14:27–14:42 PDT, UTC-07:00"),
    ],
    ids=["paris", "auckland-next-day", "los-angeles"],
)
def test_the_confirmation_gives_the_wave_time_in_the_participants_zone(zone, wave_time):
    participant = signed_up(place_for_zone(zone))
    assert run_queued_emails() == ["sent"]
    [message] = mail.outbox
    assert message.to == ["ana@example.com"]
    assert message.subject == "Please confirm: you will wave for Wave at Saturn"
    assert wave_time in message.body
    assert f"Time zone: {zone}" in message.body
    html = " ".join(html_part(message).split())
    start, end = wave_time.split(", ", 2)[1].split(" ", 1)[0].split("–")
    assert f"{start}</time>" in html and f">{end}</time>" in html
    assert f"{SITE}{participant.get_absolute_url()}" in message.body


def test_a_city_names_the_place_in_the_email():
    paris = make_city("Paris", "FR", "France", "Europe/Paris")
    signed_up(city_place(paris))
    run_queued_emails()
    [message] = mail.outbox
    assert "When to wave, Paris, France time:" in message.body
    assert "When to wave, Paris, France time" in html_part(message)


def test_every_email_has_both_parts_links_and_one_click_unsubscribe():
    participant = signed_up(place_for_zone("Asia/Kolkata"))
    run_queued_emails()
    [message] = mail.outbox
    manage = f"{SITE}/signup/{participant.manage_key}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{manage}unsubscribe/>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"{SITE}/signup/confirm/" in message.body
    assert manage in message.body
    assert f"{SITE}/events/{participant.event.slug}/?tz=Asia%2FKolkata" in message.body
    html = html_part(message)
    assert f'href="{manage}"' in html
    assert f'href="{SITE}/signup/confirm/' in html
    # The text and HTML parts are alternatives (beside the calendar file, in this one).
    [alternative] = [
        part
        for part in message.message().walk()
        if part.get_content_type() == "multipart/alternative"
    ]
    assert [part.get_content_type() for part in alternative.iter_parts()] == [
        "text/plain",
        "text/html",
    ]


def test_a_name_with_markup_is_plain_in_text_and_escaped_in_html():
    signed_up(place_for_zone("UTC"), name="<b>Ana</b> & co")
    run_queued_emails()
    [message] = mail.outbox
    assert "Hello <b>Ana</b> & co," in message.body
    assert "Hello &lt;b&gt;Ana&lt;/b&gt; &amp; co," in html_part(message)
    assert "<b>Ana</b>" not in html_part(message)


def test_an_event_title_with_markup_stays_text_in_the_subject():
    event = upcoming_event(title='Tom & Jerry "wave"\nagain')
    signed_up(place_for_zone("UTC"), event=event)
    run_queued_emails()
    assert mail.outbox[0].subject == 'Please confirm: you will wave for Tom & Jerry "wave" again'


def test_the_confirmation_carries_the_event_for_any_calendar():
    """The .ics as an attachment: it parses with icalendar, holds the window in UTC and a
    reminder, and leads to the event's page."""
    participant = signed_up(place_for_zone("Asia/Kolkata"))
    run_queued_emails()
    [message] = mail.outbox
    event = participant.event
    [(name, content, mimetype)] = message.attachments
    assert name == f"{event.slug}.ics"
    assert mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    [vevent] = calendar.walk("VEVENT")
    assert vevent.decoded("dtstart") == event.window_start
    assert vevent.decoded("dtend") == event.window_end
    assert f"{SITE}{event.get_absolute_url()}" in str(vevent.get("url"))
    [alarm] = vevent.walk("VALARM")
    assert alarm.decoded("trigger").total_seconds() == -15 * 60  # as the email says:
    assert "with a reminder 15 minutes before" in message.body
    assert "with a reminder 15 minutes before" in html_part(message)
    # The text and HTML parts are still the message's alternatives.
    parsed = message.message()
    assert parsed.get_content_type() == "multipart/mixed"
    body, attached = parsed.iter_parts()
    assert [part.get_content_type() for part in body.iter_parts()] == ["text/plain", "text/html"]
    assert attached.get_filename() == f"{event.slug}.ics"
