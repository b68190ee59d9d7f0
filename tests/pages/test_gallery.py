"""Participants' photos on the public pages: the gallery, the event page's twelve, and the
image files themselves."""

from datetime import timedelta

import pytest

from events.models import Photo
from tests.factories import CASSINI_START, make_event, make_photo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def test_unknown_photo_sizes_are_404(client):
    photo = make_photo(make_event(), status=Photo.Status.APPROVED)
    assert client.get(f"/photos/{photo.pk}/huge.jpg").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_gallery_page_shows_approved_photos_only(client, django_assert_num_queries, count):
    event = make_event()
    approved = [make_photo(event, status=Photo.Status.APPROVED) for _ in range(count)]
    pending = make_photo(event)
    with django_assert_num_queries(3):  # the event, the count, the page of photos
        response = client.get(f"/events/{event.slug}/photos/")
    page = response.content.decode()
    assert page.count('class="gallery-photo"') == count
    for photo in approved:
        assert f"/photos/{photo.pk}/thumb.jpg" in page
    assert f"/photos/{pending.pk}/thumb.jpg" not in page


def test_event_page_shows_twelve_photos_and_links_to_the_rest(client):
    event = make_event()
    for _ in range(13):
        make_photo(event, status=Photo.Status.APPROVED)
    page = client.get(event.get_absolute_url()).content.decode()
    assert page.count('class="gallery-photo"') == 12
    assert f'href="/events/{event.slug}/photos/"' in page


def test_upcoming_event_page_has_no_gallery(client, clock):
    clock.move_to(CASSINI_START - timedelta(days=1))
    event = make_event()
    assert "Photos from participants" not in client.get(event.get_absolute_url()).content.decode()
