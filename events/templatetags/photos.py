"""What a participant's private page shows about their photos (includes/photo_upload.html).

A tag rather than view context: the page belongs to views/signup.py, which need not know
about photos.
"""

from django import template

from events.models import Participant, Photo
from events.photos.uploads import MAX_PHOTOS_PER_PARTICIPANT, can_upload

register = template.Library()


@register.simple_tag
def photo_upload_state(participant: Participant) -> dict:
    """{"state": "unconfirmed" | "too_early" | "limit" | "ready", "photos": [...]}."""
    if not participant.is_confirmed:
        return {"state": "unconfirmed", "photos": []}
    if not can_upload(participant):
        return {"state": "too_early", "photos": []}
    photos = list(Photo.objects.filter(participant=participant).order_by("uploaded_at"))
    kept = [photo for photo in photos if photo.status != Photo.Status.REJECTED]
    state = "limit" if len(kept) >= MAX_PHOTOS_PER_PARTICIPANT else "ready"
    return {"state": state, "photos": photos}
