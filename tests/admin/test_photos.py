"""Moderating photos in the admin: pending photos stay private until approved; a rejected
photo's files are deleted; the mosaic is composed on request."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from django_tasks_db.models import DBTaskResult
from PIL import Image

from events.models import Photo, ResultImage
from events.photos.uploads import approve_photos
from tests.factories import image_bytes, make_event, make_photo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def admin_action(client, action: str, photos) -> None:
    response = client.post(
        "/admin/events/photo/",
        {"action": action, "_selected_action": [photo.pk for photo in photos]},
    )
    assert response.status_code == 302


def test_pending_photos_are_hidden_until_approved(client, staff_client, django_assert_num_queries):
    event = make_event()
    photo = make_photo(event)
    public = Client()
    assert public.get(f"/photos/{photo.pk}/thumb.jpg").status_code == 404
    assert (
        "Photo of a participant waving" not in public.get(event.get_absolute_url()).content.decode()
    )
    # The moderator sees it in the queue, and its file.
    queue = staff_client.get("/admin/events/photo/").content.decode()
    assert f"/photos/{photo.pk}/thumb.jpg" in queue
    assert staff_client.get(f"/photos/{photo.pk}/thumb.jpg").status_code == 200

    admin_action(staff_client, "approve", [photo])
    cache.clear()  # the event page may be kept for a few seconds (events/pagecache.py)

    photo.refresh_from_db()
    assert photo.status == Photo.Status.APPROVED and photo.moderated_at is not None
    with django_assert_num_queries(1):
        response = public.get(f"/photos/{photo.pk}/full.jpg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "public" in response["Cache-Control"]
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (300, 200)
    page = public.get(event.get_absolute_url()).content.decode()
    assert f'src="/photos/{photo.pk}/thumb.jpg"' in page


def test_rejecting_deletes_the_files_and_keeps_the_decision(
    staff_client, media, django_capture_on_commit_callbacks
):
    photo = make_photo(make_event())
    assert len(media.files()) == 2
    with django_capture_on_commit_callbacks(execute=True):
        admin_action(staff_client, "reject", [photo])
    photo.refresh_from_db()
    assert photo.status == Photo.Status.REJECTED
    assert (photo.image.name, photo.thumbnail.name) == ("", "")
    assert media.files() == []
    assert staff_client.get(f"/photos/{photo.pk}/full.jpg").status_code == 404
    # A rejected photo cannot be approved afterwards: there is nothing left to show.
    assert approve_photos(Photo.objects.all()) == 0


def test_admin_action_queues_the_mosaic_task(staff_client):
    event = make_event()
    response = staff_client.post(
        "/admin/events/event/", {"action": "compose_mosaic", "_selected_action": [event.pk]}
    )
    assert response.status_code == 302
    task = DBTaskResult.objects.get()
    assert task.task_path == "events.photos.tasks.compose_event_mosaic"
    assert task.args_kwargs["args"] == [event.pk]


def test_the_current_picture_link_in_the_event_form_opens_the_picture(staff_client):
    """The file field's "Currently:" link goes through the app (a mosaic is a draft: only
    staff may open it), not to MEDIA_URL, which nothing serves."""
    event = make_event()
    mosaic = ResultImage(event=event, kind="mosaic", caption="Mosaic", alt_text="Faces")
    mosaic.image.save("mosaic.jpg", ContentFile(image_bytes()), save=False)
    mosaic.is_published = False
    mosaic.save()
    page = staff_client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    current = re.search(r'Currently: <a href="([^"]+)">([^<]+)</a>', page)
    assert current is not None, "no Currently: link"
    assert current.group(2) == mosaic.image.name
    assert current.group(1) == f"/results/{mosaic.pk}/"
    opened = staff_client.get(current.group(1))
    assert opened.status_code == 200
    assert Image.open(io.BytesIO(b"".join(opened.streaming_content))).size == (300, 200)
    assert Client().get(current.group(1)).status_code == 404  # a draft, for staff only
