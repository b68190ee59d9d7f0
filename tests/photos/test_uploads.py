"""Participants' photos in: an upload checked by its content, re-encoded without metadata
and stored, from the participant's private link only; hostile files refused. Every file is
made here, hostile ones included."""

import io
import re
import struct
import threading
import zlib
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client
from PIL import ExifTags, Image, ImageFile

from events.models import Participant, Photo
from events.photos.uploads import (
    MAX_PHOTO_BYTES,
    MAX_PHOTO_PIXELS,
    MAX_PHOTOS_PER_PARTICIPANT,
    clean_photo,
    reject_photo,
    store_photo,
)
from events.refusal import Refused
from events.signups.rules import delete_signup
from events.views.photos import MAX_UPLOAD_BODY_BYTES
from tests.factories import (
    CASSINI_START,
    image_bytes,
    make_event,
    make_participant,
    make_photo,
    photo_upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


# --- files made for the tests ------------------------------------------------------------


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


def png_declaring(width: int, height: int) -> bytes:
    """A PNG whose header declares `width`×`height` pixels, with no real image data."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def jpeg_declaring(width: int, height: int) -> bytes:
    """A small JPEG whose frame header is changed to declare `width`×`height` pixels."""
    data = image_bytes(size=(300, 200))
    frame = data.index(b"\xff\xc0")  # baseline frame: marker, length, precision, then H, W
    return data[: frame + 5] + struct.pack(">HH", height, width) + data[frame + 9 :]


@pytest.fixture
def no_decoding(monkeypatch):
    """Any attempt to decode pixels fails the test."""

    def decoded(*args, **kwargs):
        pytest.fail("the image was decoded")

    monkeypatch.setattr("events.photos.uploads._decode", decoded)
    monkeypatch.setattr(Image.Image, "load", decoded)
    monkeypatch.setattr(ImageFile.ImageFile, "load", decoded)


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


# --- the participant's private link ----------------------------------------------------


def upload_url(participant: Participant) -> str:
    return f"/signup/{participant.manage_key}/photo/"


def post_photo(client, participant, data: bytes, name="photo.jpg", **fields):
    return client.post(
        upload_url(participant),
        {"photo": photo_upload(data, name), "caption": "", "consent": "on", **fields},
    )


# --- checking and re-encoding ------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "mode"),
    [("JPEG", "RGB"), ("PNG", "RGB"), ("PNG", "RGBA"), ("WEBP", "RGB")],
    ids=["jpeg", "png", "png-transparent", "webp"],
)
def test_accepted_formats_are_re_encoded_as_jpeg(fmt, mode):
    color = (10, 120, 200, 255) if mode == "RGBA" else (10, 120, 200)
    clean = clean_photo(photo_upload(image_bytes(fmt, mode=mode, color=color)))
    image = Image.open(io.BytesIO(clean.image))
    assert image.format == "JPEG"
    assert (image.width, image.height) == (300, 200) == (clean.width, clean.height)
    red, green, blue = image.getpixel((150, 100))
    assert abs(red - 10) < 8 and abs(green - 120) < 8 and abs(blue - 200) < 8
    assert Image.open(io.BytesIO(clean.thumbnail)).size == (400, 400)


def test_transparency_becomes_white_not_black():
    clean = clean_photo(photo_upload(image_bytes("PNG", mode="RGBA", color=(0, 0, 0, 0))))
    assert Image.open(io.BytesIO(clean.image)).getpixel((5, 5)) == (255, 255, 255)


def test_location_and_other_metadata_are_removed_and_orientation_applied():
    original = jpeg_with_metadata()
    assert b"SecretCam" in original and b"secret-xmp" in original  # the test's own premise
    clean = clean_photo(photo_upload(original))
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
    clean = clean_photo(photo_upload(image_bytes(fmt, size=(3000, 2250))))
    assert (clean.width, clean.height) == (2048, 1536)


def test_big_sideways_jpeg_is_shrunk_and_turned_upright():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    clean = clean_photo(photo_upload(image_bytes(size=(4000, 3000), exif=exif)))
    assert (clean.width, clean.height) == (1536, 2048)


@pytest.mark.parametrize(("data", "reason"), HOSTILE_FILES)
def test_hostile_files_are_refused_with_a_reason(data, reason):
    with pytest.raises(Refused) as refused:
        clean_photo(photo_upload(data))
    assert refused.value.reason == reason
    assert refused.value.message


def test_a_file_over_10_mb_is_refused_before_it_is_decoded(monkeypatch):
    monkeypatch.setattr("events.photos.uploads._decode", lambda data: pytest.fail("decoded"))
    with pytest.raises(Refused) as refused:
        clean_photo(photo_upload(b"\xff\xd8" + b"\0" * MAX_PHOTO_BYTES))
    assert refused.value.reason == "too_large"


@pytest.mark.parametrize(
    "data",
    [png_declaring(8_000, 8_000), jpeg_declaring(9_000, 9_000), png_declaring(100_000, 100_000)],
    ids=["png-64-megapixels", "jpeg-81-megapixels", "png-10-gigapixels"],
)
def test_too_many_pixels_are_refused_from_the_header_before_decoding(no_decoding, data):
    with pytest.raises(Refused) as refused:
        clean_photo(photo_upload(data))
    assert refused.value.reason == "too_many_pixels"


def test_the_pixel_limit_holds_whatever_pillows_own_limit_is(monkeypatch, no_decoding):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)  # Pillow's own check switched off
    with pytest.raises(Refused) as refused:
        clean_photo(photo_upload(png_declaring(7_000, 7_000)))
    assert refused.value.reason == "too_many_pixels"


def test_a_photo_just_under_the_pixel_limit_passes_the_header_check():
    side = int(MAX_PHOTO_PIXELS**0.5)  # 6324 × 6324, just under 40 megapixels
    with pytest.raises(Refused) as refused:
        clean_photo(photo_upload(png_declaring(side, side)))
    # Past the header check: the (missing) pixels were read, and found broken.
    assert refused.value.reason == "broken"


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
    assert media.files() == sorted([photo.image.name, photo.thumbnail.name])
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
    assert media.files() == []


def test_a_body_over_the_limit_is_refused_with_413_before_it_is_read(media):
    participant = make_participant(make_event())
    # enforce_csrf_checks: a 403 would mean the CSRF check read the body first.
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        upload_url(participant),
        {"photo": photo_upload(image_bytes())},
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
    assert media.files() == []


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
    assert media.files() == []


def test_a_deleted_participant_cannot_upload(client, media):
    participant = make_participant(make_event())
    delete_signup(participant)
    response = post_photo(client, participant, image_bytes())
    assert response.status_code == 404
    assert Photo.objects.count() == 0
    assert media.files() == []


def test_nobody_uploads_before_the_wave_starts(client, clock, media):
    clock.move_to(CASSINI_START - timedelta(minutes=1))
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
    assert media.files() == []


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


def test_a_participant_at_the_limit_is_refused_before_the_file_is_read(client, monkeypatch):
    participant = make_participant(make_event())
    for _ in range(MAX_PHOTOS_PER_PARTICIPANT):
        make_photo(participant.event, participant)
    monkeypatch.setattr(
        "events.photos.uploads.clean_photo", lambda upload: pytest.fail("the file was read")
    )
    # A 40-megapixel photo would take seconds and hundreds of megabytes to decode.
    response = post_photo(client, participant, png_declaring(8_000, 5_000))
    assert response.status_code == 400
    assert "the most one participant can send" in response.content.decode()
    assert Photo.objects.count() == MAX_PHOTOS_PER_PARTICIPANT


@pytest.mark.parametrize(
    ("confirmed", "started", "reason"),
    [(True, True, "limit"), (False, True, "unconfirmed"), (True, False, "too_early")],
    ids=["at-the-limit", "unconfirmed", "too-early"],
)
def test_who_may_not_upload_is_refused_without_decoding(
    clock, no_decoding, confirmed, started, reason
):
    clock.move_to(CASSINI_START + (timedelta(minutes=1) if started else -timedelta(days=1)))
    participant = make_participant(make_event(), confirmed=confirmed)
    if reason == "limit":
        Photo.objects.bulk_create(
            Photo(event=participant.event, participant=participant, width=1, height=1)
            for _ in range(MAX_PHOTOS_PER_PARTICIPANT)
        )
    with pytest.raises(Refused) as refused:
        store_photo(participant, photo_upload(png_declaring(8_000, 5_000)))
    assert refused.value.reason == reason


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
    client, clock, confirmed, started, expected
):
    event = make_event()
    clock.move_to(CASSINI_START + (timedelta(minutes=1) if started else -timedelta(days=1)))
    participant = make_participant(event, confirmed=confirmed)
    page = client.get(participant.get_absolute_url()).content.decode()
    assert expected in page
    has_form = f'action="{upload_url(participant)}"' in page
    assert has_form == (confirmed and started)


# --- deleting ---------------------------------------------------------------------------


def test_deleting_the_sign_up_deletes_the_photos_and_their_files(
    media, django_capture_on_commit_callbacks
):
    event = make_event()
    participant = make_participant(event)
    make_photo(event, participant)
    with django_capture_on_commit_callbacks(execute=True):
        delete_signup(participant)
    assert Photo.objects.count() == 0
    assert media.files() == []


# --- at the same instant, on PostgreSQL --------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_uploads_cannot_pass_the_limit(media):
    participant = make_participant(make_event())
    make_photo(participant.event, participant)
    make_photo(participant.event, participant)  # one place left, four try for it
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def send() -> None:
        try:
            barrier.wait(timeout=10)
            store_photo(participant, photo_upload(image_bytes()))
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
    assert len(media.files()) == 6
