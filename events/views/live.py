"""The wave as it happens (events/live/waves.py): "I'm waving!" and the live count.

`/events/<slug>/wave/`: GET shows the button on a page of its own (with its CSRF token;
the cached event page links here, and static/js/wave.js posts from the event page itself);
POST counts the wave once per person or browser and says how many are waving, 409 before
or after the window. `/events/<slug>/waves.json`: the count and the squares, the same for
everyone within its one-second slot, so a cache in front serves the watching crowd.

Abuse (issue 16): the POST needs its CSRF token (small_posts_only checks it, as for every
form); a forged zone is a 400, and the place is never the client's, only a zone's reference
place; a filled honeypot is answered as a new wave and records nothing; each client
address may add settings.WAVE_RATE_LIMIT new waves a minute (a 429 with Retry-After). During
a rehearsal (events/live/rehearsal.py) the same endpoints count and show its waves apart,
and their JSON says "rehearsal": true.
"""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from events.astro.sky import SkyError
from events.astro.skymap import sky_map
from events.forms import WaveForm
from events.live.waves import FEW, WavesLimited, coarse, live_waves, open_for_waves, record_wave
from events.models import Participant
from events.places.reference import reference_place
from events.refusal import Refused
from events.signups.rules import participant_for_key
from events.views.signup import small_posts_only
from events.web.client import client_address
from events.web.guards import event_for_visitor
from events.web.pagecache import slot_start
from events.zones.catalogue import zone_for_visitor

logger = logging.getLogger(__name__)

WAVE_COOKIE = "wave"
WAVE_COOKIE_AGE = 60 * 60 * 24 * 30
LIVE_SLOT = timedelta(seconds=1)


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _place(zone: str | None, participant: Participant | None):
    """(lat, lon, country code) to count the wave at: the participant's city, else the
    zone the page shows (its reference place); never finer than the caller's."""
    if participant is not None and participant.city is not None:
        city = participant.city
        return city.latitude, city.longitude, city.country_code
    if zone is None and participant is not None:
        zone = participant.zone
    place = reference_place(zone) if zone else None
    if place is None:
        return None, None, ""
    return place.latitude, place.longitude, place.country_code or ""


