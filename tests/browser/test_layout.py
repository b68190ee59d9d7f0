"""Layout on small and large screens: nothing scrolls sideways at 320 px, and the key pages
are photographed at phone (390×844) and desktop (1280×800) sizes for docs/screenshots/."""

import struct
from pathlib import Path

import pytest
from playwright.sync_api import expect

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
    page.wait_for_load_state("load")
    assert_no_sideways_scrolling(page)
    data = page.screenshot(type="png", animations="disabled", caret="hide")
    assert png_size(data) == (viewport["width"], viewport["height"])
    save_if_changed(SCREENSHOTS / f"{name}-{size}.png", data)
