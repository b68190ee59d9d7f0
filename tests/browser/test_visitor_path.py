"""A visitor's whole path in the browser: a shared link, the world page and its CSV, a
city (searched, or "use my location"), signing up, the confirmation email, the private
manage page, a new zone, and deleting the sign-up."""

import csv
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from events.models import Participant
from tests.browser.site import NOW, PAST, UPCOMING, make_city
from tests.emails import run_queued_emails

pytestmark = pytest.mark.browser


def choose(select, text: str) -> None:
    """Pick the one option of `select` whose text contains `text`."""
    option = select.locator("option", has_text=text)
    expect(option).to_have_count(1)
    select.select_option(option.get_attribute("value"))


def test_from_a_shared_link_to_the_world_page_and_its_csv(site, open_page):
    # A friend in Los Angeles shares the page; the visitor is in London.
    page = open_page(
        f"/events/{PAST}/?tz=America/Los_Angeles", clock=NOW, timezone_id="Europe/London"
    )
    expect(page.locator(".local-window")).to_contain_text("Friday 19 July 2013, 14:27–14:42 PDT")

    page.get_by_role("link", name="Start times across the globe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start times across the globe")
    kolkata = page.get_by_role("row").filter(has=page.get_by_role("link", name="Asia/Kolkata"))
    expect(kolkata).to_contain_text("02:57–03:12")
    expect(kolkata).to_contain_text("Saturday 20 July 2013 (next day)")
    # The visitor's own zone (remembered from the browser) is marked.
    expect(page.locator("tr.current-zone")).to_contain_text("Europe/London")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    assert download.value.suggested_filename == f"{PAST}-world-times.csv"
    rows = list(csv.reader(download.value.path().read_text(encoding="utf-8-sig").splitlines()))
    kolkata_rows = [row for row in rows if "Asia/Kolkata" in row]
    assert len(kolkata_rows) == 1
    assert any("02:57" in cell for cell in kolkata_rows[0])

    page.get_by_role("link", name="Asia/Kolkata").click()
    page.wait_for_url(f"**/events/{PAST}/?tz=Asia/Kolkata")
    expect(page.locator(".local-window")).to_contain_text("Saturday 20 July 2013, 02:57–03:12")

    page.get_by_role("link", name="wavesite").click()
    past = page.get_by_role("region", name="Past")
    expect(past.locator(".event-card", has_text="Wave at Saturn")).to_contain_text(
        "Friday 19 July 2013, 22:27–22:42 BST, UTC+01:00"
    )


