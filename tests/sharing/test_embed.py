"""The embeddable widget: other sites may frame it; every other page still refuses."""

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.test import Client

from events.models import Photo, ResultImage
from events.views.share import EMBED_CSP
from tests.factories import CASSINI_START, SITE, make_event, make_participant
from tests.html import inline_scripts, script_sources

pytestmark = pytest.mark.django_db


def embed_url(event) -> str:
    return f"/events/{event.slug}/embed/"


def frame_ancestors(response) -> str:
    return re.search(r"frame-ancestors ([^;]+)", response["Content-Security-Policy"]).group(1)


def test_embed_may_be_framed_by_any_site(client):
    event = make_event()
    response = client.get(embed_url(event))
    assert response.status_code == 200
    assert frame_ancestors(response) == "*"
    assert "X-Frame-Options" not in response
    # The rest of the policy is the site's own: still no inline code, no other origin.
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "default-src 'self'" in csp


def test_embed_policy_follows_the_setting():
    assert EMBED_CSP["frame-ancestors"] == django_settings.EMBED_FRAME_ANCESTORS == ["*"]
    assert {k: v for k, v in EMBED_CSP.items() if k != "frame-ancestors"} == {
        k: v for k, v in django_settings.SECURE_CSP.items() if k != "frame-ancestors"
    }


def every_other_url(event, participant, photo, result) -> list[str]:
    slug = event.slug
    return [
        "/",
        f"/events/{slug}/",
        f"/events/{slug}/times/",
        f"/events/{slug}/times.csv",
        f"/events/{slug}/feed.atom",
        f"/events/{slug}/signup/",
        f"/events/{slug}/share.png",
        f"/events/{slug}/calendar.ics",
        f"/events/{slug}/qr.svg",
        f"/events/{slug}/event.json",
        f"/events/{slug}/photos/",
        f"/photos/{photo.pk}/thumb.jpg",
        f"/results/{result.pk}/",
        f"/signup/{participant.manage_key}/",
        f"/signup/{participant.manage_key}/photo/",
        "/admin/login/",
        "/healthz",
        "/no-such-page/",
    ]


def test_every_other_page_refuses_framing(client, media):
    event = make_event()
    participant = make_participant(event, confirmed_at=event.window_end)
    photo = Photo.objects.create(
        event=event, participant=participant, width=1, height=1, status="approved"
    )
    result = ResultImage.objects.create(event=event, caption="c", alt_text="a")
    for url in every_other_url(event, participant, photo, result):
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY", url
        assert frame_ancestors(response) == "'none'", url


def test_embed_shows_the_countdown_and_the_time_in_the_hosts_zone(client, clock):
    now = clock.move_to(CASSINI_START - timedelta(days=2, hours=3))
    event = make_event(title="Wave at Saturn")
    make_participant(event, confirmed_at=now)
    page = client.get(embed_url(event) + "?tz=Europe/Paris").content.decode()
    assert "<h1" in page and "Wave at Saturn" in page
    when = re.search(r"<p class=\"embed-when\" data-local-window>(.*?)</p>", page, re.S).group(1)
    assert "Friday 19 July 2013, 23:27" in when and "23:42" in when and "CEST" in when
    assert "Starts in" in page and "data-countdown" in page
    assert 'data-window-start="2013-07-19T21:27:00+00:00"' in page
    assert "1 person will wave." in page
    # Links leave the host's frame, and carry the zone.
    assert f'href="{SITE}/events/{event.slug}/?tz=Europe/Paris" target="_blank"' in page
    # The page's own scripts only: its language's strings, the countdown and the local-time
    # upgrade.
    assert script_sources(page) == ["/jsi18n/", "/static/js/countdown.js", "/static/js/embed.js"]
    assert not inline_scripts(page)
    assert not re.findall(r"\s(style|on[a-z]+)=", page)


def test_embed_without_zone_is_in_utc_and_leaves_the_rest_to_the_browser(client):
    event = make_event()
    page = client.get(embed_url(event)).content.decode()
    assert 'data-zone-source="default"' in page
    assert "21:27" in page


def test_embed_is_cached_and_answers_304(client, django_assert_num_queries):
    event = make_event()
    with django_assert_num_queries(2):  # the event, the count
        first = client.get(embed_url(event))
    with django_assert_num_queries(1):  # the event: its updated_at is in the cache key
        second = client.get(embed_url(event))
    assert first.content == second.content
    assert "public" in first["Cache-Control"]
    assert client.get(embed_url(event), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_embed_of_a_draft_is_404_even_for_staff(client):
    event = make_event(status="draft")
    client.force_login(User.objects.create_user("s", password="x", is_staff=True))
    assert client.get(embed_url(event)).status_code == 404


def test_embed_phase_after_the_event(client, clock):
    clock.move_to(datetime(2026, 1, 1, tzinfo=UTC))
    event = make_event(reported_participants=20_000)
    page = client.get(embed_url(event)).content.decode()
    assert "Took place" in page
    assert "More than 20,000 people took part." in page


def test_event_page_offers_the_embed_code(client):
    event = make_event()
    page = client.get(event.get_absolute_url()).content.decode()
    code = re.search(r'<textarea id="share-embed-code"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    assert html.unescape(code) == (
        f'<iframe src="{SITE}/events/{event.slug}/embed/" '
        f'title="{event.title}: countdown" width="360" height="240" loading="lazy"></iframe>'
    )


def test_embed_for_a_linked_zone_and_for_none_are_kept_apart():
    # `?tz=UTC` shows the same times as no zone, but only the first page's links carry it.
    event = make_event()
    linked = Client().get(embed_url(event) + "?tz=UTC").content.decode()
    plain = Client().get(embed_url(event)).content.decode()
    assert f"{event.slug}/?tz=UTC" in linked and 'data-zone-source="query"' in linked
    assert "?tz=" not in plain and 'data-zone-source="default"' in plain
