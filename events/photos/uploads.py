"""Participants' photos: check an upload by its content, re-encode it without metadata,
store it, moderate it, and compose the approved ones into a mosaic.

Plain functions for the views, the admin and the task to call. A refused upload is a
`Refused` with a reason code and a sentence for the participant; nothing is stored
then. Files go through Django's storage API (`default_storage`: MEDIA_ROOT by default).
"""

import io
import logging
import math
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from events.models import EmailDelivery, Event, Participant, Photo, ResultImage
from events.refusal import Refused
from events.signups.tasks import queue_email

logger = logging.getLogger(__name__)

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000
# Decoders we let near untrusted bytes. Pillow is told to try only these, so a GIF, an SVG
# or an HTML page named .jpg never reaches another decoder.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
# What is kept: enough for a screen and the mosaic, a fraction of a 40-megapixel original.
STORED_LONG_SIDE = 2048
THUMBNAIL_SIDE = 400
JPEG_QUALITY = 85
MAX_PHOTOS_PER_PARTICIPANT = 3
MAX_CAPTION_LENGTH = 140
# The mosaic: a fixed width, square tiles; past this many tiles each is smaller than a stamp.
MOSAIC_WIDTH = 2400
MAX_MOSAIC_TILES = 2500
MOSAIC_BACKGROUND = (11, 26, 51)

# Pillow warns above MAX_IMAGE_PIXELS and refuses above twice that; an upload turns the
# warning into a refusal too, so nothing over 40 megapixels is ever decoded. Process-wide:
# no image this site opens (photos, result images, the mosaic's tiles) is meant to be bigger.
Image.MAX_IMAGE_PIXELS = MAX_PHOTO_PIXELS


