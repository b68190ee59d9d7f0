"""The QR code for posters: the page's address (with the zone), read back with a real
decoder."""

import html
import re

import pytest
import zxingcpp
from PIL import Image

from events.sharing.qr import qr_svg
from tests.factories import SITE, make_event

pytestmark = pytest.mark.django_db


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
    svg = qr_svg(f"{SITE}/events/{event.slug}/").decode()
    assert "<script" not in svg and " on" not in svg
