"""Participants' photos: uploads checked by content, re-encoded without metadata, stored,
moderated in the admin, shown in the gallery, composed into a mosaic. Every file is made
here, hostile ones included."""

import io
import re
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from PIL import ExifTags, Image

from events.models import Participant, Photo, ResultImage
from events.photos.tasks import compose_event_mosaic
from events.photos.uploads import (
    MAX_PHOTO_BYTES,
    approve_photos,
    clean_photo,
    compose_mosaic,
    mosaic_grid,
    reject_photo,
    store_photo,
)
from events.refusal import Refused
from events.signups.rules import delete_signup
from events.views.photos import MAX_UPLOAD_BODY_BYTES
from tests.conftest import CASSINI_START
from tests.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    """Every test stores its files in its own empty folder."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


# --- files made for the tests ------------------------------------------------------------


def image_bytes(
    fmt: str = "JPEG", size=(300, 200), color=(200, 30, 30), mode="RGB", **save
) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, fmt, **save)
    return out.getvalue()


def jpeg_with_metadata() -> bytes:
    """A wide photo a phone took held sideways, with its GPS position and other details."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # the camera was turned: rotate 90° to view
    exif[ExifTags.Base.Make] = "SecretCam"
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}
    return image_bytes(
        exif=exif, comment=b"secret comment", xmp=b"<x:xmpmeta>secret-xmp</x:xmpmeta>"
    )


def bomb_png(width: int, height: int) -> bytes:
    """A PNG of huge dimensions in a few kilobytes: one bit per pixel, all the same."""
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG", optimize=True)
    return out.getvalue()


def upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


HTML_AS_JPG = b"<!doctype html><html><script>alert(document.cookie)</script></html>"
SVG_AS_JPG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b'<rect width="10" height="10"/></svg>'
)


