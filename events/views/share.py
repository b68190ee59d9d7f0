"""Sharing an event: the preview card's data for the event page, the share image, the
calendar file, the QR code, the embeddable widget and the partners' JSON.

Thin: read the request, call events.share / events.calendar, answer. Everything here is
public and the same for every visitor, so it carries caching headers; the embed widget is
the one page other sites may frame.
"""

import hashlib
import json
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from events.live.waves import wave_count
from events.models import Event
from events.sharing.calendar import event_calendar, google_calendar_url, outlook_calendar_url
from events.sharing.image import (
    SHARE_IMAGE_SIZE,
    count_sentence,
    share_image,
    share_image_version,
    wave_sentence,
)
from events.sharing.links import canonical_url, share_links, share_url
from events.sharing.partner import event_summary
from events.sharing.qr import qr_svg
from events.sharing.structured import event_json_ld
from events.signups.counts import ParticipantCounts, participant_counts
from events.web.guards import event_for_visitor
from events.web.pagecache import get_or_render, page_key, page_response
from events.zones.catalogue import ZoneChoice, canonical_zone_name, zone_for_visitor
from events.zones.window import local_window

PUBLIC_MAX_AGE = 3600
JSON_MAX_AGE = 60
EMBED_LIFETIME = timedelta(minutes=1)

# The embed widget may be framed by the sites in EMBED_FRAME_ANCESTORS (any, by default);
# the rest of the policy is the site's own. Read once, at import, like the rest of the
# settings: a change needs a restart.
EMBED_CSP = {**settings.SECURE_CSP, "frame-ancestors": settings.EMBED_FRAME_ANCESTORS}


def _with_validators(response: HttpResponse, body: bytes, event: Event) -> HttpResponse:
    """Cache headers: public for a published event, private for a staff preview; an ETag
    from the content, so ConditionalGetMiddleware answers a repeat with 304."""
    if event.is_published:
        response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    else:
        response["Cache-Control"] = "private, no-cache"
    response["ETag"] = f'"{hashlib.sha256(body).hexdigest()[:24]}"'
    return response


# --- on the event page -------------------------------------------------------------------


def calendar_links(event: Event) -> dict:
    """The event for calendars: the .ics file (with its reminder), Google and Outlook.com."""
    url = canonical_url(event)
    return {
        "calendar_url": reverse("events:calendar", kwargs={"slug": event.slug}),
        "google_calendar_url": google_calendar_url(event, url),
        "outlook_calendar_url": outlook_calendar_url(event, url),
    }


def after_signup_sharing(event: Event) -> dict:
    """What the thank-you and confirmed pages offer: calendars and the share links."""
    url = canonical_url(event)
    return {
        "share": {
            **calendar_links(event),
            "url": url,
            "links": share_links(url, event.title),
        }
    }


def share_context(
    event: Event,
    choice: ZoneChoice,
    participants: ParticipantCounts,
    phase: str,
    waves: int | None = None,
) -> dict:
    """What the event page needs to be shared: card data, links, calendar and QR code;
    `waves`, the waves counted once the window is over, as the share image shows them."""
    # The shared address keeps the zone the visitor sees, unless it is only the default.
    zone_name = choice.name if choice.source != "default" and not choice.rejected else None
    url = share_url(event, zone_name)
    waves = waves if phase == "past" else None
    version = share_image_version(event, participants.total, phase, waves)
    alt = {
        "title": event.title,
        "spacecraft": event.spacecraft,
        "target": event.target,
        "count": count_sentence(participants.total, phase, participants.reported > 0),
        "waves": wave_sentence(waves),
    }
    image_path = reverse("events:share_image", kwargs={"slug": event.slug})
    qr_path = reverse("events:qr", kwargs={"slug": event.slug})
    return {
        "share": {
            "canonical_url": canonical_url(event),
            "url": url,
            "zone_name": zone_name,
            # Translators: the text a visitor shares with the event's link; %(title)s is the
            # event's title, %(spacecraft)s the spacecraft's name ("Cassini").
            "text": _("%(title)s: wave at %(spacecraft)s with me")
            % {"title": event.title, "spacecraft": event.spacecraft},
            "image_url": f"{settings.SITE_URL}{image_path}?v={version}",
            "image_width": SHARE_IMAGE_SIZE[0],
            "image_height": SHARE_IMAGE_SIZE[1],
            "image_alt": (
                # Translators: the share image's alternative text. %(title)s is the event's
                # title, %(spacecraft)s and %(target)s name the spacecraft and what it
                # photographs ("Cassini at Saturn"), %(count)s says how many signed up
                # ("1,234 people are waving"), %(waves)s how many waved ("12,345 waved").
                _("%(title)s: %(spacecraft)s at %(target)s. %(count)s. %(waves)s.") % alt
                if waves
                # Translators: as above, before the window (no waves counted yet).
                else _("%(title)s: %(spacecraft)s at %(target)s. %(count)s.") % alt
            ),
            "links": share_links(url, event.title),
            **calendar_links(event),
            "qr_url": f"{qr_path}?{urlencode({'tz': zone_name}, safe='/')}"
            if zone_name
            else qr_path,
            "embed_url": settings.SITE_URL + reverse("events:embed", kwargs={"slug": event.slug}),
            "json_ld": event_json_ld(
                event, canonical_url(event), f"{settings.SITE_URL}{image_path}?v={version}"
            ),
        }
    }


