"""The mosaic: every approved photo composed into one picture, in the background, and
unpublished until the organiser publishes it."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from events.models import Photo, ResultImage
from events.photos.tasks import compose_event_mosaic
from events.photos.uploads import compose_mosaic, mosaic_grid
from tests.factories import make_event, make_photo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


COLORS = [(220, 20, 20), (20, 200, 20), (20, 20, 220), (230, 230, 30), (200, 20, 200)]


def test_mosaic_grid_is_near_square():
    assert mosaic_grid(1) == (1, 1, 2400)
    assert mosaic_grid(5) == (3, 2, 800)
    assert mosaic_grid(9) == (3, 3, 800)
    assert mosaic_grid(10) == (4, 3, 600)


def test_compose_mosaic_lays_tiles_row_by_row():
    tiles = [Image.new("RGB", (50, 80), color) for color in COLORS]
    mosaic = Image.open(io.BytesIO(compose_mosaic(iter(tiles), len(tiles), width=300)))
    assert mosaic.size == (300, 200)  # 3 columns of 100 px, 2 rows
    for index, color in enumerate(COLORS):
        row, column = divmod(index, 3)
        pixel = mosaic.getpixel((column * 100 + 50, row * 100 + 50))
        assert all(abs(a - b) < 12 for a, b in zip(pixel, color, strict=True)), (index, pixel)


def test_mosaic_task_composes_the_approved_photos_into_an_unpublished_picture(client):
    event = make_event()
    for color in COLORS:
        make_photo(event, color=color, status=Photo.Status.APPROVED)
    make_photo(event, color=(0, 0, 0))  # pending: left out
    make_photo(event, color=(255, 255, 255), status=Photo.Status.REJECTED)

    result_id = compose_event_mosaic.call(event.pk)

    mosaic = ResultImage.objects.get(pk=result_id)
    assert (mosaic.kind, mosaic.is_published, mosaic.event) == ("mosaic", False, event)
    assert mosaic.caption == "5 photos from 5 participants waving"
    with default_storage.open(mosaic.image.name) as file:
        image = Image.open(file)
        image.load()
    assert image.size == (2400, 1600) == (mosaic.width, mosaic.height)
    for index, color in enumerate(COLORS):  # uploaded in this order
        row, column = divmod(index, 3)
        pixel = image.getpixel((column * 800 + 400, row * 800 + 400))
        assert all(abs(a - b) < 12 for a, b in zip(pixel, color, strict=True)), (index, pixel)
    # The sixth place stays background: no pending or rejected photo sneaked in.
    assert image.getpixel((2 * 800 + 400, 800 + 400)) == pytest.approx((11, 26, 51), abs=6)
    # Unpublished: not on the page, not public; published by the organiser, it is.
    assert (
        "Here is the picture you are in"
        not in client.get(event.get_absolute_url()).content.decode()
    )
    assert client.get(f"/results/{mosaic.pk}/").status_code == 404
    mosaic.is_published = True
    mosaic.save()
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Here is the picture you are in" in page
    assert f'src="/results/{mosaic.pk}/"' in page
    assert client.get(f"/results/{mosaic.pk}/").status_code == 200


def test_mosaic_task_without_approved_photos_makes_nothing():
    event = make_event()
    make_photo(event)
    assert compose_event_mosaic.call(event.pk) is None
    assert ResultImage.objects.count() == 0
