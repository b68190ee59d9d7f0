"""The site in Arabic (right to left) and Japanese, in a real browser: the layout mirrors,
nothing scrolls sideways at 320 px, axe finds no violation, the language switcher works
without JavaScript; screenshots at phone and desktop sizes for docs/screenshots/."""

import pytest
from playwright.sync_api import expect

from events.sharing.lettering import JAPANESE
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.site import NOW, PAGES, UPCOMING
from tests.browser.test_accessibility import axe, axe_context  # noqa: F401 - a fixture
from tests.browser.test_layout import (
    NARROWEST,
    SCREENSHOTS,
    assert_no_sideways_scrolling,
    png_size,
    save_if_changed,
)

pytestmark = pytest.mark.browser

EVENT = f"/events/{UPCOMING}/"


def in_language(code: str, address: str) -> str:
    return f"/{code}{address}"


@pytest.mark.parametrize("name", ["home", "event-upcoming", "event-past", "world"])
def test_arabic_pages_run_right_to_left_and_fit_in_320_px(site, open_page, name):
    page = open_page(in_language("ar", PAGES[name]), clock=NOW, viewport=NARROWEST)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    page.wait_for_load_state("load")
    assert_no_sideways_scrolling(page)


def test_the_arabic_layout_mirrors(site, open_page):
    page = open_page(in_language("ar", EVENT), clock=NOW, viewport=PHONE)
    width = PHONE["width"]
    brand = page.locator(".brand").bounding_box()
    switcher = page.locator(".language-switcher summary").bounding_box()
    # The name on the right, the switcher on the left: mirrored from English.
    assert brand["x"] + brand["width"] > width / 2 > switcher["x"]
    heading = page.get_by_role("heading", level=1)
    assert page.evaluate("el => getComputedStyle(el).direction", heading.element_handle()) == "rtl"


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
@pytest.mark.parametrize("code", ["ar", "ja"])
def test_screenshots_in_arabic_and_japanese(site, open_page, code, size, viewport):
    page = open_page(
        in_language(code, EVENT),
        clock=NOW,
        viewport=viewport,
        timezone_id="Asia/Dubai" if code == "ar" else "Asia/Tokyo",
    )
    page.wait_for_load_state("load")
    assert_no_sideways_scrolling(page)
    data = page.screenshot(type="png", animations="disabled", caret="hide")
    assert png_size(data) == (viewport["width"], viewport["height"])
    if code == "ar" or JAPANESE.available:
        # (The Japanese only with a CJK font, which scripts/browser-deps.sh installs: without
        # one the picture would show boxes; the layout checks above hold whatever the glyphs.)
        save_if_changed(SCREENSHOTS / f"event-upcoming-{code}-{size}.png", data)


@pytest.mark.parametrize("code", ["ar", "ja"])
@pytest.mark.parametrize("name", ["home", "event-upcoming", "event-past"])
def test_arabic_and_japanese_pages_have_no_wcag_violations(site, open_context, axe, code, name):  # noqa: F811
    page = axe_context(open_context, "light").new_page()
    page.goto(in_language(code, PAGES[name]))
    expect(page.locator("html")).to_have_attribute("lang", code)
    assert axe(page) == []


def test_the_switcher_works_without_javascript(site, open_page):
    page = open_page(EVENT, clock=NOW, java_script_enabled=False)
    page.locator(".language-switcher summary").click()
    page.get_by_role("link", name="Deutsch").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    assert page.url.endswith(f"/de{EVENT}")
    # Remembered: an address without a language now opens in German.
    page.goto(EVENT)
    expect(page.locator("html")).to_have_attribute("lang", "de")


def test_the_browser_writes_the_window_in_the_pages_language_and_zone(site, open_page):
    # static/js/localtime.js rewrites the UTC window (25 December, 20:00) in the browser's
    # zone, joining the date and the time as Japanese does: a space, not ", ".
    page = open_page(in_language("ja", EVENT), clock=NOW, timezone_id="Asia/Tokyo")
    window = page.locator("[data-window]").first
    expect(window).to_contain_text("2026年12月26日土曜日 5:00–5:15")
    assert ", " not in window.inner_text()


@pytest.mark.parametrize("line", [".utc-window", ".local-window"])
def test_an_arabic_window_runs_right_to_left_whatever_latin_is_in_it(site, open_page, line):
    # "بتوقيت UTC: <start>–<end> UTC+00:00": the Latin "UTC" around the times had made the
    # browser lay the window out left to right, the end before the start for an Arabic
    # reader. The window is one unit in the page's direction (<bdi dir>, window_text.html
    # and localtime.js alike): the start on the right, the end to its left.
    page = open_page(
        in_language("ar", EVENT), clock=NOW, viewport=DESKTOP, timezone_id="Asia/Dubai"
    )
    times = page.locator(f"{line} time")
    expect(times).to_have_count(2)
    start, end = times.nth(0).bounding_box(), times.nth(1).bounding_box()
    assert abs(start["y"] - end["y"]) < 2, "one line at 1280 px"
    assert end["x"] + end["width"] <= start["x"] + 1
    # The offset as the server writes it in every language, not Arabic's "غرينتش+04:00".
    expect(page.locator(line)).to_contain_text("UTC+0")
    expect(page.locator(line)).not_to_contain_text("غرينتش")
