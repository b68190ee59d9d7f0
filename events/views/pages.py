"""Public pages. Thin: read the request, ask a domain module, render."""

from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_POST, require_safe

from events.astro.sky import SkyError
from events.forms import ZoneForm
from events.live.waves import wave_count
from events.models import Event
from events.signups.counts import participant_counts
from events.signups.rules import is_open_for_signup
from events.views.photos import after_event_context
from events.views.places import (
    PlaceChoice,
    participant_map,
    place_for_visitor,
    place_key,
    place_or_reference,
    signup_form,
    sky_context,
    sky_error_for,
    zone_with_place,
)
from events.views.share import share_context
from events.web.canonical import canonical_path
from events.web.csvstream import csv_download
from events.web.guards import event_for_visitor, way_back
from events.web.pagecache import (
    CachedPage,
    cached_page,
    event_version,
    is_shareable,
    page_key,
    page_response,
    public_cache_control,
    shared_context,
    slot_start,
    store_page,
)
from events.zones.catalogue import ZoneChoice, search_zones, zone_for_visitor, zones_by_country
from events.zones.window import format_offset, local_window
from events.zones.worldclock import world_times, world_times_rows

# Zones a search shows on a page (the full list has a page of its own: all_zones).
ZONE_MATCHES = 20
# The world page changes only with the event: a long life, renewed on every edit.
WORLD_PAGE_LIFETIME = timedelta(minutes=10)
# The event page shows counts: they may lag by up to this.
EVENT_PAGE_SLOT = timedelta(seconds=10)
# How long a browser or a cache in front may keep an event's map without asking again.
MAP_MAX_AGE = 60


def _zone_choice(request: HttpRequest) -> ZoneChoice:
    """The zone a public page is drawn in: the link's `?tz=`, else UTC. Never a cookie: the
    page is the same for everyone who opens that address, so any cache in front can keep
    it; static/js/localtime.js then shows the times in the visitor's own zone."""
    return zone_for_visitor(request.GET.get("tz"), None)


def _kept_page(slug: str, key_parts: tuple[str, ...], now: datetime) -> CachedPage | None:
    """The fast path: a page already rendered for this event and visitor, without a query."""
    version = event_version(slug)
    if version is None or not version.is_published:
        return None
    return cached_page(page_key(key_parts[0], version, *key_parts[1:]), now)


def _page_address(path: str, choice: ZoneChoice, place: PlaceChoice | None = None) -> str:
    """The page's canonical address: the zone and the place it shows where a link named them,
    nothing else of the visitor's query (events/web/canonical.py)."""
    params = [("tz", choice.name if choice.source == "query" else None)]
    if place is not None and place.source == "query" and place.place is not None:
        params += place.place.query_params
    return canonical_path(path, params)


def _picker_context(request: HttpRequest, choice: ZoneChoice, address: str) -> dict:
    """The pickers' context; `address` is where choosing a zone or a place goes back to
    (its path, and its query as pairs, for forms and links that add `tz=`)."""
    query = request.GET.get("zone_q", "").strip()[:64]
    path, _, params = address.partition("?")
    return {
        "picker_next": address,
        "picker_path": path,
        "picker_params": parse_qsl(params),
        "zone": choice,
        "zone_query": query,
        "zone_matches": _zone_matches(query) if query else None,
    }


def _zone_matches(query: str) -> list[dict[str, str]]:
    """The zones a search finds, best first, as the picker lists them (with or without
    JavaScript): the IANA name, and a label with its country and today's UTC offset."""
    now = timezone.now()
    matches = []
    for country, option in search_zones(query, ZONE_MATCHES):
        offset = format_offset(ZoneInfo(option.name).utcoffset(now))
        label = f"{option.label} ({option.name}), {country} — {offset}"
        matches.append({"name": option.name, "label": label, "offset": offset})
    return matches


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    choice = _zone_choice(request)
    published = Event.objects.published().localized()

    def with_windows(events):
        return [
            (event, local_window(event.window_start, event.window_end, choice.zone))
            for event in events
        ]

    shareable = not choice.rejected and is_shareable(request)
    response = render(
        request,
        "events/home.html",
        {
            "now": now,
            "upcoming": with_windows(published.upcoming(now)),
            "past": with_windows(published.past(now)),
            **_picker_context(request, choice, _page_address(reverse("events:home"), choice)),
            **(shared_context(request) if shareable else {}),
        },
    )
    if shareable:
        response["Cache-Control"] = public_cache_control()
    return response


