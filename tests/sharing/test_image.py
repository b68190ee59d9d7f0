"""The share image: a 1200×630 PNG drawn on the server, cached per state, redrawn when the
count or the event changes."""

import io
from datetime import timedelta

import pytest
from PIL import Image

from events.live.waves import record_wave
from events.sharing.image import draw_share_image, share_image
from tests.factories import (
    CASSINI_START,
    WINDOW_START,
    make_event,
    make_participant,
    upcoming_event,
)

pytestmark = pytest.mark.django_db


def png_of(response) -> Image.Image:
    return Image.open(io.BytesIO(response.content))


def test_share_image_is_a_1200_by_630_png(client, django_assert_num_queries):
    event = make_event()
    with django_assert_num_queries(3):  # the event, the count, the waves (it is over)
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
    for _ in range(3):
        make_participant(event)
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


def white_pixels(image: Image.Image, box) -> int:
    """Pixels of the white text in `box` (the stars are never brighter than grey)."""
    colors = image.crop(box).getcolors(maxcolors=1_000_000)
    return sum(count for count, color in colors if min(color) > 215)


# Below the participant count: where the waves counted are written.
WAVES_LINE = (72, 568, 1128, 625)


def test_after_the_window_the_share_image_says_how_many_waved(client):
    event = make_event()  # the 2013 session, long over
    url = f"/events/{event.slug}/share.png"
    before = client.get(url)
    assert white_pixels(png_of(before), WAVES_LINE) == 0  # no wave counted: nothing said
    for number in range(3):
        record_wave(event, CASSINI_START + timedelta(minutes=number), browser_id=f"b{number}")
    after = client.get(url)
    assert white_pixels(png_of(after), WAVES_LINE) > 200
    assert draw_share_image(event, 0, "past", 3) == after.content
    # The page's card names the new image, and says it in words.
    page = client.get(event.get_absolute_url()).content.decode()
    assert "0 people took part. 3 waved." in page
    assert share_image(event, 0, waves=3).version in page


def test_while_the_window_is_open_the_share_image_has_no_wave_count_yet(client, clock):
    event = upcoming_event()
    clock.move_to(WINDOW_START + timedelta(minutes=1))
    record_wave(event, WINDOW_START, browser_id="early")
    image = png_of(client.get(f"/events/{event.slug}/share.png"))
    assert white_pixels(image, WAVES_LINE) == 0
    assert share_image(event, 0, waves=1).version == share_image(event, 0).version


def test_a_draft_share_image_is_404_to_the_public(client):
    event = make_event(status="draft")
    assert client.get(f"/events/{event.slug}/share.png").status_code == 404