def too_large() -> Refused:
    return Refused(
        "too_large",
        # Translators: %(megabytes)s is the largest size of a photo, in megabytes (MB).
        _(
            "This file is larger than %(megabytes)s MB. Send a smaller photo: phones usually "
            "offer a smaller size when sharing."
        )
        % {"megabytes": MAX_PHOTO_BYTES // (1024 * 1024)},
    )


@dataclass(frozen=True)
class CleanPhoto:
    """A photo re-encoded as JPEG, upright, with no metadata, and its square thumbnail."""

    image: bytes
    thumbnail: bytes
    width: int
    height: int


# --- checking and re-encoding ------------------------------------------------------------


@contextmanager
def _refusing_bad_images() -> Iterator[None]:
    """Whatever a decoder raises on an unacceptable file, raised as the participant's Refused."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that: refused too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Refused(
            "too_many_pixels",
            _(
                "This image is too big: at most %(megapixels)s megapixels. Send a smaller copy "
                "of the photo."
            )
            % {"megapixels": MAX_PHOTO_PIXELS // 1_000_000},
        ) from None
    except UnidentifiedImageError:
        raise Refused(
            "not_a_photo",
            _(
                "This file is not a JPEG, PNG or WebP photo (whatever its name says). "
                "Send the photo as your camera or phone saved it."
            ),
        ) from None
    except Exception:
        # A hostile file can make a decoder fail in many ways (OSError, SyntaxError,
        # struct.error, ValueError…); each means the same to the participant.
        logger.info("photo upload refused: the image could not be decoded", exc_info=True)
        raise Refused(
            "broken",
            _(
                "This photo is damaged or incomplete and cannot be read. "
                "Try sending it again, or send another one."
            ),
        ) from None


def _check_header(data: bytes) -> None:
    """Refuse `data` from its header alone: not JPEG, PNG or WebP, or more than
    MAX_PHOTO_PIXELS. No pixel is decoded (Image.open reads up to the image data)."""
    with (
        _refusing_bad_images(),
        Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as header,
    ):
        # Said here and not left to Pillow's own check on MAX_IMAGE_PIXELS, a
        # process-wide setting that anything may change.
        if header.width * header.height > MAX_PHOTO_PIXELS:
            raise Image.DecompressionBombError("over the pixel limit")


def _decode(data: bytes) -> Image.Image:
    """The fully decoded image in `data`, whose header `_check_header` has accepted;
    Refused for anything else."""
    with _refusing_bad_images():
        # verify() reads the structure without decoding pixels and leaves the image
        # unusable, so the file is opened again to decode it; load() then finds a
        # truncated stream, which verify() does not for JPEG.
        with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
        if image.format == "JPEG":
            # Decode at 1/2, 1/4 or 1/8 scale where that still leaves STORED_LONG_SIDE:
            # measured on a 40-megapixel JPEG, 2.4 s and +513 MB peak memory become
            # 0.5 s and +149 MB.
            # The whole stream is still read, so a truncated file is still found.
            scale = STORED_LONG_SIDE / max(image.size)
            if scale < 1:
                image.draft(
                    "RGB", (math.ceil(image.width * scale), math.ceil(image.height * scale))
                )
        image.load()
    return image


def _in_srgb(image: Image.Image) -> Image.Image:
    """RGB pixels as sRGB: a wide-gamut phone photo keeps its colours once its ICC profile
    is dropped with the rest of the metadata."""
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA"):
        try:
            return ImageCms.profileToProfile(
                image.convert("RGB"),
                ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                ImageCms.createProfile("sRGB"),
                outputMode="RGB",
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: the pixels as they are
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        # Transparency would turn black in a JPEG: lay the image on white instead.
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def _jpeg(image: Image.Image) -> bytes:
    # A new image carries pixels only: no EXIF (GPS), XMP, ICC, comments or text chunks
    # can ride along from the original's `info`.
    bare = Image.new("RGB", image.size)
    bare.paste(image)
    out = io.BytesIO()
    bare.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def clean_photo(upload) -> CleanPhoto:
    """Check an uploaded file by its content and re-encode it.

    `upload` is a file object with `.size` (Django's UploadedFile). Accepts JPEG, PNG and
    WebP of at most MAX_PHOTO_BYTES and MAX_PHOTO_PIXELS; turns it upright from its EXIF
    orientation, converts it to sRGB, shrinks it to STORED_LONG_SIDE pixels and drops all
    metadata. Raises Refused. The cheap checks come first: the byte size before the file
    is read, the format and the pixel count from the header before anything is decoded.
    """
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_PHOTO_BYTES:
        raise too_large()
    upload.seek(0)
    data = upload.read(MAX_PHOTO_BYTES + 1)
    if len(data) > MAX_PHOTO_BYTES:
        raise too_large()
    if not data:
        raise Refused("empty", _("The file is empty. Choose a photo and send it again."))
    _check_header(data)
    image = _decode(data)
    try:
        upright = ImageOps.exif_transpose(image)
    except Exception:
        # Broken EXIF: the orientation is unknown, the pixels are fine.
        upright = image
    rgb = _in_srgb(upright)
    rgb.thumbnail((STORED_LONG_SIDE, STORED_LONG_SIDE), Image.Resampling.LANCZOS)
    square = ImageOps.fit(rgb, (THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
    return CleanPhoto(_jpeg(rgb), _jpeg(square), rgb.width, rgb.height)


# --- storing -----------------------------------------------------------------------------


def can_upload(participant: Participant, now: datetime | None = None) -> bool:
    """A confirmed participant of a published event whose window has started."""
    event = participant.event
    now = now or timezone.now()
    return participant.is_confirmed and event.is_published and now >= event.window_start


def _check_may_upload(participant: Participant, now: datetime) -> None:
    if not participant.is_confirmed:
        raise Refused(
            "unconfirmed",
            _(
                "Confirm your address first (the link is in the email we sent you); then you "
                "can send a photo."
            ),
        )
    if not participant.event.is_published or now < participant.event.window_start:
        raise Refused(
            "too_early", _("Photos can be sent once the wave has started. Come back then!")
        )


def _check_room(participant: Participant) -> None:
    """Refused if the participant already has MAX_PHOTOS_PER_PARTICIPANT photos kept
    (pending or approved: a rejected one frees its place)."""
    kept = Photo.objects.filter(participant=participant).exclude(status=Photo.Status.REJECTED)
    if kept.count() >= MAX_PHOTOS_PER_PARTICIPANT:
        raise Refused(
            "limit",
            ngettext(
                "You have sent %(count)s photo already, the most one participant can send.",
                "You have sent %(count)s photos already, the most one participant can send.",
                MAX_PHOTOS_PER_PARTICIPANT,
            )
            % {"count": MAX_PHOTOS_PER_PARTICIPANT},
        )


def store_photo(
    participant: Participant, upload, *, caption: str = "", now: datetime | None = None
) -> Photo:
    """Check, re-encode and store a participant's photo, pending moderation.

    Raises Refused: not confirmed, too early, over the per-participant limit, or
    a file that is not an acceptable photo (see `clean_photo`). Nothing is stored then.
    """
    now = now or timezone.now()
    _check_may_upload(participant, now)
    # A participant at the limit is told so before the file is read, let alone decoded.
    _check_room(participant)
    # Decoding is the slow part: done before the transaction, so no lock waits for it.
    clean = clean_photo(upload)
    stored: list = []
    try:
        with transaction.atomic():
            # The participant's row is the lock: two uploads at the same moment cannot
            # both take the last place; a sign-up deleted meanwhile is found gone.
            locked = Participant.objects.select_for_update().filter(pk=participant.pk).first()
            if locked is None:
                raise Refused("gone", _("This sign-up no longer exists."))
            # Again under the lock: another upload may have taken the last place meanwhile.
            _check_room(locked)
            photo = Photo(
                event_id=participant.event_id,
                participant=locked,
                width=clean.width,
                height=clean.height,
                caption=caption.strip()[:MAX_CAPTION_LENGTH],
            )
            photo.image.save("photo.jpg", ContentFile(clean.image), save=False)
            stored.append(photo.image.name)
            photo.thumbnail.save("thumb.jpg", ContentFile(clean.thumbnail), save=False)
            stored.append(photo.thumbnail.name)
            photo.save()
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise
    logger.info("photo %s stored for participant %s, pending", photo.pk, participant.pk)
    return photo


# --- moderating --------------------------------------------------------------------------


def approve_photos(photos: QuerySet[Photo], now: datetime | None = None) -> int:
    """Approve the pending photos among `photos` (a rejected one has no file to show); each
    uploader is told by email, in the same transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        pending = list(
            photos.filter(status=Photo.Status.PENDING)
            .select_for_update()
            .select_related("participant")
        )
        approved = Photo.objects.filter(
            pk__in=[photo.pk for photo in pending], status=Photo.Status.PENDING
        ).update(status=Photo.Status.APPROVED, moderated_at=now)
        for photo in pending:
            _tell_uploader(photo, EmailDelivery.Kind.PHOTO_APPROVED)
    return approved


def reject_photo(photo: Photo, now: datetime | None = None) -> None:
    """Reject a photo: the row keeps the decision, its files are deleted from storage, and
    the uploader is told by email (a photo rejected before is not told twice)."""
    with transaction.atomic():
        was = (
            Photo.objects.select_for_update()
            .filter(pk=photo.pk)
            .values_list("status", flat=True)
            .first()
        )
        names = (photo.image.name, photo.thumbnail.name)
        photo.image = photo.thumbnail = ""
        photo.status = Photo.Status.REJECTED
        photo.moderated_at = now or timezone.now()
        photo.save(update_fields=["image", "thumbnail", "status", "moderated_at"])
        delete_files_on_commit(*names)
        if was is not None and was != Photo.Status.REJECTED:
            _tell_uploader(photo, EmailDelivery.Kind.PHOTO_REJECTED)


def _tell_uploader(photo: Photo, kind: str) -> None:
    participant = photo.participant
    if participant is not None and not participant.is_generated:
        queue_email(participant, kind)


def delete_files_on_commit(*names: str) -> None:
    """Delete stored files once the transaction that stopped using them commits (at once
    outside a transaction): a rolled-back delete or rejection keeps its files."""
    for name in filter(None, names):
        transaction.on_commit(partial(default_storage.delete, name))


# --- the mosaic --------------------------------------------------------------------------


def mosaic_grid(count: int, width: int = MOSAIC_WIDTH) -> tuple[int, int, int]:
    """(columns, rows, tile side in pixels) for `count` square tiles `width` pixels wide."""
    columns = max(1, math.ceil(math.sqrt(count)))
    rows = max(1, math.ceil(count / columns))
    return columns, rows, width // columns


def compose_mosaic(tiles: Iterable[Image.Image], count: int, width: int = MOSAIC_WIDTH) -> bytes:
    """A JPEG of `count` images laid in a near-square grid, row by row, each cropped square.

    `tiles` is consumed one image at a time, so memory holds the canvas and one tile.
    """
    columns, rows, side = mosaic_grid(count, width)
    canvas = Image.new("RGB", (columns * side, rows * side), MOSAIC_BACKGROUND)
    for index, tile in enumerate(tiles):
        if index >= count:
            break
        square = ImageOps.fit(tile.convert("RGB"), (side, side), Image.Resampling.LANCZOS)
        row, column = divmod(index, columns)
        canvas.paste(square, (column * side, row * side))
    return _jpeg(canvas)


def _thumbnails(photos: Iterable[Photo]) -> Iterable[Image.Image]:
    for photo in photos:
        try:
            with photo.thumbnail.open("rb") as file, Image.open(file) as tile:
                tile.load()
                yield tile
        except (OSError, ValueError):
            # A file gone missing from storage: the mosaic goes on without it.
            logger.warning("photo %s: thumbnail unreadable, left out of the mosaic", photo.pk)


def make_mosaic(event: Event) -> ResultImage | None:
    """Compose the event's approved photos into a mosaic, stored as an unpublished result
    image for the organisers to publish. None when there is no approved photo."""
    photos = list(
        Photo.objects.approved()
        .filter(event=event)
        .exclude(thumbnail="")
        .order_by("uploaded_at")[:MAX_MOSAIC_TILES]
    )
    if not photos:
        return None
    jpeg = compose_mosaic(_thumbnails(photos), len(photos))
    people = len({photo.participant_id for photo in photos})
    result = ResultImage(
        event=event,
        kind=ResultImage.Kind.MOSAIC,
        # Translators: the mosaic's caption, "5 photos from 3 participants waving";
        # %(photos)s is "5 photos", %(people)s "3 participants".
        caption=_("%(photos)s from %(people)s waving")
        % {
            "photos": ngettext("%(count)s photo", "%(count)s photos", len(photos))
            % {"count": len(photos)},
            "people": ngettext("%(count)s participant", "%(count)s participants", people)
            % {"count": people},
        },
        # Translators: the mosaic's credit line.
        credit=_("The participants"),
        alt_text=ngettext(
            "A mosaic of %(count)s small photo of people waving at the sky.",
            "A mosaic of %(count)s small photos of people waving at the sky.",
            len(photos),
        )
        % {"count": len(photos)},
        is_published=False,
        position=100,
    )
    result.image.save("mosaic.jpg", ContentFile(jpeg), save=False)
    try:
        result.save()
    except BaseException:
        default_storage.delete(result.image.name)
        raise
    return result
