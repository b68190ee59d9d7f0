"""Layout on small and large screens: nothing scrolls sideways at 320 px, and the key pages
are photographed at phone (390×844) and desktop (1280×800) sizes for docs/screenshots/."""

import struct
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from events.models import Wave
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.plugin import ROOT
from tests.browser.site import NOW, PAGES, UPCOMING, make_participant

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "docs" / "screenshots"
NARROWEST = {"width": 320, "height": 640}

# What sticks out past the right edge of the window (wide tables scroll in their own box).
OVERFLOWING = """() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const element of document.body.querySelectorAll("*")) {
        const box = element.getBoundingClientRect();
        if (box.right > width + 1 && !element.closest(".table-scroll")
                && getComputedStyle(element).visibility !== "hidden" && box.width > 0) {
            out.push(`${element.tagName.toLowerCase()}${element.id ? "#" + element.id : ""}`
                + `${element.className ? "." + String(element.className).split(" ")[0] : ""}`
                + ` ends at ${Math.round(box.right)} px`);
        }
    }
    return {scrollWidth: document.documentElement.scrollWidth, width, out: out.slice(0, 10)};
}"""


def assert_no_sideways_scrolling(page) -> None:
    found = page.evaluate(OVERFLOWING)
    assert found["scrollWidth"] <= found["width"], found
    assert found["out"] == [], found


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("name", PAGES)
def test_nothing_scrolls_sideways_at_320_px(site, open_page, name, javascript):
    page = open_page(
        PAGES[name],
        clock=NOW,
        viewport=NARROWEST,
        timezone_id="Pacific/Chatham",
        java_script_enabled=javascript,
    )
    page.wait_for_load_state("load")
    assert_no_sideways_scrolling(page)


def test_private_pages_fit_in_320_px(site, open_page):
    participant = make_participant(site[UPCOMING])
    page = open_page(participant.get_absolute_url(), clock=NOW, viewport=NARROWEST)
    assert_no_sideways_scrolling(page)
    page.goto(f"/events/{UPCOMING}/signup/")
    assert_no_sideways_scrolling(page)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def save_if_changed(path: Path, data: bytes) -> None:
    """Write the picture only when it differs, so a test run leaves git's view unchanged."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


@pytest.mark.parametrize(
    ("size", "viewport", "zone"),
    [("phone", PHONE, "Asia/Kolkata"), ("desktop", DESKTOP, "America/Los_Angeles")],
)
@pytest.mark.parametrize("name", ["home", "event-upcoming", "event-past", "world"])
def test_screenshots_of_the_key_pages(site, open_page, name, size, viewport, zone):
    page = open_page(PAGES[name], clock=NOW, viewport=viewport, timezone_id=zone)
    expect(page.locator("body")).to_have_attribute("data-zone", zone)
    if name.startswith("event"):  # the sky from the zone's main city, swapped in
        expect(page.locator("#verdict")).to_contain_text("From ")
    page.wait_for_load_state("load")
    assert_no_sideways_scrolling(page)
    data = page.screenshot(type="png", animations="disabled", caret="hide")
    assert png_size(data) == (viewport["width"], viewport["height"])
    save_if_changed(SCREENSHOTS / f"{name}-{size}.png", data)


def box_bottom(locator) -> float:
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box is not None
    return box["y"] + box["height"]


def test_the_first_phone_screen_holds_the_time_the_verdict_and_the_buttons(site, open_page):
    """At 390×844 in Kolkata, without scrolling: the event's name, when to wave in the
    visitor's time with the countdown, where to look in one line (from the zone's main city,
    swapped in without a reload) and the Sign up and Add to calendar buttons."""
    page = open_page(f"/events/{UPCOMING}/", clock=NOW, viewport=PHONE, timezone_id="Asia/Kolkata")
    expect(page.locator("#verdict")).to_contain_text("From Kolkata: Jupiter")
    first_screen = {
        "name": page.get_by_role("heading", level=1),
        "time": page.locator(".local-window"),
        "countdown": page.locator("[data-countdown]"),
        "verdict": page.locator("#verdict"),
        "sign up": page.get_by_role("link", name="Sign up", exact=True),
        "calendar": page.get_by_role("link", name="Add to calendar", exact=True),
    }
    expect(first_screen["time"]).to_contain_text("IST")
    bottoms = {name: box_bottom(locator) for name, locator in first_screen.items()}
    assert max(bottoms.values()) <= PHONE["height"], bottoms
    # The two buttons side by side.
    assert bottoms["sign up"] == bottoms["calendar"]
    # The details come after: the sky in full, the participants, the announcements.
    assert box_bottom(page.locator("#sky-heading")) > bottoms["sign up"]
    # The top button leads to the form on the page itself.
    page.get_by_role("link", name="Sign up", exact=True).click()
    expect(page.get_by_label("Email", exact=True)).to_be_in_viewport()


def test_while_the_window_is_open_happening_now_is_the_biggest_thing(site, clock, open_page):
    live = site[UPCOMING].window_start + timedelta(minutes=5)
    clock.move_to(live)
    page = open_page(f"/events/{UPCOMING}/", clock=live, viewport=PHONE)
    banner = page.locator(".live-now")
    expect(banner).to_contain_text("Happening now: wave!")
    assert box_bottom(banner) <= PHONE["height"] / 2
    sizes = page.evaluate(
        """() => [...document.querySelectorAll("main *")]
            .filter((element) => element.checkVisibility() && element.textContent.trim())
            .map((element) => parseFloat(getComputedStyle(element).fontSize))"""
    )
    banner_size = float(banner.evaluate("(element) => getComputedStyle(element).fontSize")[:-2])
    assert banner_size == max(sizes)
    headline = page.get_by_role("heading", level=1)
    assert banner_size > float(headline.evaluate("(h) => getComputedStyle(h).fontSize")[:-2])


def test_im_waving_counts_the_tap_in_place_once(site, clock, open_page):
    """While the window is open: the button counts the wave without leaving the page, a
    second tap counts nothing more, and the live count says how many are waving."""
    live = site[UPCOMING].window_start + timedelta(minutes=5)
    clock.move_to(live)
    page = open_page(f"/events/{UPCOMING}/", clock=live, viewport=PHONE, timezone_id="Asia/Kolkata")
    count = page.locator("[data-wave-count]")
    expect(count).to_have_text("0 people are waving.")
    button = page.get_by_role("link", name="I'm waving!")
    assert box_bottom(button) <= PHONE["height"]
    button.click()
    expect(count).to_have_text("Counted: 1 person is waving, you among them.")
    button.click()
    expect(count).to_have_text("Counted already: 1 person is waving, you among them.")
    assert page.url.endswith(f"/events/{UPCOMING}/")
    [wave] = Wave.objects.all()
    assert (wave.latitude, wave.longitude) == (23, 88)  # the zone's main city, to the degree
