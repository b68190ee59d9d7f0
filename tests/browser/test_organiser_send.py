"""The organiser's path from issue 6: the dashboard's figures for an event, an announcement
written and published in the admin, sent to the participants with the "Send to
participants" action, and delivered by the email worker once to each person who asked.
"""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from events.models import Announcement, EmailDelivery
from events.signups.reminders import plan_reminders
from tests.browser.site import UPCOMING, make_participant, sign_in
from tests.emails import run_queued_emails

pytestmark = pytest.mark.browser


def make_participants(event) -> list[str]:
    """Four confirmed participants (three want announcements) and one unconfirmed; the
    addresses that should get the announcement."""
    wanted = ["ana@example.com", "bo@example.com", "chen@example.com"]
    for email in wanted:
        make_participant(event, email=email, wants_announcements=True)
    make_participant(event, email="dara@example.com", wants_announcements=False)
    make_participant(event, email="eli@example.com", wants_announcements=True, confirmed_at=None)
    return wanted


def test_organiser_sees_the_dashboard_and_sends_an_announcement(
    site,
    organiser,
    open_page,
    mailoutbox,
    settings,
    live_server,
):
    settings.SITE_URL = live_server.url
    event = site[UPCOMING]
    wanted = make_participants(event)
    page = sign_in(open_page, organiser)

    # The dashboard, reached from the event list, shows the event's figures.
    page.goto("/admin/events/event/")
    page.get_by_role("row").filter(has_text=event.title).get_by_role(
        "link", name="Dashboard"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(event.title)
    figures = page.locator(".dashboard-figures")
    expect(figures.locator("li", has_text="confirmed").first).to_have_text(
        re.compile(r"^\s*4\s+confirmed\s*$")
    )
    expect(figures.locator("li", has_text="signed up")).to_have_text(
        re.compile(r"^\s*5\s+signed up\s*$")
    )
    expect(figures.locator("li", has_text="get announcements")).to_have_text(
        re.compile(r"^\s*3\s+get announcements\s*$")
    )
    expect(page.get_by_role("region", name="Announcements sent by email")).to_contain_text(
        "No announcements yet."
    )

    # An announcement, written as a draft.
    page.goto("/admin/events/announcement/add/")
    # The event is found by typing its name in the picker (select2), never by its id.
    page.locator(".field-event .select2-selection").click()
    page.locator(".select2-search__field").fill(event.title[:8])
    page.get_by_role("option", name=event.title).click()
    expect(page.locator("#id_event")).to_have_value(str(event.pk))
    page.locator("#id_title").fill("Clouds are clearing")
    page.locator("#id_body").fill("The forecast for the wave is **good**.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    announcement = Announcement.objects.get(title="Clouds are clearing")
    assert announcement.published_at is None

    # Published now, then sent.
    row = page.get_by_role("row").filter(has_text="Clouds are clearing")
    row.get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(
        label="Publish the selected announcements now"
    )
    page.get_by_role("button", name="Run").click()
    expect(page.locator(".messagelist")).to_contain_text("1 announcement published.")

    row = page.get_by_role("row").filter(has_text="Clouds are clearing")
    row.get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(
        label="Send to participants (by email, in the background)"
    )
    page.get_by_role("button", name="Run").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "is being sent to 3 participants in the background. Its page shows the progress."
    )
    assert mailoutbox == []

    # The organiser watches the announcement's page while the worker sends: the progress
    # updates by itself (static/js/admin-progress.js), no reload.
    page.get_by_role("link", name="Clouds are clearing").click()
    progress = page.locator("#broadcast-progress")
    expect(progress).to_contain_text("Sending is starting: this updates by itself.")
    documents = []
    page.on("framenavigated", lambda frame: documents.append(frame.url))
    # The worker: the plan, then its batch (run_queued_emails loops until none is due).
    outcomes = run_queued_emails()
    assert outcomes == [1, {"sent": 3}]
    assert run_queued_emails() == []
    expect(progress.locator("dd").first).to_have_text("3", timeout=10_000)
    assert documents == []
    page.goto("/admin/events/announcement/")
    assert sorted(address for email in mailoutbox for address in email.to) == wanted
    for email in mailoutbox:
        assert "Clouds are clearing" in email.subject + email.body
    assert (
        EmailDelivery.objects.filter(
            announcement=announcement, status=EmailDelivery.Status.SENT
        ).count()
        == 3
    )

    # Sending again reaches nobody twice; the dashboard shows the emails sent.
    page.get_by_role("row").filter(has_text="Clouds are clearing").get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(
        label="Send to participants (by email, in the background)"
    )
    page.get_by_role("button", name="Run").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "Nothing to send for “Clouds are clearing”: all 3 participants who asked for "
        "announcements already have it."
    )
    assert run_queued_emails() == []
    assert len(mailoutbox) == 3

    page.goto(f"/admin/events/event/{event.pk}/dashboard/")
    sent_row = page.get_by_role("region", name="Announcements sent by email").get_by_role(
        "row", name=re.compile("Clouds are clearing")
    )
    expect(sent_row.get_by_role("cell").nth(1)).to_have_text("3")


def test_organiser_schedules_an_announcement_with_its_email_in_one_step(
    site, organiser, open_page, mailoutbox, clock
):
    """Written from the event's own page, its time typed in the organiser's zone, emailed
    at that time without anyone pressing Send."""
    event = site[UPCOMING]
    wanted = make_participants(event)
    page = sign_in(open_page, organiser)
    page.goto(f"/admin/events/event/{event.pk}/dashboard/")
    page.get_by_role("link", name="Write an announcement").click()
    expect(page.locator("#id_event")).to_have_value(str(event.pk))  # chosen already
    page.locator("#id_title").fill("Meet at the park")
    page.locator("#id_body").fill("We wave together at the **north gate**.")
    page.locator("#id_entry_zone").select_option("Europe/Paris")
    # NOW is 2026-11-25 12:00 UTC: 15:00 in Paris is 14:00 UTC, two hours on.
    page.locator("[name=published_at_0]").fill("2026-11-25")
    page.locator("[name=published_at_1]").fill("15:00:00")
    page.get_by_label("Email it when it is published").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    row = page.get_by_role("row").filter(has_text="Meet at the park")
    expect(row).to_contain_text("scheduled, emailed at publication")
    announcement = Announcement.objects.get(title="Meet at the park")
    assert announcement.published_at.isoformat() == "2026-11-25T14:00:00+00:00"

    # The worker's minute planner: nothing before the time, everyone once after it.
    plan_reminders.call()
    run_queued_emails()
    assert mailoutbox == []
    clock.shift(timedelta(hours=2, minutes=1))
    plan_reminders.call()
    run_queued_emails()
    assert sorted(address for email in mailoutbox for address in email.to) == wanted
    assert all("north gate" in email.body and "**" not in email.body for email in mailoutbox)
