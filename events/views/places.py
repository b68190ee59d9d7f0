"""The visitor's place: city search (JSON), the `place` cookie, and the event page's sky.

Which place a page shows: `?city=<geonameid>` or `?lat=&lon=` (a shared link) first, then
the `place` cookie set by `remember_place`, then the reference place of the page's zone
(events/places/reference.py), said as such. Bad input is a message on the page, never an
error page.
"""

from dataclasses import dataclass
from datetime import UTC
from urllib.parse import parse_qsl, urlencode
from zoneinfo import ZoneInfo

from django.db.models import Count, F
from django.db.models.functions import Floor
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST, require_safe

from events.astro import sky
from events.astro.horizon import horizon_view
from events.astro.riseset import day_at_place
from events.astro.skymap import CELL_DEGREES, CROWD_CLASSES, SkyMap, cell_centre, sky_map
from events.astro.skyreport import event_sky, place_sky
from events.forms import SignupForm
from events.models import Participant
from events.places.cities import (
    MAX_CITY_QUERY_LENGTH,
    big_cities,
    city_labels,
    place_from_cookie,
    place_of_city,
    region_name,
    search_cities,
)
from events.places.coordinates import place_at
from events.places.place import Place
from events.places.reference import reference_place
from events.refusal import Refused
from events.signups.counts import as_of_memo
from events.web.guards import way_back
from events.zones.catalogue import ZoneChoice, canonical_zone_name
from events.zones.window import local_window

PLACE_COOKIE_NAME = "place"
PLACE_COOKIE_MAX_AGE = 365 * 24 * 3600
SEARCH_LIMIT = 10
# The cities a turned-away place is shown instead: the biggest few thousand cover every
# region where people live, and one vectorised pass over them takes about a millisecond.
FACING_CANDIDATES = 3000
_PLACE_PARAMS = ("city", "lat", "lon", "place_q")


@dataclass(frozen=True)
class PlaceChoice:
    """The place a page shows (or None), where it came from, and why a given one was refused."""

    place: Place | None
    # "query", "cookie", or "reference": no place chosen, the zone's own (the page says so).
    source: str | None = None
    error: str | None = None


def place_for_visitor(request: HttpRequest, *, remembered: bool = True) -> PlaceChoice:
    """`?city=` or `?lat=&lon=` first, then (if `remembered`) the `place` cookie; refused
    input says why. Public cached pages pass remembered=False: their HTML depends on the
    address alone, and static/js/place.js brings the remembered place in."""
    query = request.GET
    try:
        if "city" in query:
            return PlaceChoice(place_of_city(query["city"]), "query")
        if "lat" in query or "lon" in query:
            return PlaceChoice(place_at(query.get("lat"), query.get("lon")), "query")
    except Refused as exc:
        return PlaceChoice(None, error=str(exc))
    cookie = request.COOKIES.get(PLACE_COOKIE_NAME) if remembered else None
    if cookie:
        try:
            return PlaceChoice(place_from_cookie(cookie), "cookie")
        except Refused:
            # A cookie naming a city that is no longer in the table: forget it quietly.
            pass
    return PlaceChoice(None)


def place_or_reference(choice: PlaceChoice, zone: ZoneChoice) -> PlaceChoice:
    """The visitor's place, else (none chosen, none refused) the reference place of the
    page's zone: where to look is said without asking. A function of the zone, which every
    cached page's key holds."""
    if choice.place is not None or choice.error:
        return choice
    place = reference_place(zone.name)
    return PlaceChoice(place, "reference") if place is not None else choice


def signup_form(place: PlaceChoice, zone: ZoneChoice) -> SignupForm:
    """An empty sign-up form that starts with the city the visitor chose for the sky (a
    link's or a remembered one), else with the page's zone; never with a reference place,
    which the visitor did not choose."""
    form = SignupForm(initial={"tz": zone.name})
    if place.source in ("query", "cookie") and place.place is not None and place.place.city:
        city = place.place.city
        form.initial |= {"city_query": city.name, "city": city.geonameid}
        # The list beside the city box shows it chosen, as after a search.
        form.chosen_city = city
    return form


