"""HEAD, as link checkers and monitors send it: every page that answers GET answers HEAD
with the same status and headers and no body, the cached pages' fast path included."""

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, reverse

from events.models import Photo, ResultImage
from events.signups.tokens import confirmation_token
from events.urls import urlpatterns
from tests.factories import (
    NOW,
    image_bytes,
    make_event,
    make_participant,
    make_photo,
    signed_up,
    upcoming_event,
)

pytestmark = pytest.mark.django_db

# The patterns that only take a form's POST; every other one answers GET.
POST_ONLY = {"remember_zone", "remember_place"}
# Headers a GET and a HEAD of the same page must agree on (Date and the like aside).
SAME_HEADERS = ("Content-Type", "Cache-Control", "ETag", "Last-Modified", "Content-Disposition")


@pytest.fixture
def addresses(clock, media) -> dict[str, str]:
    """An address for every named pattern of events/urls.py, with real values in it."""
    clock.move_to(NOW)
    past = make_event(slug="cassini-2013")
    upcoming = upcoming_event(slug="wave-2026")
    participant = signed_up(event=upcoming)
    confirmed = make_participant(past)
    photo = make_photo(past, confirmed, status=Photo.Status.APPROVED)
    result = ResultImage(event=past, caption="Earth", alt_text="A dot", is_published=True)
    result.image.save("result.png", ContentFile(image_bytes("PNG")), save=True)
    values = {
        "slug": past.slug,
        "token": confirmation_token(participant),
        "key": participant.manage_key,
    }
    special = {
        "signup": {"slug": upcoming.slug},
        "signup_thanks": {"slug": upcoming.slug},
        "upload_photo": {"key": confirmed.manage_key},
        "photo_file": {"pk": photo.pk, "size": "thumb"},
        "result_file": {"pk": result.pk},
    }
    found = {}
    for pattern in urlpatterns:
        assert isinstance(pattern, URLPattern)
        names = pattern.pattern.converters.keys()
        kwargs = special.get(pattern.name) or {name: values[name] for name in names}
        found[pattern.name] = reverse(f"events:{pattern.name}", kwargs=kwargs)
    return found


def test_every_page_that_answers_get_answers_head_alike(client, addresses):
    answered_get = set()
    for name, address in addresses.items():
        got = client.get(address)
        head = client.head(address)
        if name in POST_ONLY:
            assert (got.status_code, head.status_code) == (405, 405), name
            continue
        assert got.status_code == 200, (name, address, got.status_code)
        assert head.status_code == got.status_code, name
        assert head["Content-Type"] == got["Content-Type"], name
        body = b"".join(head.streaming_content) if head.streaming else head.content
        assert body == b"", name
        answered_get.add(name)
    # The walk covered every pattern but the form targets.
    assert answered_get == set(addresses) - POST_ONLY


def test_head_on_the_site_wide_checks(client):
    for address in ("/healthz", "/ping"):
        assert client.head(address).status_code == client.get(address).status_code


@pytest.mark.parametrize("address", ["/events/cassini-2013/", "/events/cassini-2013/times/"])
@pytest.mark.parametrize("first", ["GET", "HEAD"])
def test_a_cached_page_gives_head_the_same_headers(client, clock, address, first):
    clock.move_to(NOW)
    make_event(slug="cassini-2013")
    # The first request renders and keeps the page; the second is served from the cache.
    if first == "GET":
        got, head = client.get(address), client.head(address)
    else:
        head, got = client.head(address), client.get(address)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert got.content != b""
    for header in SAME_HEADERS:
        assert head.get(header) == got.get(header), header


def test_head_on_the_private_pages_changes_nothing(client, clock):
    clock.move_to(NOW)
    participant = signed_up()
    for address in (
        participant.get_absolute_url(),
        f"{participant.get_absolute_url()}delete/",
        f"{participant.get_absolute_url()}unsubscribe/",
        f"/signup/confirm/{confirmation_token(participant)}/",
    ):
        assert client.head(address).status_code == 200
    participant.refresh_from_db()
    assert participant.confirmed_at is None
