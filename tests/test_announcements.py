"""Announcements: Markdown made safe, scheduled publishing, the Atom feed, the admin."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.contrib.auth.models import User

from events.markup import render_markdown
from tests.conftest import CASSINI_START
from tests.factories import make_announcement, make_event

ATOM = "{http://www.w3.org/2005/Atom}"

HOSTILE = [
    '<script>alert("x")</script>',
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload="alert(1)"><circle/></svg>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<form action="https://evil.example"><input name=q></form>',
    "<object data=x></object><embed src=x>",
    '"><script>alert(1)</script>',
]


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_markup_never_reaches_the_page(hostile):
    html = str(render_markdown(f"Hello\n\n{hostile}\n\nBye")).lower()
    for danger in (
        "<script",
        "onerror",
        "onload",
        "javascript:",
        "<iframe",
        "<svg",
        "style=",
        "data:text",
        "<form",
        "<input",
        "<object",
        "<embed",
    ):
        assert danger not in html
    assert "hello" in html and "bye" in html


def test_markdown_is_rendered():
    html = str(render_markdown("# Wave\n\n**Now** and [here](https://nasa.gov).\n\n- one\n- two"))
    assert "<h3>Wave</h3>" in html  # the page's own headings come first
    assert "<strong>Now</strong>" in html
    assert '<a href="https://nasa.gov" rel="noopener noreferrer nofollow">here</a>' in html
    assert "<ul>\n<li>one</li>" in html


def test_headings_start_below_the_pages_own():
    html = str(render_markdown("# 1\n\n## 2\n\n### 3\n\n#### 4\n\n##### 5\n\nSetext\n---"))
    assert html == (
        "<h3>1</h3>\n<h4>2</h4>\n<h5>3</h5>\n<h6>4</h6>\n<h6>5</h6>\n<h4>Setext</h4>"
    )  # no ids either: nothing for a page's anchors to collide with


def test_no_table_of_contents_and_no_top_level_heading_from_raw_html():
    html = str(render_markdown("[TOC]\n\n# A\n\n<h1>raw</h1>\n\n<h2>raw too</h2>"))
    assert "<p>[TOC]</p>" in html
    assert "<h1" not in html and "<h2" not in html
    assert "raw" in html and "raw too" in html


@pytest.mark.django_db
def test_announcement_appears_on_the_page_and_in_the_feed_when_its_time_comes(client, set_now):
    event = make_event()
    publish_at = CASSINI_START - timedelta(days=1)
    make_announcement(event, title="Tomorrow!", body="Go **outside**.", published_at=publish_at)

    set_now(publish_at - timedelta(minutes=1))
    assert "Tomorrow!" not in client.get(event.get_absolute_url()).content.decode()
    feed = ET.fromstring(client.get(f"/events/{event.slug}/feed.atom").content)
    assert feed.findall(f"{ATOM}entry") == []

    set_now(publish_at + timedelta(minutes=1))
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
def test_admin_previews_the_sanitised_markdown(client):
    staff = User.objects.create_superuser("organiser", "o@example.org", "pw")
    client.force_login(staff)
    event = make_event()
    announcement = make_announcement(event, body="**Bold** <script>alert(1)</script>")
    page = client.get(f"/admin/events/announcement/{announcement.pk}/change/").content.decode()
    assert "<strong>Bold</strong>" in page
    assert "<script>alert(1)" not in page


@pytest.mark.django_db
def test_admin_publish_now(client, set_now):
    now = set_now(CASSINI_START - timedelta(days=3))
    staff = User.objects.create_superuser("organiser", "o@example.org", "pw")
    client.force_login(staff)
    event = make_event()
    draft = make_announcement(event, published_at=None)
    scheduled = make_announcement(event, published_at=now + timedelta(days=1))
    response = client.post(
        "/admin/events/announcement/",
        {"action": "publish_now", "_selected_action": [draft.pk, scheduled.pk]},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    scheduled.refresh_from_db()
    assert draft.published_at == now and scheduled.published_at == now
