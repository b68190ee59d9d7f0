"""What a shared link carries: the preview card's tags, the copy link with the sharer's
zone, and share links that are plain links (no third party's script)."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache

from tests.factories import SITE, make_event, make_participant
from tests.html import meta_tags, script_sources, section

pytestmark = pytest.mark.django_db


# --- the preview card --------------------------------------------------------------------


def test_event_page_has_open_graph_and_twitter_tags(client):
    event = make_event(title="Wave at Saturn", summary="Cassini looks back & sees us.")
    page = client.get(event.get_absolute_url() + "?tz=Europe/Paris").content.decode()
    tags = meta_tags(page)
    url = f"{SITE}/events/{event.slug}/"
    assert f'<link rel="canonical" href="{url}">' in page
    assert tags["og:type"] == "website"
    assert tags["og:title"] == tags["twitter:title"] == "Wave at Saturn"
    assert tags["og:description"] == tags["twitter:description"] == "Cassini looks back & sees us."
    # The canonical address has no ?tz=: one page, whatever zone the sharer saw.
    assert tags["og:url"] == url
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["og:image"] == tags["twitter:image"]
    assert re.fullmatch(
        rf"{SITE}/events/{event.slug}/share\.png\?v=[0-9a-f]{{16}}", tags["og:image"]
    )
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:alt"].startswith("Wave at Saturn: Cassini at Saturn.")


def test_og_image_address_changes_with_the_count(client):
    event = make_event()
    first = meta_tags(client.get(event.get_absolute_url()).content.decode())["og:image"]
    make_participant(event)
    cache.clear()  # the page itself is kept a few seconds (events/pagecache.py)
    second = meta_tags(client.get(event.get_absolute_url()).content.decode())["og:image"]
    assert first != second


# --- copy link and share links ---------------------------------------------------------


def test_copy_link_keeps_the_zone_from_the_address(client):
    event = make_event()
    page = client.get(event.get_absolute_url() + "?tz=Asia/Kathmandu").content.decode()
    share = section(page, "share")
    url = f"{SITE}/events/{event.slug}/?tz=Asia/Kathmandu"
    assert f'data-share-url="{url}"' in share
    assert f'<input id="share-url" type="url" value="{url}" readonly>' in share
    assert "showing the times in Asia/Kathmandu" in share


def test_copy_link_keeps_the_zone_from_the_link(client):
    event = make_event()
    page = client.get(event.get_absolute_url(), {"tz": "America/Sao_Paulo"})
    share = section(page.content.decode(), "share")
    assert f'data-share-url="{SITE}/events/{event.slug}/?tz=America/Sao_Paulo"' in share


def test_without_a_zone_the_link_is_the_plain_address(client):
    event = make_event()
    share = section(client.get(event.get_absolute_url()).content.decode(), "share")
    assert f'data-share-url="{SITE}/events/{event.slug}/"' in share


def test_share_links_are_plain_links_carrying_the_address(client):
    event = make_event(title="Wave at Saturn")
    page = client.get(event.get_absolute_url() + "?tz=Europe/Paris").content.decode()
    share = section(page, "share")
    links = [html.unescape(href) for href in re.findall(r'<a href="([^"]+)"', share)]
    services = {urlsplit(link).hostname or urlsplit(link).scheme for link in links}
    assert {"mailto", "wa.me", "t.me", "bsky.app", "x.com", "www.facebook.com"} <= services
    facebook = next(link for link in links if "facebook" in link)
    assert parse_qs(urlsplit(facebook).query)["u"] == [
        f"{SITE}/events/{event.slug}/?tz=Europe/Paris"
    ]
    # No third party's script anywhere on the page; our own module adds the buttons.
    scripts = script_sources(page)
    # (Our own: the static files, and the page language's strings at /jsi18n/.)
    assert all(src.startswith(("/static/", "/jsi18n/")) for src in scripts), scripts
    assert "/static/js/share.js" in scripts
    # The JavaScript-only buttons start hidden, so a page without it shows no dead button.
    assert re.search(r"<button[^>]*data-share-copy hidden", share)
    assert re.search(r"<button[^>]*data-share-native hidden", share)
