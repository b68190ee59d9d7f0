"""Every page runs clean under the site's strict Content Security Policy: no script error,
no refused script or style, no missing file. (Every browser test checks this for the pages
it opens; here each page is opened on purpose, and the check itself is checked.)"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import BrowserProblems
from tests.browser.site import NOW, PAGES, UPCOMING, make_participant

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", PAGES)
def test_public_pages_load_clean(site, open_context, name):
    context = open_context(timezone_id="Asia/Kolkata")
    context.clock.set_fixed_time(NOW)
    problems = BrowserProblems()
    page = context.new_page()
    problems.watch(page)
    response = page.goto(PAGES[name])
    assert response.status == 200
    assert "script-src" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    assert problems == []


def test_private_pages_load_clean(site, open_context):
    participant = make_participant(site[UPCOMING])
    problems = BrowserProblems()
    page = open_context().new_page()
    problems.watch(page)
    for path in (
        f"/events/{UPCOMING}/signup/",
        participant.get_absolute_url(),
        f"{participant.get_absolute_url()}delete/",
    ):
        assert page.goto(path).status == 200
        page.wait_for_load_state("load")
    assert problems == []


def test_a_refused_inline_script_is_reported(site, browser, live_server):
    # A context of its own: the fixtures' watcher would fail this test for the planted error.
    context = browser.new_context(base_url=live_server.url)
    problems = BrowserProblems()
    page = context.new_page()
    problems.watch(page)
    page.goto(PAGES["home"])
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "document.body.dataset.ran = 'yes'";
            document.body.append(script);
        }"""
    )
    expect(page.locator("body")).not_to_have_attribute("data-ran", "yes")
    page.wait_for_timeout(100)  # the console message arrives after the refusal
    context.close()
    assert any("Content Security Policy" in problem for problem in problems), problems