@require_safe
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    now = timezone.now()
    place = place_for_visitor(request, remembered=False)
    choice = zone_with_place(_zone_choice(request), place)
    address = _page_address(reverse("events:detail", kwargs={"slug": slug}), choice, place)
    personal = (
        choice.rejected
        or place.error
        or any(name in request.GET for name in ("zone_q", "place_q"))
        or not is_shareable(request)
    )
    # The address is in the key: the page's links carry it, and it tells a place from a link
    # (the page says so) from the same place remembered in a cookie (a "Forget" button).
    key_parts = ("detail", address, choice.name, choice.source, place_key(place), get_language())
    if not personal and (page := _kept_page(slug, key_parts, now)):
        return page_response(request, page, now=now)

    event = event_for_visitor(request, slug)
    # Counts are taken as of the start of the page's time slot, so every app server that
    # renders the page within one slot shows the same number, and it never goes back.
    as_of = slot_start(now, EVENT_PAGE_SLOT)

    def render_page() -> tuple[str, datetime]:
        phase = event.phase(now)
        participants = participant_counts(event, as_of=as_of)
        # Waves counted during the window (issue 16), once it is over.
        waves = wave_count(event) if phase == "past" else None
        context = {
            "event": event,
            "now": now,
            "phase": phase,
            # A rehearsal's test window (events/live/rehearsal.py): the wave panel, apart.
            "rehearsal": event.is_rehearsing(now),
            "window": local_window(event.window_start, event.window_end, choice.zone),
            "utc_window": local_window(event.window_start, event.window_end, "UTC"),
            "announcements": event.announcements.published(now).localized(),
            **_picker_context(request, choice, address),
            **sky_context(
                request, event, place_or_reference(place, choice), as_of=as_of, zone=choice.name
            ),
            # Sign-up (events/signup.py): the form while it is open, and the counts.
            "signup_form": signup_form(place, choice) if is_open_for_signup(event, now) else None,
            "participants": participants,
            "waves": waves,
            # Sharing, calendars and the pictures afterwards (views/share.py, views/photos.py).
            **share_context(event, choice, participants, phase, waves),
            **after_event_context(event, phase),
        }
        if not personal:
            context |= shared_context(request)
        html = render_to_string("events/detail.html", context, request)
        return html, _event_page_valid_until(event, now, as_of)

    if personal or not event.is_published:
        # Drafts, refused input, search results and signed-in people get their own page.
        html, _ = render_page()
        return HttpResponse(html)
    key = page_key(key_parts[0], event, *key_parts[1:])
    page = store_page(key, now, *render_page())
    return page_response(request, page, now=now)