@small_posts_only
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def wave(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_for_visitor(request, slug)
    now = timezone.now()
    is_rehearsal = event.is_rehearsing(now)
    is_open = is_rehearsal or event.window_start <= now < event.window_end
    if request.method != "POST":
        # The zone the visitor chose (the `tz` cookie): the no-JS form sends it, and the
        # wave counts at its reference place.
        zone = zone_for_visitor(None, request.COOKIES.get(settings.ZONE_COOKIE_NAME))
        context = {"event": event, "is_open": is_open, "is_rehearsal": is_rehearsal, "zone": zone}
        return render(request, "events/wave.html", context)
    form = WaveForm(request.POST)
    # A script that filled the honeypot is not told what else it got wrong.
    if not form.is_valid() and not form.is_from_a_robot:
        message = " ".join(error for errors in form.errors.values() for error in errors)
        return _refused(request, event, Refused("invalid", message), 400)
    # A participant from their private link's key (checked as every private link is); a
    # key of another event's sign-up counts as none.
    participant = (
        participant_for_key(request.POST.get("key", "")) if "key" in request.POST else None
    )
    if participant is not None and participant.event_id != event.pk:
        participant = None
    browser_id = request.COOKIES.get(WAVE_COOKIE, "")[:64] or secrets.token_urlsafe(24)
    latitude, longitude, country = _place(form.cleaned_data.get("tz"), participant)
    address = client_address(request.META, settings.TRUSTED_PROXY_COUNT)
    try:
        if form.is_from_a_robot:
            # Answered as a new wave, so the script learns nothing; nothing is recorded and
            # no one's budget is spent. Outside the window it gets the 409 anyone gets.
            open_for_waves(event, now)
            logger.info("wave honeypot filled from %s", address)
            is_new = True
        else:
            is_new = record_wave(
                event,
                now,
                participant=participant,
                browser_id=browser_id,
                latitude=latitude,
                longitude=longitude,
                country_code=country,
                address=address,
            )
    except WavesLimited as limited:
        logger.warning("wave rate limit reached for %s", address)
        return _refused(request, event, limited, 429)
    except Refused as refusal:
        return _refused(request, event, refusal, 409)
    # The count as everyone sees it this second, with this wave in it if it is new (the
    # live count is a second behind): no COUNT over every wave on every tap.
    live_count = _live_body(event, now, rehearsal=is_rehearsal)["count"]
    count = max(1, live_count + (1 if is_new else 0))
    if _wants_json(request):
        cell = coarse(latitude, longitude)
        answer = {"new": is_new, "count": count, "cell": None if None in cell else cell}
        response = JsonResponse(answer | ({"rehearsal": True} if is_rehearsal else {}))
    else:
        context = {
            "event": event,
            "is_open": True,
            "is_rehearsal": is_rehearsal,
            "outcome": {"is_new": is_new, "count": count},
        }
        response = render(request, "events/wave.html", context)
    response.set_cookie(
        WAVE_COOKIE, browser_id, max_age=WAVE_COOKIE_AGE, httponly=True, samesite="Lax",
        secure=request.is_secure(),
    )  # fmt: skip
    return response


def _refused(request: HttpRequest, event, refusal: Refused, status: int) -> HttpResponse:
    """A wave not counted: the reason in JSON for wave.js, or on the wave's page."""
    if _wants_json(request):
        response = JsonResponse({"error": refusal.message}, status=status)
    else:
        context = {"event": event, "is_open": False, "refusal": refusal, "status": status}
        response = render(request, "events/wave.html", context, status=status)
    if isinstance(refusal, WavesLimited):
        response["Retry-After"] = str(refusal.retry_after)
    return response


@require_safe
def live(request: HttpRequest, slug: str) -> JsonResponse:
    """The waves so far, as of the start of this second: the count, and each square's
    centre with its count (or null for "a few", fewer than FEW). During a rehearsal, the
    rehearsal's waves, with "rehearsal": true."""
    event = event_for_visitor(request, slug)
    now = timezone.now()
    response = JsonResponse(_live_body(event, now, rehearsal=event.is_rehearsing(now)))
    response["Cache-Control"] = "public, max-age=1"
    return response


def _live_body(event, now, *, rehearsal: bool = False) -> dict:
    """The live count and squares as of the start of `now`'s second: computed once a second
    for everyone (app servers share the cache), whatever the crowd; a rehearsal's apart."""
    as_of = slot_start(now, LIVE_SLOT)
    key = f"waves:{event.pk}:{'rehearsal:' if rehearsal else ''}{as_of.timestamp():.0f}"
    body = cache.get(key)
    if body is None:
        total, cells = live_waves(event, as_of, rehearsal=rehearsal)
        body = {
            "count": total,
            "as_of": as_of.isoformat(),
            "few": FEW,
            "cells": [
                {"latitude": cell.latitude, "longitude": cell.longitude, "count": cell.count}
                for cell in cells
            ],
        } | ({"rehearsal": True} if rehearsal else {})
        cache.set(key, body, 5)
    return body


def _my_cell(text: str) -> tuple[int, int] | None:
    """`?mine=lat,lon` in whole degrees (the visitor's own wave, from wave.js), or None."""
    if not text.isascii():
        return None
    try:
        latitude, longitude = (int(part) for part in text.split(",", 1))
    except ValueError:
        return None
    return (latitude, longitude) if -90 <= latitude <= 90 and -180 <= longitude <= 180 else None


@require_safe
def waves_map(request: HttpRequest, slug: str) -> HttpResponse:
    """The world with the half facing the camera and the waves by square, as of this
    second; `?mine=lat,lon` marks the visitor's own square. One drawing a second per
    address for everyone (the cache), public for a second."""
    event = event_for_visitor(request, slug)
    now = timezone.now()
    as_of = slot_start(now, LIVE_SLOT)
    rehearsal = event.is_rehearsing(now)
    mine = _my_cell(request.GET.get("mine", "")[:16])
    square = f"{mine[0]},{mine[1]}" if mine else "-"
    key = f"waves-map:{event.pk}:{event.updated_at.timestamp()}:{as_of.timestamp():.0f}:{square}"
    key += ":rehearsal" if rehearsal else ""
    # The drawing's words are in the page's language.
    key += f":{get_language()}"
    svg = cache.get(key)
    if svg is None:
        # A rehearsal's waves on the real window's Earth: the map as it will look then.
        _, cells = live_waves(event, as_of, rehearsal=rehearsal)
        # "A few" is drawn in the smallest class, which says "fewer than 10".
        points = [(cell.latitude, cell.longitude, cell.count or 1) for cell in cells]
        # Translators: the label of the visitor's own square on the map of waves.
        place = (*mine, gettext("Your wave")) if mine else None
        try:
            the_map = sky_map(event.sky_target, event.window_start, event.window_end, place, points)
        except SkyError as exc:
            raise Http404("No map for this event") from exc
        svg = render_to_string("includes/map.svg", {"sky_map": the_map})
        cache.set(key, svg, 5)
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=1"
    return response
