"""The site the browser tests visit: the seeded events at a fixed instant, and its pages."""

import zlib
from datetime import UTC, datetime

from events.models import City, Participant
from events.organiser.seed import seed_events
from events.places.cities import fold

# The server's clock (patched) and the browser's (Playwright's) during the tests.
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

PAST = "wave-at-saturn-2013"  # 19 July 2013, 21:27–21:42 UTC
UPCOMING = "sample-wave"  # the sample, 30 days after NOW: 25 December 2026, 20:00–20:15 UTC

# The public pages every check runs on: name → address. The zone form's error page, which
# only a POST reaches, is opened by `open_zone_error`.
PAGES = {
    "home": "/",
    "event-upcoming": f"/events/{UPCOMING}/",
    "event-past": f"/events/{PAST}/",
    "world": f"/events/{PAST}/times/",
    "zone-search": f"/events/{PAST}/?zone_q=new+york",
    "zone-unknown": f"/events/{UPCOMING}/?tz=Mars/Olympus",
}


# The events whose target is not a planet (issue 18), from a place (horizon view, verdict)
# and on the world page: a fixed direction (1990, past) and a table (the sample in cruise).
TARGET_PAGES = {
    "event-direction": "/events/pale-blue-dot-1990/?lat=48.86&lon=2.35",
    "event-table": "/events/sample-probe-in-cruise/?lat=48.86&lon=2.35",
    "world-direction": "/events/pale-blue-dot-1990/times/",
    "world-table": "/events/sample-probe-in-cruise/times/",
}


def build_site() -> dict:
    """The events a fresh site starts with (two real 2013 sessions, one sample), by slug."""
    return {event.slug: event for event, _ in seed_events(NOW)}


def open_zone_error(page, back: str):
    """Post a zone that does not exist to /zone/ (as a stale or forged form would) and land
    on the error page the server answers with. The pages no longer post zones (choosing
    one is a link), so the request is made as such a form would make it: the sign-up page
    gives the CSRF cookie and token."""
    page.goto(f"/events/{UPCOMING}/signup/")
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    body = f"tz=Mars%2FOlympus&next={back}&csrfmiddlewaretoken={token}"

    def as_post(route):
        headers = {**route.request.headers, "content-type": "application/x-www-form-urlencoded"}
        route.continue_(method="POST", post_data=body, headers=headers)

    page.route("**/zone/", as_post)
    response = page.goto("/zone/")
    page.unroute("**/zone/")
    return response


def make_participant(event, **fields):
    """A confirmed sign-up (the manage page's owner), made as events.signup does."""
    defaults = {
        "name": "Ana",
        "email": "ana@example.com",
        "zone": "Asia/Kolkata",
        "country_code": "IN",
        "country": "India",
        "confirmed_at": NOW,
    }
    return Participant.objects.create(event=event, **{**defaults, **fields})


def make_city(name: str, country: str, country_code: str, zone: str, lat: float, lon: float):
    """A row of the city table, as `load_cities` writes it from GeoNames."""
    return City.objects.create(
        geonameid=zlib.crc32(f"{name},{country_code}".encode()) % 10_000_000,
        name=name,
        ascii_name=fold(name),
        search_name=fold(name),
        country_code=country_code,
        country=country,
        latitude=lat,
        longitude=lon,
        zone=zone,
        population=1_000_000,
    )


PASSWORD = "a-long-organiser-password-42"


def sign_in(open_page, organiser):
    """The organiser signs in to the admin (password PASSWORD); the admin's home page."""
    from playwright.sync_api import expect

    page = open_page("/admin/", clock=NOW)
    page.get_by_label("Username").fill(organiser.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Events", exact=True)).to_be_visible()
    return page