def test_signing_up_confirming_changing_the_zone_and_deleting(
    site, open_page, mailoutbox, settings, live_server, clock
):
    settings.SITE_URL = live_server.url  # the links in the emails lead to this server
    make_city("Toronto", "Canada", "CA", "America/Toronto", 43.70, -79.42)
    make_city("Toronto", "Australia", "AU", "Australia/Sydney", -33.01, 151.6)
    event = site[UPCOMING]

    # The link a friend in Los Angeles shared; the visitor is in Toronto.
    page = open_page(
        f"/events/{UPCOMING}/?tz=America/Los_Angeles", clock=NOW, timezone_id="America/Toronto"
    )
    expect(page.locator(".local-window")).to_contain_text("Friday 25 December 2026, 12:00–12:15")

    # Pick a city for "where to look": typed, chosen among namesakes.
    places = page.locator("#place")
    places.get_by_role("searchbox", name="Find your city").press_sequentially("toro")
    expect(places.get_by_role("status").first).to_contain_text("2 cities match")
    choose(places.get_by_role("combobox", name="City"), "Canada")
    places.get_by_role("button", name="Use this city").click()
    expect(places).to_contain_text("Showing the sky from Toronto, Canada")

    # Sign up, naming the city; the page answers in place, then shows the thanks page.
    signup = page.get_by_role("region", name="Sign up to wave")
    signup.get_by_role("textbox", name="Name or nickname").fill("Ana")
    signup.get_by_role("textbox", name="Email").fill("Ana@Example.com")
    signup.get_by_role("textbox", name="City").fill("Toronto")
    signup.get_by_role("button", name="Find city").click()
    signup = page.get_by_role("region", name="Sign up to wave")
    choose(signup.get_by_role("combobox", name="Which one?"), "Canada")
    signup.get_by_role("checkbox", name=re.compile("announcements")).check()
    signup.get_by_role("button", name="Sign up", exact=True).click()
    page.wait_for_url("**/signup/thanks/**")
    expect(page.locator("main")).to_contain_text("Friday 25 December 2026, 15:00–15:15")
    participant = Participant.objects.get(event=event)
    assert (participant.zone, participant.city.country, participant.is_confirmed) == (
        "America/Toronto",
        "Canada",
        False,
    )

    # The confirmation email, sent by the worker, in the outbox; its link confirms.
    assert run_queued_emails() == ["sent"]
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["Ana@example.com"]
    assert "15:00" in email.body
    confirm_url = re.search(r"^(http\S+/signup/confirm/\S+)$", email.body, re.M).group(1)
    page.goto(confirm_url)
    page.get_by_role("button", name="Yes, count me in").click()
    expect(page.locator(".messages")).to_contain_text("your address is confirmed")
    assert page.url == live_server.url + participant.get_absolute_url()
    participant.refresh_from_db()
    assert participant.is_confirmed

    # The public page counts the new participant from its next 10-second slot on.
    clock.move_to(NOW + timedelta(seconds=10))
    page.goto(f"/events/{UPCOMING}/")
    expect(page.locator(".participant-count")).to_have_text("1 person has said they will wave.")

    # Moving to India: no city, the zone from the list.
    page.goto(participant.get_absolute_url())
    form = page.get_by_role("region", name="Change your details")
    form.get_by_role("textbox", name="City").fill("")
    form.get_by_role("combobox", name="Time zone").fill("Asia/Kolkata")
    form.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Saved.")
    expect(page.locator(".local-window")).to_have_text(
        "Saturday 26 December 2026, 01:30–01:45 IST, UTC+05:30"
    )
    participant.refresh_from_db()
    assert (participant.zone, participant.city) == ("Asia/Kolkata", None)

    # And gone, for good.
    page.get_by_role("link", name=re.compile("Delete my sign-up")).click()
    page.get_by_role("button", name="Delete my sign-up").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert not Participant.objects.filter(pk=participant.pk).exists()
    assert page.goto(participant.get_absolute_url()).status == 404


def test_use_my_location_shows_the_sky_from_there(site, open_page):
    page = open_page(
        f"/events/{UPCOMING}/",
        clock=NOW,
        timezone_id="America/Toronto",
        geolocation={"latitude": 43.6532, "longitude": -79.3832},
        permissions=["geolocation"],
    )
    places = page.locator("#place")
    places.get_by_role("button", name="Use my location").click()
    # Rounded to 0.1° in the browser before it is sent.
    expect(places).to_contain_text("Showing the sky from 43.7° N, 79.4° W")
    place_cookie = next(c for c in page.context.cookies() if c["name"] == "place")
    assert "43.6532" not in place_cookie["value"]


@pytest.mark.parametrize("script", [True, False])
def test_enter_in_the_signup_form_signs_up(site, open_page, script):
    # With JavaScript the event page's own form; without, the sign-up page it links to.
    page = open_page(
        f"/events/{UPCOMING}/", clock=NOW, timezone_id="Europe/Paris", java_script_enabled=script
    )
    if not script:
        page.get_by_role("region", name="Sign up to wave").get_by_role(
            "link", name="Sign up"
        ).click()
    form = page.get_by_role("region", name="Sign up to wave")
    form.get_by_role("textbox", name="Name or nickname").fill("Ana")
    form.get_by_role("textbox", name="Email").fill("enter@example.com")
    form.get_by_role("textbox", name="Email").press("Enter")
    page.wait_for_url("**/signup/thanks/**")
    assert site[UPCOMING].participants.filter(email="enter@example.com").exists()