def zone_with_place(choice: ZoneChoice, place: PlaceChoice) -> ZoneChoice:
    """The place's zone when the visitor has none of their own (no ?tz=, no `tz` cookie).

    Their own zone wins otherwise: the place may be a friend's on another continent, and
    the page also gives the window in the place's local time.
    """
    if choice.source == "default" and not choice.rejected and place.place and place.place.zone:
        return ZoneChoice(place.place.zone, "place")
    return choice


def place_key(choice: PlaceChoice) -> str:
    """What of the place a page depends on, as text for a cache key ('' without a place)."""
    place = choice.place
    if place is None:
        return ""
    return f"{place.geonameid or ''}@{place.latitude:.4f},{place.longitude:.4f}"


def participant_points(event, as_of=None) -> list[tuple[float, float, int]]:
    """(lat, lon, count) of confirmed participants per square of the map (the centre of
    each CELL_DEGREES square): never a single person's place, and at most MAX_CELLS rows
    whatever the crowd (events/astro/skymap.py draws one circle per square).

    One query, grouped in the database, kept for the slot's other pages (as_of_memo);
    sign-ups without a city are not on the map. `as_of`: count only those confirmed before
    it (the event page's time slot).
    """
    return as_of_memo("squares", event, as_of, lambda: _squares(event, as_of))


def _squares(event, as_of) -> list[tuple[float, float, int]]:
    confirmed = Participant.objects.filter(
        event=event, confirmed_at__isnull=False, city__isnull=False
    )
    if as_of is not None:
        confirmed = confirmed.filter(confirmed_at__lt=as_of)
    rows = (
        confirmed.annotate(
            row=Floor(F("city__latitude") / CELL_DEGREES),
            column=Floor(F("city__longitude") / CELL_DEGREES),
        )
        .values("row", "column")
        .annotate(count=Count("id"))
        .order_by()
    )
    return [
        (*cell_centre(row["row"] * CELL_DEGREES, row["column"] * CELL_DEGREES), row["count"])
        for row in rows
    ]


def participant_map(event, place_choice: PlaceChoice, as_of=None) -> SkyMap:
    """The event's map at the window's start: the crowd by square, the place if any.
    Raises sky.SkyError when the ephemeris cannot place the event."""
    place = place_choice.place
    return sky_map(
        event.sky_target,
        event.window_start,
        event.window_end,
        place=(place.latitude, place.longitude, place.name) if place else None,
        participants=participant_points(event, as_of),
    )


def map_address_query(event, place: Place | None) -> str:
    """The query of the map's address (views/pages.py event_map): the place it marks, and
    the event's version, so a browser that keeps the map a minute (MAP_MAX_AGE) still sees
    an organiser's change at once (the page, asked every time, links to the new address)."""
    params = [*(place.query_params if place else ()), ("v", f"{event.updated_at.timestamp():.0f}")]
    return f"?{urlencode(params, safe='/')}"


def _sky_error_text(event, exc: sky.SkyError) -> str:
    if event.target_kind == "body" and event.target_body not in sky.TARGET_BODIES:
        # Translators: %(body)s is the name of the body the event targets, as the organisers
        # wrote it.
        return _(
            "We cannot say where to look for this event: “%(body)s” is not a body our "
            "ephemeris knows."
        ) % {"body": event.target_body}
    # Translators: %(reason)s is why the sky cannot be computed (a sentence, its full stop
    # removed).
    return _("We cannot say where to look for this event: %(reason)s.") % {
        "reason": str(exc).rstrip(".")
    }


def _labelled(cities) -> list[tuple]:
    return list(zip(cities, city_labels(cities), strict=True))


