"""Valid HTML: the Nu Html Checker (vnu-jar, on the machine's Java) reports no error on the
pages as the server sends them, form errors and private pages included.

The pages are collected by a browser without JavaScript (so forms post as they do for
everyone, and what is checked is the server's markup), then checked in one Java run.
"""

import json
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from events.signups.tokens import confirmation_token
from tests.browser.plugin import VNU_JAR, unavailable, vnu_missing
from tests.browser.site import (
    NOW,
    PAGES,
    TARGET_PAGES,
    UPCOMING,
    make_participant,
    open_zone_error,
)

pytestmark = pytest.mark.browser

# Known to be invalid: proves that the checker runs and that its findings are read.
PLANTED = "<!doctype html><html lang=en><title>x</title><p><div>block in p</div></p></html>"


def check_html(documents: dict[str, str], folder: Path) -> dict[str, list[str]]:
    """Name → the checker's errors, for every document, in one Java run."""
    paths = {}
    for name, html in documents.items():
        paths[name] = folder / f"{name}.html"
        paths[name].write_text(html, encoding="utf-8")
    run = subprocess.run(  # noqa: S603 (our own arguments)
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout"]
        + [str(path) for path in paths.values()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(run.stdout)["messages"]
    found = {name: [] for name in documents}
    by_file = {path.resolve().as_uri(): name for name, path in paths.items()}
    for message in messages:
        name = by_file.get(message.get("url", "").replace("file:/", "file:///", 1))
        line = f"line {message.get('lastLine', '?')}: {message['message']}"
        found.setdefault(name or message.get("url", "?"), []).append(line)
    return found


def test_every_page_is_valid_html(site, open_context, tmp_path):
    if reason := vnu_missing():
        unavailable(reason)
    context = open_context(java_script_enabled=False, timezone_id="Asia/Kolkata")
    context.clock.set_fixed_time(NOW)
    page = context.new_page()
    documents = {"planted-invalid": PLANTED}

    def keep(name: str, response) -> None:
        assert response is not None, name
        documents[name] = response.text()

    for name, path in (PAGES | TARGET_PAGES).items():
        keep(name, page.goto(path))

    keep("zone-error", open_zone_error(page, back=PAGES["event-past"]))

    event = site[UPCOMING]
    keep("signup", page.goto(f"/events/{event.slug}/signup/"))
    signup = page.get_by_role("region", name="Sign up to wave")
    signup.get_by_role("textbox", name="City").fill("Springfield-that-is-not")
    with page.expect_navigation() as navigation:
        signup.get_by_role("button", name="Find city").click()
    keep("signup-find-city", navigation.value)
    signup.get_by_role("textbox", name="Email").fill("not an address")
    with page.expect_navigation() as navigation:
        signup.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("alert")).to_contain_text("Please check")
    keep("signup-errors", navigation.value)
    page.get_by_role("textbox", name="Name or nickname").fill("Ana")
    page.get_by_role("textbox", name="Email").fill("ana@example.com")
    page.get_by_role("textbox", name="City").fill("")
    page.get_by_role("combobox", name="Time zone").first.fill("Asia/Kolkata")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Sign up").click()
    keep("signup-thanks", navigation.value)

    participant = event.participants.get()
    keep("signup-confirm", page.goto(f"/signup/confirm/{confirmation_token(participant)}/"))
    keep("manage", page.goto(participant.get_absolute_url()))
    keep("manage-delete", page.goto(f"{participant.get_absolute_url()}delete/"))
    keep("manage-unsubscribe", page.goto(f"{participant.get_absolute_url()}unsubscribe/"))
    other = make_participant(event, email="bo@example.com")
    page.goto(f"{other.get_absolute_url()}delete/")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Delete my sign-up").click()
    keep("manage-deleted", navigation.value)

    # The organiser's dashboards (issue 6), signed in, with an announcement sent.
    make_participant(event, email="chen@example.com", wants_announcements=True)
    event.announcements.create(title="Clear skies", body="Good **news**.", published_at=NOW)
    User.objects.create_superuser("organiser", "organiser@example.org", "organiser-pw-42")
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("organiser")
    page.get_by_label("Password").fill("organiser-pw-42")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    keep("dashboards", page.goto("/admin/events/event/dashboard/"))
    keep("dashboard", page.goto(f"/admin/events/event/{event.pk}/dashboard/"))
    expect(page.locator(".dashboard-figures")).to_contain_text("1 confirmed")

    found = check_html(documents, tmp_path)
    assert found.pop("planted-invalid"), "the checker found nothing in a planted error"
    problems = {name: errors for name, errors in found.items() if errors}
    assert problems == {}, json.dumps(problems, indent=2, ensure_ascii=False)
    assert len(found) == len(documents) - 1


def test_the_live_wave_is_valid_html(site, clock, open_context, tmp_path):
    """During the window (issue 16): the event page, the wave's own page, its answers (new,
    again, and a 409 once the window has closed) as the server sends them, and the event
    page as wave.js leaves it after a tap."""
    if reason := vnu_missing():
        unavailable(reason)
    event = site[UPCOMING]
    live = clock.move_to(event.window_start + timedelta(minutes=5))
    documents = {"planted-invalid": PLANTED}

    def keep(name: str, response) -> None:
        assert response is not None, name
        documents[name] = response.text()

    context = open_context(java_script_enabled=False, timezone_id="Asia/Kolkata")
    context.clock.set_fixed_time(live)
    page = context.new_page()
    keep("event-live", page.goto(f"/events/{UPCOMING}/"))
    for name in ("wave-counted", "wave-counted-again"):
        keep("wave", page.goto(f"/events/{UPCOMING}/wave/"))
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name="I'm waving!").click()
        keep(name, navigation.value)
    expect(page.get_by_role("status")).to_contain_text("You are counted already")
    page.goto(f"/events/{UPCOMING}/wave/")
    clock.move_to(event.window_end)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="I'm waving!").click()
    assert navigation.value.status == 409
    keep("wave-closed", navigation.value)

    clock.move_to(live + timedelta(seconds=1))  # the live count has the first wave
    scripted = open_context(timezone_id="Europe/Paris")
    scripted.clock.set_fixed_time(live)
    page = scripted.new_page()
    page.goto(f"/events/{UPCOMING}/")
    page.get_by_role("link", name="I'm waving!").click()
    expect(page.locator("[data-wave-count]")).to_contain_text("Counted: 2 people are waving")
    documents["event-live-after-a-wave"] = page.content()

    found = check_html(documents, tmp_path)
    assert found.pop("planted-invalid"), "the checker found nothing in a planted error"
    problems = {name: errors for name, errors in found.items() if errors}
    assert problems == {}, json.dumps(problems, indent=2, ensure_ascii=False)
    assert len(found) == len(documents) - 1
