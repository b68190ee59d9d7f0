"""The place picker in a browser (static/js/place.js): search as you type, "use my location"
(rounded to 0.1° before it leaves the browser), and the same without JavaScript."""

import pytest
from playwright.sync_api import expect

from tests.browser.site import NOW, PAST, UPCOMING, make_city

pytestmark = pytest.mark.browser


@pytest.fixture
def cities(site):
    return {
        "toronto": make_city("Toronto", "Canada", "CA", "America/Toronto", 43.70, -79.42),
        "tokyo": make_city("Tokyo", "Japan", "JP", "Asia/Tokyo", 35.69, 139.69),
    }


def test_search_as_you_type_then_choose_a_city(cities, open_page):
    page = open_page(f"/events/{PAST}/", clock=NOW, timezone_id="America/Toronto")
    page.get_by_label("Find your city").press_sequentially("toron")
    status = page.locator("#place-search-status")
    expect(status).to_have_text("1 city matches “toron”: pick one and press “Use this city”.")
    page.get_by_role("button", name="Use this city").click()
    expect(page.locator(".sky-place h3")).to_have_text("From Toronto, Canada")
    expect(page.locator(".sky-verdict")).to_contain_text("Your place faces the camera")
    # Remembered: the page without any query still shows Toronto.
    page.goto(f"/events/{PAST}/")
    expect(page.locator(".sky-place h3")).to_have_text("From Toronto, Canada")


def test_typing_goes_on_while_the_sky_of_the_visitors_zone_arrives(cities, open_page):
    # The visitor starts typing before the "Where to look" section for their zone is in;
    # it arrives mid-word, and the rest of the word still lands in the search field (a CI
    # run saw the field lose its focus there, and "ron" of "toron" typed into nothing).
    held = []
    page = open_page(f"/events/{PAST}/", clock=NOW, timezone_id="America/Toronto")
    page.route("**/sky/?*", lambda route: held.append(route))
    page.reload()
    search = page.get_by_label("Find your city")
    search.press_sequentially("to")
    expect(page.locator("#place-search-status")).to_contain_text("“to”")
    page.wait_for_timeout(100)
    assert held, "the sky part was not asked for"
    held[0].continue_()
    expect(page.locator("[data-sky-reference]")).to_contain_text("From Toronto")
    page.keyboard.type("ron")  # no new click: the keys go where the focus is
    expect(search).to_have_value("toron")
    expect(page.locator("#place-search-status")).to_have_text(
        "1 city matches “toron”: pick one and press “Use this city”."
    )


def test_with_no_place_the_sky_is_from_the_main_city_of_the_visitors_zone(cities, open_page):
    page = open_page(f"/events/{PAST}/", clock=NOW, timezone_id="Asia/Tokyo")
    expect(page.locator("[data-sky-reference]")).to_have_text(
        "From Tokyo, the main city of your time zone (Asia/Tokyo) — not there? Choose your place."
    )
    expect(page.locator(".sky-place h3")).to_have_text("From Tokyo, Japan")
    # The picker still searches after the swap.
    page.get_by_label("Find your city").press_sequentially("toron")
    expect(page.locator("#place-search-status")).to_contain_text("1 city matches")


def test_the_signup_form_starts_with_the_remembered_city(cities, open_page):
    page = open_page(f"/events/{UPCOMING}/", clock=NOW, timezone_id="America/Toronto")
    page.get_by_label("Find your city").press_sequentially("toron")
    page.get_by_role("button", name="Use this city").click()
    page.goto(f"/events/{UPCOMING}/")
    expect(page.locator(".sky-place h3")).to_have_text("From Toronto, Canada")
    expect(page.locator("#signup-city_query")).to_have_value("Toronto")
    expect(page.locator("#signup-city")).to_have_value(str(cities["toronto"].geonameid))


def test_use_my_location_sends_only_a_tenth_of_a_degree(site, open_page):
    page = open_page(
        f"/events/{PAST}/",
        clock=NOW,
        timezone_id="Asia/Tokyo",
        geolocation={"latitude": 35.68943, "longitude": 139.69171},
        permissions=["geolocation"],
    )
    sent = []
    page.on("request", lambda r: r.resource_type == "document" and sent.append(r.url))
    page.get_by_role("button", name="Use my location").click()
    expect(page.locator(".sky-place h3")).to_have_text("From 35.7° N, 139.7° E")
    expect(page.locator(".sky-verdict")).to_contain_text("turned away from the camera")
    # The place is in the page's address (a link to share), rounded before it left.
    assert "lat=35.7&lon=139.7" in sent[0]
    assert "35.689" not in sent[0]
    # Remembered in this browser: the next visit brings it back without asking.
    page.goto(f"/events/{PAST}/")
    expect(page.locator(".sky-place h3")).to_have_text("From 35.7° N, 139.7° E")
    expect(page.locator(".place-picker")).to_contain_text("remembered in this browser")


def test_without_javascript_the_search_and_the_choice_work(cities, open_page):
    page = open_page(f"/events/{PAST}/", clock=NOW, java_script_enabled=False)
    expect(page.get_by_role("button", name="Use my location")).to_be_hidden()
    page.get_by_label("Find your city").fill("tokyo")
    page.get_by_role("button", name="Find city").click()
    expect(page.locator("#place-search-status")).to_contain_text("1 city matches “tokyo”")
    page.get_by_role("button", name="Use this city").click()
    expect(page.locator(".sky-place h3")).to_have_text("From Tokyo, Japan")
    expect(page.locator(".sky-instead")).to_contain_text("Where Earth faces the camera instead")
