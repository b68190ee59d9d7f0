"""Sharing in a real browser: another site frames the widget (and cannot frame the event
page), the widget shows the visitor's own time, and "Copy link" copies the zone-keeping
address."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from tests.browser.site import NOW, PAST, UPCOMING

pytestmark = pytest.mark.browser


@pytest.fixture
def museum(live_server):
    """Another site, on this machine under another origin: serves one page with our
    address (set by the test) in an iframe. A real local server, since Chromium refuses a
    page it cannot place on the network (a routed one) to frame a local address."""
    framed = {"path": "/"}

    class MuseumPage(BaseHTTPRequestHandler):
        def do_GET(self):
            body = (
                "<!doctype html><html lang=en><title>Museum</title>"
                f'<iframe src="{live_server.url}{framed["path"]}" width="400" height="260">'
                "</iframe>"
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), MuseumPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address
    assert f"http://{host}:{port}" != live_server.url  # another origin

    def open_museum(context, path: str, console: list | None = None):
        framed["path"] = path
        page = context.new_page()
        if console is not None:
            page.on("console", lambda message: console.append(message.text))
        page.goto(f"http://{host}:{port}/")
        return page

    yield open_museum
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_another_site_frames_the_widget_in_its_visitors_time(site, open_context, museum):
    context = open_context(timezone_id="Asia/Tokyo")
    context.clock.set_fixed_time(NOW)
    page = museum(context, f"/events/{UPCOMING}/embed/")
    widget = page.frame_locator("iframe")
    expect(widget.locator("h1")).to_contain_text("Sample")
    # The server wrote UTC (a frame gets no cookie); the browser shows its own zone.
    expect(widget.locator("[data-local-window]")).to_contain_text("(your time)")
    expect(widget.locator("[data-local-window]")).to_have_text(
        "Saturday 26 December 2026, 05:00–05:15 GMT+9 (your time)"
    )
    expect(widget.locator("[data-countdown]")).to_be_visible()


def test_another_site_cannot_frame_the_event_page(browser, site, museum):
    # A context of its own: the refusal is reported on the console, which the watched
    # contexts treat as a failure.
    context = browser.new_context()
    try:
        refusals: list[str] = []
        page = museum(context, f"/events/{PAST}/", refusals)
        frame = page.frames[1]
        for _ in range(50):  # the refusal comes once the frame's response is in
            if refusals and frame.url.startswith("chrome-error://"):
                break
            page.wait_for_timeout(100)
        assert any("frame-ancestors 'none'" in text for text in refusals), refusals
        assert frame.url.startswith("chrome-error://")  # Chromium's "refused" page instead
        assert "Wave at Saturn" not in frame.content()
    finally:
        context.close()


def test_copy_link_copies_the_address_with_the_zone(site, open_context, live_server):
    context = open_context(timezone_id="Europe/Paris")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.clock.set_fixed_time(NOW)
    page = context.new_page()
    page.goto(f"/events/{UPCOMING}/?tz=Europe/Paris")
    section = page.locator("section.share")
    section.get_by_role("button", name="Copy link").click()
    expect(section.get_by_role("status")).to_have_text("Link copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"/events/{UPCOMING}/?tz=Europe/Paris")
