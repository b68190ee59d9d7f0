"""The organiser's path, as far as it exists today: Django's admin. Sign in, create an
event as a draft (the public cannot see it), publish it, schedule an announcement, publish
it now, and see all of it on the public page.

The dashboard of issue 6 and sending an announcement by email: test_organiser_send.py
(its axe and HTML checks: test_accessibility.py, test_html_valid.py).
"""

import pytest
from playwright.sync_api import expect

from events.models import Event
from tests.browser.site import sign_in

pytestmark = pytest.mark.browser


def test_organiser_creates_publishes_and_announces(organiser, open_page, open_context):
    page = sign_in(open_page, organiser)

    # A new event, saved as a draft. (Fields by id: the inline announcement form has
    # fields labelled "Title" too.)
    page.get_by_role("link", name="Events", exact=True).click()
    page.get_by_role("link", name="Add event").click()
    # Typed once the admin's scripts have run: change_form.js moves the focus when it loads.
    page.wait_for_load_state("load")
    page.locator("#id_title").press_sequentially("Wave at Juno")
    # The slug is filled in from the title by the admin's script (under the site's CSP).
    expect(page.locator("#id_slug")).to_have_value("wave-at-juno")
    page.locator("#id_spacecraft").fill("Juno")
    page.locator("#id_target").fill("Jupiter")
    page.locator("#id_summary").fill("Juno looks back at Earth from Jupiter.")
    page.locator("#id_description").fill("Go outside at the time below and wave.")
    page.locator("[name=window_start_0]").fill("2027-01-10")
    page.locator("[name=window_start_1]").fill("18:00:00")
    page.locator("[name=window_end_0]").fill("2027-01-10")
    page.locator("[name=window_end_1]").fill("18:15:00")
    page.locator("#id_status").select_option("draft")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    event = Event.objects.get(slug="wave-at-juno")
    assert not event.is_published

    visitor = open_context(timezone_id="Asia/Kolkata").new_page()
    assert visitor.goto("/events/wave-at-juno/").status == 404

    # Published, with an announcement scheduled a week ahead.
    page.locator("#id_status").select_option("published")
    page.get_by_role("button", name="Add another Announcement").click()
    announcement = page.locator(".inline-related:not(.empty-form)").last
    announcement.get_by_label("Title").fill("Clear skies forecast")
    announcement.get_by_label("Body").fill("The weather looks good over India.")
    announcement.locator("[name$=published_at_0]").fill("2026-12-02")
    announcement.locator("[name$=published_at_1]").fill("09:00:00")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    visitor.goto("/events/wave-at-juno/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Wave at Juno")
    expect(visitor.locator(".local-window")).to_contain_text(
        "Sunday 10 January 2027, 23:30–23:45 IST, UTC+05:30"
    )
    expect(visitor.get_by_role("region", name="Announcements")).to_contain_text(
        "No announcements yet."
    )

    # The admin's "publish now" action brings the scheduled announcement forward.
    page.goto("/admin/events/announcement/")
    row = page.get_by_role("row").filter(has_text="Clear skies forecast")
    expect(row).to_contain_text("scheduled")
    row.get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(
        label="Publish the selected announcements now"
    )
    page.get_by_role("button", name="Run").click()
    expect(page.locator(".messagelist")).to_contain_text("1 announcement published.")

    visitor.goto("/events/wave-at-juno/")
    expect(visitor.get_by_role("region", name="Announcements")).to_contain_text(
        "Clear skies forecast"
    )
    visitor.goto("/")
    expect(visitor.get_by_role("region", name="Upcoming")).to_contain_text("Wave at Juno")