def hostile_files() -> list:
    truncated = image_bytes(size=(800, 600))
    # Big enough to be decoded at reduced scale (JPEG draft mode): still read to the end.
    truncated_big = image_bytes(size=(5000, 3000))
    return [
        pytest.param(truncated[: len(truncated) // 2], "broken", id="truncated-jpeg"),
        pytest.param(truncated_big[: len(truncated_big) // 2], "broken", id="truncated-big-jpeg"),
        pytest.param(HTML_AS_JPG, "not_a_photo", id="html-named-jpg"),
        pytest.param(SVG_AS_JPG, "not_a_photo", id="svg-named-jpg"),
        pytest.param(image_bytes("GIF"), "not_a_photo", id="gif"),
        pytest.param(bomb_png(10_000, 10_000), "too_many_pixels", id="bomb-100-megapixels"),
        # Between the limit and twice it Pillow only warns; that is refused too.
        pytest.param(bomb_png(7_000, 7_000), "too_many_pixels", id="bomb-49-megapixels"),
        pytest.param(b"", "empty", id="empty"),
    ]


HOSTILE_FILES = hostile_files()


# --- people ------------------------------------------------------------------------------


def make_participant(event, *, confirmed: bool = True, **fields) -> Participant:
    defaults = {
        "name": "Ana",
        "email": f"ana{Participant.objects.count()}@example.com",
        "zone": "Europe/Paris",
        "confirmed_at": timezone.now() if confirmed else None,
    }
    return Participant.objects.create(event=event, **{**defaults, **fields})


def upload_url(participant: Participant) -> str:
    return f"/signup/{participant.manage_key}/photo/"


def post_photo(client, participant, data: bytes, name="photo.jpg", **fields):
    return client.post(
        upload_url(participant),
        {"photo": upload(data, name), "caption": "", "consent": "on", **fields},
    )


def stored_photo(event, participant=None, color=(200, 30, 30), **fields) -> Photo:
    participant = participant or make_participant(event)
    photo = store_photo(participant, upload(image_bytes(color=color)))
    if fields:
        Photo.objects.filter(pk=photo.pk).update(**fields)
        photo.refresh_from_db()
    return photo


# --- checking and re-encoding ------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "mode"),
    [("JPEG", "RGB"), ("PNG", "RGB"), ("PNG", "RGBA"), ("WEBP", "RGB")],
    ids=["jpeg", "png", "png-transparent", "webp"],
)
def test_accepted_formats_are_re_encoded_as_jpeg(fmt, mode):
    color = (10, 120, 200, 255) if mode == "RGBA" else (10, 120, 200)
    clean = clean_photo(upload(image_bytes(fmt, mode=mode, color=color)))
    image = Image.open(io.BytesIO(clean.image))
    assert image.format == "JPEG"
    assert (image.width, image.height) == (300, 200) == (clean.width, clean.height)
    red, green, blue = image.getpixel((150, 100))
    assert abs(red - 10) < 8 and abs(green - 120) < 8 and abs(blue - 200) < 8
    assert Image.open(io.BytesIO(clean.thumbnail)).size == (400, 400)


def test_transparency_becomes_white_not_black():
    clean = clean_photo(upload(image_bytes("PNG", mode="RGBA", color=(0, 0, 0, 0))))
    assert Image.open(io.BytesIO(clean.image)).getpixel((5, 5)) == (255, 255, 255)


def test_location_and_other_metadata_are_removed_and_orientation_applied():
    original = jpeg_with_metadata()
    assert b"SecretCam" in original and b"secret-xmp" in original  # the test's own premise
    clean = clean_photo(upload(original))
    image = Image.open(io.BytesIO(clean.image))
    exif = image.getexif()
    assert len(exif) == 0
    assert exif.get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert not {"exif", "xmp", "comment", "icc_profile"} & set(image.info)
    for secret in (b"SecretCam", b"secret-xmp", b"secret comment"):
        assert secret not in clean.image
        assert secret not in clean.thumbnail
    # Orientation 6 turned the 300×200 sensor image upright: 200 wide, 300 high.
    assert image.size == (200, 300)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_big_photos_are_shrunk_for_storage(fmt):
    clean = clean_photo(upload(image_bytes(fmt, size=(3000, 2250))))
    assert (clean.width, clean.height) == (2048, 1536)


def test_big_sideways_jpeg_is_shrunk_and_turned_upright():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    clean = clean_photo(upload(image_bytes(size=(4000, 3000), exif=exif)))
    assert (clean.width, clean.height) == (1536, 2048)


@pytest.mark.parametrize(("data", "reason"), HOSTILE_FILES)
def test_hostile_files_are_refused_with_a_reason(data, reason):
    with pytest.raises(Refused) as refused:
        clean_photo(upload(data))
    assert refused.value.reason == reason
    assert refused.value.message


def test_a_file_over_10_mb_is_refused_before_it_is_decoded(monkeypatch):
    monkeypatch.setattr("events.photos.uploads._decode", lambda data: pytest.fail("decoded"))
    with pytest.raises(Refused) as refused:
        clean_photo(upload(b"\xff\xd8" + b"\0" * MAX_PHOTO_BYTES))
    assert refused.value.reason == "too_large"


# --- uploading through the participant's private link ------------------------------------


def test_a_confirmed_participant_uploads_a_photo_that_waits_for_moderation(client, media):
    event = make_event()
    participant = make_participant(event)
    response = post_photo(client, participant, jpeg_with_metadata(), caption="  Lyon, 5B  ")
    assert response.status_code == 303
    assert response["Location"] == participant.get_absolute_url()
    photo = Photo.objects.get()
    assert (photo.participant, photo.event, photo.status) == (participant, event, "pending")
    assert photo.caption == "Lyon, 5B"
    assert stored_files(media) == sorted([photo.image.name, photo.thumbnail.name])
    assert re.fullmatch(rf"photos/{event.pk}/[0-9a-f]{{32}}\.jpg", photo.image.name)
    with default_storage.open(photo.image.name) as file:
        assert b"SecretCam" not in file.read()
    page = client.get(participant.get_absolute_url()).content.decode()
    assert "Your photo waits for a moderator" in page
    assert "waiting for moderation" in page


@pytest.mark.parametrize(("data", "reason"), HOSTILE_FILES)
def test_hostile_uploads_get_a_clear_message_and_nothing_is_stored(client, media, data, reason):
    participant = make_participant(make_event())
    response = post_photo(client, participant, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was kept." in page
    if reason == "empty":
        assert "The submitted file is empty." in page  # Django's own check comes first
    else:
        message = {
            "broken": "This photo is damaged or incomplete",
            "not_a_photo": "This file is not a JPEG, PNG or WebP photo",
            "too_many_pixels": "at most 40 megapixels",
        }[reason]
        assert message in page
    assert Photo.objects.count() == 0
    assert stored_files(media) == []


def test_a_body_over_the_limit_is_refused_with_413_before_it_is_read(media):
    participant = make_participant(make_event())
    # enforce_csrf_checks: a 403 would mean the CSRF check read the body first.
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        upload_url(participant),
        {"photo": upload(image_bytes())},
        CONTENT_LENGTH=str(MAX_UPLOAD_BODY_BYTES + 1),
    )
    assert response.status_code == 413
    assert "That photo is too large" in response.content.decode()
    assert "at most 10 MB" in response.content.decode()
    assert Photo.objects.count() == 0


def test_a_real_file_over_10_mb_is_refused_with_413(client, media):
    participant = make_participant(make_event())
    response = post_photo(client, participant, b"\xff\xd8" + b"\0" * (MAX_PHOTO_BYTES + 1))
    assert response.status_code == 413
    assert "That photo is too large" in response.content.decode()
    assert Photo.objects.count() == 0
    assert stored_files(media) == []


def test_uploads_need_the_csrf_token():
    participant = make_participant(make_event())
    client = Client(enforce_csrf_checks=True)
    response = post_photo(client, participant, image_bytes())
    assert response.status_code == 403
    assert Photo.objects.count() == 0


def test_an_unconfirmed_participant_cannot_upload(client, media):
    participant = make_participant(make_event(), confirmed=False)
    response = post_photo(client, participant, image_bytes())
    assert response.status_code == 403
    assert "Confirm your address first" in response.content.decode()
    assert Photo.objects.count() == 0
    assert stored_files(media) == []


def test_a_deleted_participant_cannot_upload(client, media):
    participant = make_participant(make_event())
    delete_signup(participant)
    response = post_photo(client, participant, image_bytes())
    assert response.status_code == 404
    assert Photo.objects.count() == 0
    assert stored_files(media) == []


def test_nobody_uploads_before_the_wave_starts(client, set_now, media):
    set_now(CASSINI_START - timedelta(minutes=1))
    participant = make_participant(make_event())
    response = post_photo(client, participant, image_bytes())
    assert response.status_code == 403
    assert "once the wave has started" in response.content.decode()
    assert Photo.objects.count() == 0


def test_the_consent_box_is_required(client, media):
    participant = make_participant(make_event())
    response = post_photo(client, participant, image_bytes(), consent="")
    assert response.status_code == 400
    assert "Tick the box to agree" in response.content.decode()
    assert stored_files(media) == []


def test_one_participant_sends_at_most_three_photos(client):
    participant = make_participant(make_event())
    for _ in range(3):
        assert post_photo(client, participant, image_bytes()).status_code == 303
    response = post_photo(client, participant, image_bytes())
    assert response.status_code == 400
    assert "the most one participant can send" in response.content.decode()
    assert Photo.objects.count() == 3
    # A rejected photo frees its place.
    reject_photo(Photo.objects.first())
    assert post_photo(client, participant, image_bytes()).status_code == 303


@pytest.mark.parametrize(
    ("confirmed", "started", "expected"),
    [
        (False, True, "Once your address is confirmed"),
        (True, False, "When the wave has started, come back"),
        (True, True, 'enctype="multipart/form-data"'),
    ],
    ids=["unconfirmed", "too-early", "ready"],
)
def test_the_manage_page_offers_the_upload_when_it_is_possible(
    client, set_now, confirmed, started, expected
):
    event = make_event()
    set_now(CASSINI_START + (timedelta(minutes=1) if started else -timedelta(days=1)))
    participant = make_participant(event, confirmed=confirmed)
    page = client.get(participant.get_absolute_url()).content.decode()
    assert expected in page
    has_form = f'action="{upload_url(participant)}"' in page
    assert has_form == (confirmed and started)


# --- moderation --------------------------------------------------------------------------


@pytest.fixture
def staff_client(client):
    user = User.objects.create_user("mod", password="x", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def admin_action(client, action: str, photos) -> None:
    response = client.post(
        "/admin/events/photo/",
        {"action": action, "_selected_action": [photo.pk for photo in photos]},
    )
    assert response.status_code == 302


def test_pending_photos_are_hidden_until_approved(client, staff_client, django_assert_num_queries):
    event = make_event()
    photo = stored_photo(event)
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
    photo = stored_photo(make_event())
    assert len(stored_files(media)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        admin_action(staff_client, "reject", [photo])
    photo.refresh_from_db()
    assert photo.status == Photo.Status.REJECTED
    assert (photo.image.name, photo.thumbnail.name) == ("", "")
    assert stored_files(media) == []
    assert staff_client.get(f"/photos/{photo.pk}/full.jpg").status_code == 404
    # A rejected photo cannot be approved afterwards: there is nothing left to show.
    assert approve_photos(Photo.objects.all()) == 0


def test_deleting_the_sign_up_deletes_the_photos_and_their_files(
    media, django_capture_on_commit_callbacks
):
    event = make_event()
    participant = make_participant(event)
    stored_photo(event, participant)
    with django_capture_on_commit_callbacks(execute=True):
        delete_signup(participant)
    assert Photo.objects.count() == 0
    assert stored_files(media) == []


def test_unknown_photo_sizes_are_404(client):
    photo = stored_photo(make_event(), status=Photo.Status.APPROVED)
    assert client.get(f"/photos/{photo.pk}/huge.jpg").status_code == 404


# --- the gallery -------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_gallery_page_shows_approved_photos_only(client, django_assert_num_queries, count):
    event = make_event()
    approved = [stored_photo(event, status=Photo.Status.APPROVED) for _ in range(count)]
    pending = stored_photo(event)
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
        stored_photo(event, status=Photo.Status.APPROVED)
    page = client.get(event.get_absolute_url()).content.decode()
    assert page.count('class="gallery-photo"') == 12
    assert f'href="/events/{event.slug}/photos/"' in page


def test_upcoming_event_page_has_no_gallery(client, set_now):
    set_now(CASSINI_START - timedelta(days=1))
    event = make_event()
    assert "Photos from participants" not in client.get(event.get_absolute_url()).content.decode()


# --- the mosaic --------------------------------------------------------------------------

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
        stored_photo(event, color=color, status=Photo.Status.APPROVED)
    stored_photo(event, color=(0, 0, 0))  # pending: left out
    stored_photo(event, color=(255, 255, 255), status=Photo.Status.REJECTED)

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
    stored_photo(event)
    assert compose_event_mosaic.call(event.pk) is None
    assert ResultImage.objects.count() == 0


def test_admin_action_queues_the_mosaic_task(staff_client):
    event = make_event()
    response = staff_client.post(
        "/admin/events/event/", {"action": "compose_mosaic", "_selected_action": [event.pk]}
    )
    assert response.status_code == 302
    task = DBTaskResult.objects.get()
    assert task.task_path == "events.photos.tasks.compose_event_mosaic"
    assert task.args_kwargs["args"] == [event.pk]


# --- at the same instant, on PostgreSQL --------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_uploads_cannot_pass_the_limit(postgres_only, media):
    participant = make_participant(make_event())
    stored_photo(participant.event, participant)
    stored_photo(participant.event, participant)  # one place left, four try for it
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def send() -> None:
        try:
            barrier.wait(timeout=10)
            store_photo(participant, upload(image_bytes()))
            outcomes.append("stored")
        except Refused as refused:
            outcomes.append(refused.reason)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["limit", "limit", "limit", "stored"]
    assert Photo.objects.filter(participant=participant).count() == 3
    # The refused uploads left no file behind: two per photo kept, no more.
    assert len(stored_files(media)) == 6
