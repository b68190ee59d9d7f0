"""After the event: the result pictures and participants' photos on the event page, the
gallery, the upload from a participant's private page, and the image files themselves.

Thin: read the request, call events.photos, render. Files are read through Django's
storage API; a photo is public only once approved, a result picture once published
(staff see both before, for moderation).
"""

import logging
import mimetypes

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from events.forms import validate_caption
from events.models import Event, Participant, Photo, ResultImage
from events.photos.uploads import MAX_CAPTION_LENGTH, MAX_PHOTO_BYTES, store_photo
from events.refusal import Refused
from events.signups.limits import Rate, hit
from events.signups.rules import participant_for_key
from events.web.client import client_address
from events.web.guards import posts_up_to

logger = logging.getLogger(__name__)

# On the event page; the rest is on the gallery page.
GALLERY_ON_PAGE = 12
GALLERY_PAGE_SIZE = 48
# A photo and its form fit in this: the file's own limit plus room for the multipart
# headers, the caption and the CSRF token.
MAX_UPLOAD_BODY_BYTES = MAX_PHOTO_BYTES + 64 * 1024
# How each refusal is answered: too big is 413, not allowed to upload 403, a bad file 400.
REFUSAL_STATUS = {"too_large": 413, "unconfirmed": 403, "too_early": 403, "gone": 404}
PUBLIC_IMAGE_MAX_AGE = 24 * 3600
# Every attempt counts, accepted or refused: each may cost a decode. A participant needs a
# few tries for three photos; one address may be a family, a club or a school behind NAT.
UPLOAD_RATE_PER_PARTICIPANT = Rate(count=10, seconds=3600)
UPLOAD_RATE_PER_ADDRESS = Rate(count=30, seconds=3600)


# --- on the event page -------------------------------------------------------------------


def after_event_context(event: Event, phase: str) -> dict:
    """The published result pictures and the newest approved photos, once the wave has
    started (nothing can exist before, so upcoming pages spend no query on them)."""
    if phase == "upcoming":
        return {"results": [], "gallery": [], "gallery_has_more": False}
    results = list(event.results.filter(is_published=True))
    photos = list(
        Photo.objects.approved().filter(event=event).order_by("-uploaded_at")[: GALLERY_ON_PAGE + 1]
    )
    return {
        "results": results,
        "gallery": photos[:GALLERY_ON_PAGE],
        "gallery_has_more": len(photos) > GALLERY_ON_PAGE,
    }


@require_safe
def gallery(request: HttpRequest, slug: str) -> HttpResponse:
    """Every approved photo of an event, newest first, a page at a time."""
    event = get_object_or_404(Event.objects.published().localized(), slug=slug)
    photos = Photo.objects.approved().filter(event=event).order_by("-uploaded_at", "-pk")
    page = Paginator(photos, GALLERY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "events/gallery.html", {"event": event, "page": page})


# --- uploading ---------------------------------------------------------------------------


class PhotoForm(forms.Form):
    # A plain FileField: what the file is, is decided by its content (events/photos.py),
    # not by Django's ImageField, which would accept any format Pillow knows.
    photo = forms.FileField(allow_empty_file=False)
    caption = forms.CharField(
        max_length=MAX_CAPTION_LENGTH, required=False, validators=[validate_caption]
    )
    consent = forms.BooleanField(
        error_messages={
            "required": gettext_lazy("Tick the box to agree that the photo may be shown in public.")
        }
    )


def _too_large(request: HttpRequest) -> HttpResponse:
    context = {"max_megabytes": MAX_PHOTO_BYTES // (1024 * 1024)}
    return render(request, "events/photo_too_large.html", context, status=413)


# CsrfViewMiddleware would otherwise parse (and spool) the whole upload before the view runs.
photo_sized_posts_only = posts_up_to(MAX_UPLOAD_BODY_BYTES, _too_large)


def _get_participant_for_key(key: str) -> Participant:
    participant = participant_for_key(key)
    if participant is None:
        raise Http404("No such sign-up")
    return participant


def _upload_limited(request: HttpRequest, participant: Participant) -> HttpResponse | None:
    """Count this upload attempt against the participant and the client address; the 429
    page if either is over its rate, else None."""
    address = client_address(request.META, settings.TRUSTED_PROXY_COUNT)
    # Both are counted every time, so a refused attempt still uses up the other limit too.
    verdicts = [
        hit("photo-upload-participant", str(participant.pk), UPLOAD_RATE_PER_PARTICIPANT),
        hit("photo-upload-address", address, UPLOAD_RATE_PER_ADDRESS),
    ]
    retry_after = max(verdict.retry_after for verdict in verdicts)
    if all(verdict.allowed for verdict in verdicts):
        return None
    logger.warning("photo upload rate limit reached: participant %s, %s", participant.pk, address)
    minutes = -(-retry_after // 60)
    context = {"participant": participant, "event": participant.event, "minutes": minutes}
    response = render(request, "events/photo_limited.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def _upload_page(request, participant: Participant, form, refusal=None, status=200):
    context = {
        "participant": participant,
        "event": participant.event,
        "form": form,
        "refusal": refusal,
    }
    return render(request, "events/photo_upload.html", context, status=status)


@photo_sized_posts_only
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def upload_photo(request: HttpRequest, key: str) -> HttpResponse:
    """A participant sends a photo of themselves waving, from their private link."""
    participant = _get_participant_for_key(key)
    if request.method != "POST":  # GET, or HEAD (the same headers, no body)
        return _upload_page(request, participant, PhotoForm())
    limited = _upload_limited(request, participant)
    if limited is not None:
        return limited
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, participant, form, status=400)
    try:
        store_photo(participant, form.cleaned_data["photo"], caption=form.cleaned_data["caption"])
    except Refused as refusal:
        if refusal.reason == "too_large":
            return _too_large(request)
        status = REFUSAL_STATUS.get(refusal.reason, 400)
        return _upload_page(request, participant, PhotoForm(), refusal, status=status)
    messages.success(
        request, _("Thank you! Your photo waits for a moderator, then appears in the gallery.")
    )
    response = HttpResponseRedirect(participant.get_absolute_url())
    response.status_code = 303
    return response


# --- the image files ---------------------------------------------------------------------


def _image_response(name: str, *, public: bool) -> FileResponse:
    try:
        file = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404("The file is gone") from None
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(file, content_type=content_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = (
        f"public, max-age={PUBLIC_IMAGE_MAX_AGE}" if public else "private, no-store"
    )
    return response


@require_safe
def photo_file(request: HttpRequest, pk: int, size: str) -> FileResponse:
    """A photo ("full" or "thumb"): approved ones for everyone, the others for moderators."""
    if size not in ("full", "thumb"):
        raise Http404("No such size")
    photo = get_object_or_404(Photo.objects.select_related("event"), pk=pk)
    public = photo.status == Photo.Status.APPROVED and photo.event.is_published
    if not public and not request.user.is_staff:
        raise Http404("No such photo")
    field = photo.thumbnail if size == "thumb" else photo.image
    if not field.name:
        raise Http404("No such photo")
    return _image_response(field.name, public=public)


@require_safe
def result_file(request: HttpRequest, pk: int) -> FileResponse:
    """A result picture: published ones for everyone, drafts (a new mosaic) for staff."""
    result = get_object_or_404(ResultImage.objects.select_related("event"), pk=pk)
    public = result.is_published and result.event.is_published
    if not public and not request.user.is_staff:
        raise Http404("No such picture")
    return _image_response(result.image.name, public=public)
