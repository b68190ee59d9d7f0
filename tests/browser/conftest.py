"""A real browser against the live server: one Chromium for the package, a new context
(cookies, time zone, screen size, clock) per test.

Every page of a context from `open_context` (and so `open_page`) is watched: an uncaught
script error, a Content Security Policy refusal or a failed sub-resource fails the test
that caused it.
"""

import re
import threading
import time
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

from tests.browser.plugin import CHROMIUM, chromium_missing, unavailable
from tests.browser.site import NOW, PASSWORD, build_site

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class OneRequestAtATime(ThreadedWSGIServer):
    """The live server, answering one request at a time. A page's images (the map, the QR
    code) are fetched while the page is still loading, and on SQLite the test database is
    one in-memory connection that every server thread shares: two requests at once would
    use it at once ("bad parameter or other API misuse"). App servers in production each
    have their own connection; this is the test server's limit, not the app's."""

    def set_app(self, application):
        lock = threading.Lock()

        def one_at_a_time(environ, start_response):
            with IN_FLIGHT:
                IN_FLIGHT.count += 1
            try:
                with lock:
                    return list(application(environ, start_response))
            finally:
                with IN_FLIGHT:
                    IN_FLIGHT.count -= 1
                    IN_FLIGHT.notify_all()

        super().set_app(one_at_a_time)


class InFlight(threading.Condition):
    """How many requests the live server is answering or about to answer."""

    count = 0

    def wait_until_idle(self, timeout: float = 5.0, quiet: float = 0.05) -> None:
        """Return once no request has been in flight for `quiet` seconds (or at `timeout`).
        A test's browser may leave requests behind (a page's late fetches when its context
        closes): answered after the test, they would touch the next test's database while
        it is being emptied and seeded."""
        deadline = time.monotonic() + timeout
        with self:
            while time.monotonic() < deadline:
                idle = self.wait_for(lambda: self.count == 0, deadline - time.monotonic())
                if idle and not self.wait_for(lambda: self.count > 0, quiet):
                    return


IN_FLIGHT = InFlight()
LiveServerThread.server_class = OneRequestAtATime

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# The longest a locator assertion waits for the page (the zone reload included).
EXPECT_TIMEOUT_MS = 5_000
ACTION_TIMEOUT_MS = 10_000
# A missing one of these is a broken page.
SUBRESOURCES = {"script", "stylesheet", "image", "font", "media"}


@pytest.fixture(scope="package")
def browser(django_db_setup):
    """Chromium, for the tests of this package; the test database exists before it starts."""
    if reason := chromium_missing():
        unavailable(reason)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    # Playwright's sync API keeps an asyncio loop running in this thread, and Django then
    # refuses ORM calls from it (SynchronousOnlyOperation). The tests' own ORM calls are
    # plain synchronous code, and the app runs in the live server's thread. Package scope:
    # the loop is gone, and the guard back, before the rest of the suite runs.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield chromium
        chromium.close()


class BrowserProblems(list):
    """What went wrong in the pages of one test, as readable lines."""

    def watch(self, page) -> None:
        page.on("pageerror", lambda error: self.append(f"script error: {error}"))
        page.on("console", self._console)
        page.on("response", self._response)
        page.on("requestfailed", self._request_failed)

    def _console(self, message) -> None:
        # A document that answers 4xx on purpose (the zone form's error page) is logged as
        # "Failed to load resource"; sub-resources are checked in _response instead.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.append(f"console error: {message.text}")

    def _response(self, response) -> None:
        # A server error anywhere; a missing script, style sheet, image or font. (A form's
        # 400 answer to fetch() is the app speaking: the tests check what the page shows.)
        kind = response.request.resource_type
        if response.status >= 500 or (response.status >= 400 and kind in SUBRESOURCES):
            self.append(f"{response.status} for {kind} {response.url}")

    def _request_failed(self, request) -> None:
        # A download or a page left behind by a navigation is "aborted", not broken.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.append(f"request failed: {request.url} ({request.failure})")


@pytest.fixture
def open_context(browser, live_server):
    """open_context(timezone_id=…, **options) → a fresh browser context on the live server."""
    contexts = []
    problems = BrowserProblems()

    def open_new(**options):
        options = {
            "base_url": live_server.url,
            "viewport": DESKTOP,
            "locale": "en-GB",
            "timezone_id": "UTC",
            "accept_downloads": True,
            **options,
        }
        context = browser.new_context(**options)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        context.on("page", problems.watch)
        contexts.append(context)
        return context

    yield open_new
    for context in contexts:
        context.close()
    IN_FLIGHT.wait_until_idle()
    if problems:
        pytest.fail("the browser reported problems:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture
def open_page(open_context) -> Callable:
    """open_page(path, timezone_id=…, **context options) → a page that has loaded `path`."""

    def open_path(path: str = "/", *, clock=None, **options):
        context = open_context(**options)
        if clock is not None:
            # The page's Date.now() is the server's patched now: the countdown and the
            # server agree, and screenshots do not change from run to run.
            context.clock.set_fixed_time(clock)
        page = context.new_page()
        page.goto(path)
        return page

    return open_path


def squashed(text: str) -> str:
    """Text with runs of white space made one space, as a reader sees it."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def site(clock, live_server):
    """The seeded site, with the server's clock at NOW."""
    clock.move_to(NOW)
    return build_site()


@pytest.fixture
def organiser(site):
    """A superuser who signs in with tests.browser.site.sign_in."""
    return User.objects.create_superuser("organiser", "organiser@example.org", PASSWORD)
