"""Moderating photos in the admin: pending photos stay private until approved; a rejected
photo's files are deleted; the mosaic is composed on request."""

import io
import re

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from django_tasks_db.models import DBTaskResult
from PIL import Image

from events.models import Photo, ResultImage
from events.photos.uploads import approve_photos
from tests.emails import run_queued_emails
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


# --- one click per photo, and the sender is told ---------------------------------------------


def decide(client, photo, decision: str):
    return client.post(f"/admin/events/photo/{photo.pk}/{decision}/")


def test_each_pending_photo_has_its_own_approve_and_reject_buttons(staff_client):
    photo = make_photo(make_event())
    html = staff_client.get("/admin/events/photo/").content.decode()
    for decision in ("approve", "reject"):
        assert re.search(
            rf'<button type="submit" class="button" '
            rf'formaction="/admin/events/photo/{photo.pk}/{decision}/" formnovalidate>'
            rf"{decision.capitalize()}</button>",
            html,
        )


def test_approving_in_one_click_shows_the_photo_and_tells_its_sender(staff_client, mailoutbox):
    event = make_event()
    photo = make_photo(event)
    response = decide(staff_client, photo, "approve")
    assert response.status_code == 302 and response["Location"] == "/admin/events/photo/"
    photo.refresh_from_db()
    assert photo.status == Photo.Status.APPROVED
    message = [str(m) for m in get_messages(response.wsgi_request)]
    assert message == [f"Photo {photo.pk} approved: it is in the gallery, and its sender is told."]
    run_queued_emails()
    [email] = mailoutbox
    assert email.to == [photo.participant.email]
    assert email.subject == f"Your photo is in the gallery of {event.title}"
    assert f"http://127.0.0.1:8000/events/{event.slug}/photos/" in email.body
    # Twice: decided already, nobody emailed again.
    again = decide(staff_client, photo, "reject")
    assert [str(m) for m in get_messages(again.wsgi_request)][-1] == (
        f"Photo {photo.pk} was decided already (approved)."
    )
    run_queued_emails()
    assert len(mailoutbox) == 1


def test_rejecting_in_one_click_deletes_the_file_and_tells_its_sender(
    staff_client, media, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_event()
    photo = make_photo(event)
    with django_capture_on_commit_callbacks(execute=True):
        decide(staff_client, photo, "reject")
    photo.refresh_from_db()
    assert photo.status == Photo.Status.REJECTED and media.files() == []
    run_queued_emails()
    [email] = mailoutbox
    assert email.subject == f"About your photo for {event.title}"
    assert "its file has been deleted" in email.body
    assert photo.participant.get_absolute_url() in email.body


def test_the_bulk_actions_tell_the_senders_too(staff_client, mailoutbox):
    event = make_event()
    photos = [make_photo(event) for _ in range(2)]
    admin_action(staff_client, "approve", photos)
    run_queued_emails()
    assert sorted(email.to[0] for email in mailoutbox) == sorted(
        photo.participant.email for photo in photos
    )


def test_a_decision_needs_a_post_by_staff_and_a_real_photo(staff_client):
    photo = make_photo(make_event())
    assert staff_client.get(f"/admin/events/photo/{photo.pk}/approve/").status_code == 405
    assert decide(staff_client, photo, "delete-everything").status_code == 403
    assert staff_client.post("/admin/events/photo/999999/approve/").status_code == 404
    visitor = decide(Client(), photo, "approve")
    assert visitor.status_code == 302 and visitor["Location"].startswith("/admin/login/")
    photo.refresh_from_db()
    assert photo.status == Photo.Status.PENDING
