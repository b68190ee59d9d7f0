"""Sharing an event: the preview card's tags, the share image, the share links and copy
link, and the QR code for posters (read back with a real decoder)."""

import html
import io
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from django.core.cache import cache
from django.utils import timezone
from PIL import Image

from events.models import Participant
from events.sharing.image import draw_share_image, share_image
from tests.conftest import CASSINI_START
from tests.factories import make_event

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def meta(page: str) -> dict[str, str]:
    """The page's <meta property|name=… content=…> tags, unescaped."""
    pairs = re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', page)
    return {name: html.unescape(content) for name, content in pairs}


def confirm_people(event, count: int) -> None:
    for number in range(count):
        Participant.objects.create(
            event=event,
            name="P",
            email=f"p{number}-{event.pk}@example.com",
            zone="UTC",
            confirmed_at=timezone.now() - timedelta(minutes=1),
        )


def png_of(response) -> Image.Image:
    return Image.open(io.BytesIO(response.content))


# --- the preview card --------------------------------------------------------------------


def test_event_page_has_open_graph_and_twitter_tags(client):
    event = make_event(title="Wave at Saturn", summary="Cassini looks back & sees us.")
    page = client.get(event.get_absolute_url() + "?tz=Europe/Paris").content.decode()
    tags = meta(page)
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
    first = meta(client.get(event.get_absolute_url()).content.decode())["og:image"]
    confirm_people(event, 1)
    cache.clear()  # the page itself is kept a few seconds (events/pagecache.py)
    second = meta(client.get(event.get_absolute_url()).content.decode())["og:image"]
    assert first != second


# --- the share image ---------------------------------------------------------------------