def sky_context(
    request: HttpRequest, event, place_choice: PlaceChoice, as_of=None, zone: str | None = None
) -> dict:
    """What the event page's sky sections need: facts, the visitor's place, the map.
    `zone`: the page's, whose cities a search lists first."""
    query = request.GET.get("place_q", "").strip()[:MAX_CITY_QUERY_LENGTH]
    place = place_choice.place
    context = {
        "place_choice": place_choice,
        "place_query": query,
        "place_matches": _labelled(search_cities(query, SEARCH_LIMIT, zone)) if query else None,
        "place_local_window": (
            local_window(event.window_start, event.window_end, place.zone)
            if place and place.zone
            else None
        ),
        "camera_utc_window": (
            local_window(event.camera_start, event.camera_end, "UTC")
            if event.camera_start and event.camera_end
            else None
        ),
        "event_sky": None,
        "place_sky": None,
        "sky_map": None,
        "crowd_classes": CROWD_CLASSES,
        "map_query": map_address_query(event, place),
        "horizon": None,
        "place_day": None,
        "sky_error": None,
    }
    try:
        context["event_sky"] = event_sky(event)
        if place is not None:
            context["place_sky"] = place_sky(
                event, place, cities=lambda: big_cities(FACING_CANDIDATES)
            )
            # The place's own clock: rising and setting are told as people there live them.
            zone = ZoneInfo(place.zone) if place.zone else UTC
            where = (event.sky_target, event.window_start, event.window_end)
            context["horizon"] = horizon_view(*where, place.latitude, place.longitude, zone)
            context["place_day"] = day_at_place(*where, place.latitude, place.longitude, zone)
        context["sky_map"] = participant_map(event, place_choice, as_of)
    except sky.SkyError as exc:
        context.update(event_sky=None, place_sky=None, sky_map=None, horizon=None, place_day=None)
        context["sky_error"] = _sky_error_text(event, exc)
    return context


def sky_error_for(event) -> str | None:
    """Why the sky of this event cannot be computed (unknown body, dates), or None."""
    try:
        sky.sub_body_point(event.sky_target, event.window_start)
        sky.sub_body_point(event.sky_target, event.window_end)
    except sky.SkyError as exc:
        return _sky_error_text(event, exc)
    return None


def _city_json(city, label: str) -> dict:
    return {
        "id": city.geonameid,
        "name": city.name,
        "region": region_name(city),
        "region_code": city.admin1_code,
        "country": city.country,
        "label": label,
        "latitude": city.latitude,
        "longitude": city.longitude,
        "zone": city.zone,
        "population": city.population,
    }


@require_safe
@cache_control(public=True, max_age=3600)
def search_places(request: HttpRequest) -> JsonResponse:
    """`/places/search/?q=tor&tz=America/Toronto`: the search box's cities as JSON, prefix
    matches first, those in the `tz` zone (the visitor's, from the script: the answer is a
    function of its address, never of a cookie) first, then the biggest."""
    query = request.GET.get("q", "").strip()[:MAX_CITY_QUERY_LENGTH]
    zone = canonical_zone_name(request.GET.get("tz", "")[:64])
    cities = search_cities(query, SEARCH_LIMIT, zone) if query else []
    return JsonResponse(
        {"query": query, "results": [_city_json(*pair) for pair in _labelled(cities)]},
        json_dumps_params={"ensure_ascii": False},
    )


@require_POST
def remember_place(request: HttpRequest) -> HttpResponse:
    """The place picker's target: keep the place in the `place` cookie, go back to the page."""
    back = way_back(request, dropping=_PLACE_PARAMS)
    response = HttpResponseRedirect(f"{back}#where")
    if request.POST.get("forget"):
        response.delete_cookie(PLACE_COOKIE_NAME, samesite="Lax")
        return response
    try:
        if request.POST.get("city"):
            place = place_of_city(request.POST["city"])
        else:
            place = place_at(request.POST.get("lat"), request.POST.get("lon"))
    except Refused as exc:
        return render(
            request, "events/place_error.html", {"message": str(exc), "back": back}, status=400
        )
    # Back to the page with the place in its address (pages are drawn from the address
    # alone); the cookie is for static/js/place.js, which brings the place back next time.
    path, _mark, query = back.partition("?")
    params = urlencode([*parse_qsl(query), *place.query_params], safe="/")
    response = HttpResponseRedirect(f"{path}?{params}#where")
    response.set_cookie(
        PLACE_COOKIE_NAME,
        place.cookie_value,
        max_age=PLACE_COOKIE_MAX_AGE,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
