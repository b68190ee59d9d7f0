"""Announcements: scheduled publishing, the Atom feed, the admin preview."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest

from tests.factories import CASSINI_START, make_announcement, make_event

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.django_db
def test_announcement_appears_on_the_page_and_in_the_feed_when_its_time_comes(client, clock):
    event = make_event()
    publish_at = CASSINI_START - timedelta(days=1)
    make_announcement(event, title="Tomorrow!", body="Go **outside**.", published_at=publish_at)

    clock.move_to(publish_at - timedelta(minutes=1))
    assert "Tomorrow!" not in client.get(event.get_absolute_url()).content.decode()
    feed = ET.fromstring(client.get(f"/events/{event.slug}/feed.atom").content)
    assert feed.findall(f"{ATOM}entry") == []

    clock.move_to(publish_at + timedelta(minutes=1))
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Tomorrow!" in page and "Go <strong>outside</strong>." in page
    response = client.get(f"/events/{event.slug}/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Tomorrow!"
    assert "Go <strong>outside</strong>." in entry.find(f"{ATOM}summary").text
    assert (
        entry.find(f"{ATOM}link")
        .get("href")
        .endswith(f"{event.get_absolute_url()}#announcement-{event.announcements.get().pk}")
    )


@pytest.mark.django_db
def test_feed_of_a_draft_event_is_404(client):
    event = make_event(status="draft")
    assert client.get(f"/events/{event.slug}/feed.atom").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_feed_query_count(client, django_assert_num_queries, count):
    event = make_event()
    for _ in range(count):
        make_announcement(event)
    with django_assert_num_queries(2):  # the event, its announcements with their event
        client.get(f"/events/{event.slug}/feed.atom")


@pytest.mark.django_db
def test_event_page_links_its_feed(client):
    event = make_event()
    html = client.get(event.get_absolute_url()).content.decode()
    assert f'type="application/atom+xml" title="{event.title}: announcements" ' in html
    assert f'href="/events/{event.slug}/feed.atom"' in html


@pytest.mark.django_db
def test_admin_previews_the_sanitised_markdown(staff_client):
    event = make_event()
    announcement = make_announcement(event, body="**Bold** <script>alert(1)</script>")
    page = staff_client.get(
        f"/admin/events/announcement/{announcement.pk}/change/"
    ).content.decode()
    assert "<strong>Bold</strong>" in page
    assert "<script>alert(1)" not in page


@pytest.mark.django_db
def test_admin_publish_now(staff_client, clock):
    now = clock.move_to(CASSINI_START - timedelta(days=3))
    event = make_event()
    draft = make_announcement(event, published_at=None)
    scheduled = make_announcement(event, published_at=now + timedelta(days=1))
    response = staff_client.post(
        "/admin/events/announcement/",
        {"action": "publish_now", "_selected_action": [draft.pk, scheduled.pk]},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    scheduled.refresh_from_db()
    assert draft.published_at == now and scheduled.published_at == now
