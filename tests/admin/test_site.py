"""The organisers' admin says wavesite and puts their tools first: events, announcements,
participants, photos and emails; Django's users and groups, django-axes and the task queue
together under "System"."""

import re

import pytest

pytestmark = pytest.mark.django_db


def headings(html: str) -> list[str]:
    return re.findall(r'<caption>\s*<a href="[^"]*"[^>]*>([^<]+)</a>', html)


def models_under(html: str, heading: str) -> list[str]:
    table = html[html.index(f">{heading}</a>") :]
    table = table[: table.index("</table>")]
    return re.findall(r'<th scope="row"[^>]*>\s*<a href="[^"]+"[^>]*>([^<]+)</a>', table)


def test_the_admin_says_wavesite_and_puts_the_organisers_tools_first(staff_client):
    html = staff_client.get("/admin/").content.decode()
    assert "<title>Your photo sessions | wavesite organisers</title>" in html
    assert "wavesite organisers</a>" in html and "Django administration" not in html
    assert headings(html) == ["Photo sessions", "System"]
    assert models_under(html, "Photo sessions")[:5] == [
        "Events",
        "Announcements",
        "Participants",
        "Photos",
        "Email deliveries",
    ]
    system = models_under(html, "System")
    assert {"Groups", "Users", "Task Results"} <= set(system)
    assert any("ccess" in name for name in system)  # django-axes' access attempts and logs


def test_an_apps_own_page_still_lists_that_app(staff_client):
    html = staff_client.get("/admin/auth/").content.decode()
    assert "Groups" in html and "Users" in html
    assert "System" not in headings(html)


def test_an_announcement_chooses_its_event_by_searching_not_by_id(staff_client):
    html = staff_client.get("/admin/events/announcement/add/").content.decode()
    field = re.search(r'<select name="event"[^>]*>', html).group(0)
    assert "admin-autocomplete" in field and 'data-ajax--url="/admin/autocomplete/"' in field
    assert "vForeignKeyRawIdAdminField" not in html