def _event_page_valid_until(event: Event, now: datetime, as_of: datetime) -> datetime:
    """The end of the time slot, or sooner if the page changes before: the window or a
    rehearsal's starts or ends (countdown, sign-up closing, the wave panel), or a scheduled
    announcement is published."""
    moments = [as_of + EVENT_PAGE_SLOT]
    edges = (event.window_start, event.window_end, event.rehearsal_start, event.rehearsal_end)
    moments += [moment for moment in edges if moment is not None and moment > now]
    next_announcement = (
        event.announcements.filter(published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    if next_announcement:
        moments.append(next_announcement)
    return min(moments)


@require_safe
def times(request: HttpRequest, slug: str) -> HttpResponse:
    now = timezone.now()
    choice = _zone_choice(request)
    personal = choice.rejected or not is_shareable(request)
    key_parts = ("times", choice.name, choice.source, get_language())
    if not personal and (page := _kept_page(slug, key_parts, now)):
        return page_response(request, page, now=now)

    event = event_for_visitor(request, slug)

    def render_page() -> tuple[str, datetime]:
        sky_error = sky_error_for(event)
        body = None if sky_error else event.sky_target
        groups = world_times(event.window_start, event.window_end, body=body)
        html = render_to_string(
            "events/times.html",
            {
                "event": event,
                "groups": groups,
                "zone_count": sum(len(group.rows) for group in groups),
                "utc_window": local_window(event.window_start, event.window_end, "UTC"),
                "zone": choice,
                "sky_error": sky_error,
                **({} if personal else shared_context(request)),
            },
            request,
        )
        return html, now + WORLD_PAGE_LIFETIME

    if personal or not event.is_published:
        # Drafts (staff previews), refused zone names and personal messages are never kept.
        html, _ = render_page()
        return HttpResponse(html)
    page = store_page(page_key(key_parts[0], event, *key_parts[1:]), now, *render_page())
    return page_response(request, page, now=now)


@require_safe
def times_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    event = event_for_visitor(request, slug)
    rows = world_times_rows(world_times(event.window_start, event.window_end))
    return csv_download(rows, f"{event.slug}-world-times.csv")


@require_POST
def remember_zone(request: HttpRequest) -> HttpResponse:
    """The zone picker's target: store the zone in the `tz` cookie, go back to the page."""
    form = ZoneForm(request.POST)
    back = way_back(request, dropping=("tz", "zone_q"))
    if not form.is_valid():
        choice = _zone_choice(request)
        context = {"form": form, "back": back, **_picker_context(request, choice, back)}
        return render(request, "events/zone_error.html", context, status=400)
    # Back to the page with the zone in its address: it is drawn in that zone (pages never
    # read the cookie, which static/js/localtime.js reads on later visits).
    path, _, query = back.partition("?")
    params = [*parse_qsl(query), ("tz", form.cleaned_data["tz"])]
    response = HttpResponseRedirect(f"{path}?{urlencode(params)}")
    response.set_cookie(
        settings.ZONE_COOKIE_NAME,
        form.cleaned_data["tz"],
        max_age=settings.ZONE_COOKIE_MAX_AGE,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


@require_safe
def all_zones(request: HttpRequest) -> HttpResponse:
    """Every time zone, by country, each a link back to the page the visitor came from with
    `?tz=`: the zone picker's full list, on a page of its own (no page inlines it)."""
    back = way_back(request, dropping=("tz", "zone_q"), source=request.GET)
    path, _, params = back.partition("?")
    prefix = f"{path}?{params}&tz=" if params else f"{path}?tz="
    response = render(
        request,
        "events/all_zones.html",
        {"groups": zones_by_country(), "prefix": prefix, "back": back, **shared_context(request)},
    )
    response["Cache-Control"] = public_cache_control()
    return response


@require_safe
def zone_search(request: HttpRequest) -> JsonResponse:
    """Zones matching `?q=` (a city, a country, a zone's name), for the picker's search as
    you type: at most ZONE_MATCHES, the same search as the no-JavaScript form. Longer
    input than any zone's name is cut (a search, not a refusal); the offsets may be an
    hour stale across a DST change (cached for an hour)."""
    query = request.GET.get("q", "").strip()[:64]
    response = JsonResponse({"zones": _zone_matches(query) if query else []})
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def sky_part(request: HttpRequest, slug: str) -> HttpResponse:
    """The event page's "Where to look" section alone, for a place given as on the page
    (`?city=`, `?lat=&lon=`, `?tz=`): static/js/place.js swaps it in for a place the visitor
    chose on an earlier visit, so the page itself stays the same for everyone. Like the
    page, a function of its address: any cache may keep it. `remembered=1` says the place
    came from this browser's memory (the section offers to forget it)."""
    now = timezone.now()
    event = event_for_visitor(request, slug)
    place = place_for_visitor(request, remembered=False)
    if place.place is not None and request.GET.get("remembered") == "1":
        place = PlaceChoice(place.place, "cookie")
    choice = zone_with_place(_zone_choice(request), place)
    address = _page_address(reverse("events:detail", kwargs={"slug": slug}), choice, place)
    context = {
        "event": event,
        **_picker_context(request, choice, address),
        **sky_context(
            request,
            event,
            place_or_reference(place, choice),
            as_of=slot_start(now, EVENT_PAGE_SLOT),
            zone=choice.name,
        ),
        **shared_context(request),
    }
    response = HttpResponse(render_to_string("includes/sky_part.html", context, request))
    response["Cache-Control"] = public_cache_control()
    return response


@require_safe
def event_map(request: HttpRequest, slug: str) -> HttpResponse:
    """The event page's map as an SVG file of its own (includes/map.svg): the crowd by
    square, the facing half, the visitor's place from `?city=` or `?lat=&lon=` (`?v=`, the
    event's version, only makes the address new). Kept in the page cache for the page's
    time slot; public for MAP_MAX_AGE, with an ETag and Last-Modified."""
    now = timezone.now()
    place = place_for_visitor(request, remembered=False)
    as_of = slot_start(now, EVENT_PAGE_SLOT)
    key_parts = ("map", place_key(place), as_of.isoformat())
    page = _kept_page(slug, key_parts, now)
    if page is None:
        event = event_for_visitor(request, slug)
        try:
            svg = render_to_string(
                "includes/map.svg", {"sky_map": participant_map(event, place, as_of)}
            )
        except SkyError as exc:
            raise Http404("No map for this event") from exc
        # Only the crowd changes the map between edits of the event (which change the key):
        # the window's start or an announcement do not, unlike the page.
        valid_until = as_of + EVENT_PAGE_SLOT
        if not event.is_published:  # a draft, for staff: neither kept nor for caches in front
            page = CachedPage.of(svg, now, valid_until)
            response = page_response(request, page, now=now, private=True)
            response["Content-Type"] = "image/svg+xml"
            return response
        page = store_page(page_key(key_parts[0], event, *key_parts[1:]), now, svg, valid_until)
    response = page_response(request, page, now=now)
    response["Content-Type"] = "image/svg+xml"
    # An image the page is laid out without (its size is in the <img>): a browser may keep
    # it a minute; the crowd on it lags the page by that much at most.
    response["Cache-Control"] = f"public, max-age={MAP_MAX_AGE}"
    return response