def test_share_image_is_a_1200_by_630_png(client, django_assert_num_queries):
    event = make_event()
    with django_assert_num_queries(2):  # the event, the count
        response = client.get(f"/events/{event.slug}/share.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = png_of(response)
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    assert response["ETag"]


def test_share_image_changes_with_the_count_and_the_event(client):
    event = make_event()
    url = f"/events/{event.slug}/share.png"
    before = client.get(url).content
    confirm_people(event, 3)
    after_count = client.get(url).content
    assert after_count != before
    event.title = "A new title"
    event.save()
    assert client.get(url).content not in (before, after_count)


def test_share_image_is_drawn_once_per_state(monkeypatch):
    event = make_event()
    drawn = []

    def counting(*args):
        drawn.append(args)
        return draw_share_image(*args)

    monkeypatch.setattr("events.sharing.image.draw_share_image", counting)
    now = CASSINI_START + timedelta(days=1)
    first = share_image(event, 5, now)
    assert share_image(event, 5, now) == first
    assert len(drawn) == 1
    assert share_image(event, 6, now).version != first.version
    assert len(drawn) == 2


@pytest.mark.parametrize(
    "title",
    ["Wave", ("A very long title " * 11).strip(), "土星に向かって手を振ろう" * 6],
    ids=["short", "long", "no-spaces"],
)
def test_share_image_draws_any_title_within_the_picture(title):
    event = make_event(title=title)
    image = Image.open(io.BytesIO(draw_share_image(event, 20_000, "past")))
    assert image.size == (1200, 630)

    def white_pixels(box) -> int:
        # Text is white; the stars are never brighter than grey (events/share.py).
        colors = image.crop(box).getcolors(maxcolors=1_000_000)
        return sum(count for count, color in colors if min(color) > 215)

    assert white_pixels((72, 100, 1128, 360)) > 500  # the title is drawn
    assert white_pixels((1130, 0, 1200, 630)) == 0  # and stays inside the right margin


def test_a_draft_share_image_is_404_to_the_public(client):
    event = make_event(status="draft")
    assert client.get(f"/events/{event.slug}/share.png").status_code == 404


# --- share links and copy link -----------------------------------------------------------


def share_section(page: str) -> str:
    return re.search(r'<section class="share".*?</section>', page, re.S).group(0)


def test_copy_link_keeps_the_zone_from_the_address(client):
    event = make_event()
    page = client.get(event.get_absolute_url() + "?tz=Asia/Kathmandu").content.decode()
    section = share_section(page)
    url = f"{SITE}/events/{event.slug}/?tz=Asia/Kathmandu"
    assert f'data-share-url="{url}"' in section
    assert f'<input id="share-url" type="url" value="{url}" readonly>' in section
    assert "showing the times in Asia/Kathmandu" in section


def test_copy_link_keeps_the_zone_from_the_cookie(client):
    event = make_event()
    client.cookies["tz"] = "America/Sao_Paulo"
    section = share_section(client.get(event.get_absolute_url()).content.decode())
    assert f'data-share-url="{SITE}/events/{event.slug}/?tz=America/Sao_Paulo"' in section


def test_without_a_zone_the_link_is_the_plain_address(client):
    event = make_event()
    section = share_section(client.get(event.get_absolute_url()).content.decode())
    assert f'data-share-url="{SITE}/events/{event.slug}/"' in section


def test_share_links_are_plain_links_carrying_the_address(client):
    event = make_event(title="Wave at Saturn")
    page = client.get(event.get_absolute_url() + "?tz=Europe/Paris").content.decode()
    section = share_section(page)
    links = [html.unescape(href) for href in re.findall(r'<a href="([^"]+)"', section)]
    services = {urlsplit(link).hostname or urlsplit(link).scheme for link in links}
    assert {"mailto", "wa.me", "t.me", "bsky.app", "x.com", "www.facebook.com"} <= services
    facebook = next(link for link in links if "facebook" in link)
    assert parse_qs(urlsplit(facebook).query)["u"] == [
        f"{SITE}/events/{event.slug}/?tz=Europe/Paris"
    ]
    # No third party's script anywhere on the page; our own module adds the buttons.
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert all(src.startswith("/static/") for src in scripts)
    assert "/static/js/share.js" in scripts
    # The JavaScript-only buttons start hidden, so a page without it shows no dead button.
    assert re.search(r"<button[^>]*data-share-copy hidden", section)
    assert re.search(r"<button[^>]*data-share-native hidden", section)


# --- the QR code -------------------------------------------------------------------------


def rasterize_qr(svg: str, pixels_per_module: int = 6) -> Image.Image:
    """segno's SVG drawn as pixels: its dark modules are one path of horizontal runs
    (`M x y.5` to start, `m dx dy` to move, `hN` to draw N modules)."""
    modules = int(re.search(r'<path fill="#fff" d="M0 0h(\d+)v', svg).group(1))
    path = re.search(r'<path class="qrline"[^>]* d="([^"]+)"', svg).group(1)
    image = Image.new("L", (modules, modules), 255)
    x = y = 0.0
    for command, first, second in re.findall(r"([MmHh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        else:
            for column in range(int(x), int(x + float(first))):
                image.putpixel((column, int(y)), 0)
            x += float(first)
    size = modules * pixels_per_module
    return image.resize((size, size), Image.Resampling.NEAREST)


def decode_qr(svg: str) -> str:
    found = zxingcpp.read_barcodes(rasterize_qr(svg))
    assert len(found) == 1
    return found[0].text


def test_qr_code_decodes_to_the_page_address(client, django_assert_num_queries):
    event = make_event()
    with django_assert_num_queries(1):
        response = client.get(f"/events/{event.slug}/qr.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert decode_qr(response.content.decode()) == f"{SITE}/events/{event.slug}/"


def test_qr_code_on_the_page_keeps_the_zone(client):
    event = make_event()
    page = client.get(event.get_absolute_url() + "?tz=Europe/Paris").content.decode()
    src = html.unescape(re.search(r'<img src="([^"]+)" alt="QR code', page).group(1))
    assert src == f"/events/{event.slug}/qr.svg?tz=Europe/Paris"
    svg = client.get(src).content.decode()
    assert decode_qr(svg) == f"{SITE}/events/{event.slug}/?tz=Europe/Paris"


def test_qr_code_ignores_an_unknown_zone(client):
    event = make_event()
    svg = client.get(f"/events/{event.slug}/qr.svg?tz=Mars/Olympus").content.decode()
    assert decode_qr(svg) == f"{SITE}/events/{event.slug}/"


def test_qr_svg_carries_no_script():
    event = make_event()
    from events.sharing.qr import qr_svg

    svg = qr_svg(f"{SITE}/events/{event.slug}/").decode()
    assert "<script" not in svg and " on" not in svg