# --- files -------------------------------------------------------------------------------


@require_safe
def share_image_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The 1200×630 PNG of the preview card (og:image): the waves counted too, once the
    window is over."""
    event = event_for_visitor(request, slug)
    now = timezone.now()
    waves = wave_count(event) if event.phase(now) == "past" else None
    image = share_image(event, participant_counts(event).total, now, waves)
    response = HttpResponse(image.png, content_type="image/png")
    return _with_validators(response, image.png, event)


@require_safe
def calendar_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """The event as an .ics file for any calendar program."""
    event = event_for_visitor(request, slug)
    body = event_calendar(event, canonical_url(event))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return _with_validators(response, body, event)


@require_safe
def qr_code(request: HttpRequest, slug: str) -> HttpResponse:
    """The page's address as an SVG QR code, for posters; `?tz=` keeps a zone in it."""
    event = event_for_visitor(request, slug)
    body = qr_svg(share_url(event, canonical_zone_name(request.GET.get("tz"))))
    response = HttpResponse(body, content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="{event.slug}-qr.svg"'
    return _with_validators(response, body, event)


# --- for other sites ---------------------------------------------------------------------


@require_safe
def event_json(request: HttpRequest, slug: str) -> JsonResponse:
    """The event for partners: window (UTC), count, status and links. No personal data."""
    event = get_object_or_404(Event.objects.published().localized(), slug=slug)
    results = list(event.results.filter(is_published=True))
    now = timezone.now()
    waves = wave_count(event) if now >= event.window_start else None
    summary = event_summary(event, participant_counts(event), results, now, waves)
    body = json.dumps(summary, ensure_ascii=False, separators=(",", ":")).encode()
    response = HttpResponse(body, content_type="application/json")
    response["Cache-Control"] = f"public, max-age={JSON_MAX_AGE}"
    response["ETag"] = f'"{hashlib.sha256(body).hexdigest()[:24]}"'
    # Public, cookie-free data: a partner's page may read it from the browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@csp_override(EMBED_CSP)
@xframe_options_exempt
@require_safe
def embed(request: HttpRequest, slug: str) -> HttpResponse:
    """The widget other sites put in an iframe: the countdown and the local time.

    The zone comes from `?tz=` (the host site knows its visitors) and, in the browser,
    from the visitor's own clock (static/js/embed.js); cookies are not used, since a
    framed page rarely gets them. Cached per event and zone like the world page.
    """
    event = get_object_or_404(Event.objects.published().localized(), slug=slug)
    now = timezone.now()
    choice = zone_for_visitor(request.GET.get("tz"), None)

    def render_page():
        phase = event.phase(now)
        participants = participant_counts(event)
        html = render_to_string(
            "events/embed.html",
            {
                "event": event,
                "now": now,
                "phase": phase,
                "zone": choice,
                "window": local_window(event.window_start, event.window_end, choice.zone),
                "utc_window": local_window(event.window_start, event.window_end, "UTC"),
                "count": count_sentence(participants.total, phase, participants.reported > 0),
                "page_url": share_url(event, choice.name if choice.source == "query" else None),
            },
            request,
        )
        # Until the next change of phase at most, so "starts in" never outlives the start.
        boundaries = [m for m in (event.window_start, event.window_end) if m > now]
        return html, min([now + EMBED_LIFETIME, *boundaries])

    # The source too: a link's `?tz=UTC` is kept in the page's links, the default UTC is not.
    key = page_key("embed", event, choice.name, choice.source, get_language())
    return page_response(request, get_or_render(key, now, render_page), now=now)
