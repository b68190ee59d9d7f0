"""After signing up and after confirming: the event into any calendar, and the links to
share it, with words that promise only what each calendar does."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from events.models import Participant
from tests.factories import signup_data, signup_url, upcoming_event
from tests.html import text

pytestmark = pytest.mark.django_db


def calendar_hrefs(html: str) -> dict[str, str]:
    section = html[html.index('class="share-calendar"') :]
    section = section[: section.index("</ul>")]
    return {
        name: href.replace("&amp;", "&")
        for href, name in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', section)
    }


def assert_offers_calendars_and_sharing(response, event) -> None:
    html = response.content.decode()
    links = calendar_hrefs(html)
    assert links["Add to your calendar (.ics file)"] == f"/events/{event.slug}/calendar.ics"
    google = parse_qs(urlsplit(links["Google Calendar"]).query)
    assert google["dates"] == ["20260719T212700Z/20260719T214200Z"]
    outlook = urlsplit(links["Outlook.com"])
    assert outlook.netloc == "outlook.live.com"
    query = parse_qs(outlook.query)
    assert (query["startdt"], query["enddt"]) == (
        ["2026-07-19T21:27:00Z"],
        ["2026-07-19T21:42:00Z"],
    )
    assert query["subject"] == [event.title]
    page = text(response)
    # Only the file carries our reminder; the page says so.
    assert "reminds you 15 minutes before the start" in page
    assert "Google Calendar and Outlook.com use your calendar's usual reminder" in page
    assert 'aria-label="Share on"' in html


def test_the_thank_you_page_offers_the_calendar_and_sharing(client):
    event = upcoming_event()
    response = client.post(signup_url(event), signup_data(), follow=True)
    assert "check your inbox" in text(response)
    assert_offers_calendars_and_sharing(response, event)


def test_the_confirmed_page_offers_them_too(client):
    event = upcoming_event()
    client.post(signup_url(event), signup_data())
    participant = Participant.objects.get()
    participant.confirmed_at = participant.created_at
    participant.save()
    response = client.get(participant.get_absolute_url())
    assert_offers_calendars_and_sharing(response, event)
