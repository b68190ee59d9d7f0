"""The wave, live, in two browsers at once: each taps "I'm waving!" on the event page and
both see the count become 2 without reloading (static/js/wave.js polls waves.json)."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from events.models import Wave
from tests.browser.site import UPCOMING

pytestmark = pytest.mark.browser

# wave.js asks for the count every 5 s: room for two rounds and the server's answer.
POLLED_MS = 15_000


def test_two_browsers_wave_and_both_see_two_without_reloading(site, clock, open_context):
    live = clock.move_to(site[UPCOMING].window_start + timedelta(minutes=5))
    pages = []
    for zone in ("Europe/Paris", "Asia/Kolkata"):
        context = open_context(timezone_id=zone)
        context.clock.set_fixed_time(live)  # the page's Date; its timers run as usual
        page = context.new_page()
        page.goto(f"/events/{UPCOMING}/")
        expect(page.locator("[data-wave-count]")).to_have_text("0 people are waving.")
        # Gone if the page is loaded again: it must not be.
        page.evaluate("() => { window.notReloaded = true; }")
        pages.append(page)
    paris, kolkata = pages

    paris.get_by_role("link", name="I'm waving!").click()
    expect(paris.locator("[data-wave-count]")).to_have_text(
        "Counted: 1 person is waving, you among them."
    )
    # The live count takes in the waves of the seconds before its own (the server's clock
    # stands still in tests: it is moved on by hand).
    clock.shift(timedelta(seconds=1))
    kolkata.get_by_role("link", name="I'm waving!").click()
    expect(kolkata.locator("[data-wave-count]")).to_have_text(
        "Counted: 2 people are waving, you among them."
    )
    clock.shift(timedelta(seconds=1))
    # Paris learns of Kolkata's wave from its next round of waves.json.
    expect(paris.locator("[data-wave-count]")).to_have_text(
        "Counted: 2 people are waving, you among them.", timeout=POLLED_MS
    )
    expect(kolkata.locator("[data-wave-count]")).to_have_text(
        "Counted: 2 people are waving, you among them.", timeout=POLLED_MS
    )
    for page in pages:
        assert page.evaluate("() => window.notReloaded") is True
        assert page.url.endswith(f"/events/{UPCOMING}/")
    assert sorted(Wave.objects.values_list("latitude", "longitude")) == [(23, 88), (49, 2)]


def test_a_wave_turned_away_in_a_rush_is_sent_again_by_itself(site, clock, open_context):
    # A crowd behind one address overruns its budget: the app answers 429 with Retry-After
    # and its own words (events/views/live.py). wave.js shows them, then sends the tap
    # again after Retry-After plus up to 10 s of spread, with no new tap from the visitor.
    live = clock.move_to(site[UPCOMING].window_start + timedelta(minutes=5))
    context = open_context(timezone_id="Europe/Paris")
    context.clock.install(time=live)
    page = context.new_page()
    answers = []

    def busy_once(route):
        if route.request.method == "POST" and not answers:
            answers.append(429)
            route.fulfill(
                status=429,
                headers={"Retry-After": "2"},
                json={"error": "Many waves from your network just now: yours is sent again soon."},
            )
        else:
            answers.append(route.request.method)
            route.continue_()

    page.route(f"**/events/{UPCOMING}/wave/", busy_once)
    page.goto(f"/events/{UPCOMING}/")
    count = page.locator("[data-wave-count]")
    expect(count).to_have_text("0 people are waving.")
    page.get_by_role("link", name="I'm waving!").click()
    expect(count).to_have_text("Many waves from your network just now: yours is sent again soon.")
    assert not Wave.objects.exists()
    page.clock.fast_forward(1_000)  # before Retry-After: not yet
    assert answers == [429]
    page.clock.fast_forward(12_000)  # Retry-After (2 s) and the spread (at most 10 s)
    expect(count).to_have_text("Counted: 1 person is waving, you among them.")
    assert answers == [429, "POST"]
    assert Wave.objects.count() == 1
