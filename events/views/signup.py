"""Signing up for an event, confirming the address, and the participant's private pages.

Thin: read the request, call events.signup, render. Every page a participant reaches from
an email is keyed by a secret in its address, so those pages are never cached and never
indexed.
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from events.forms import CITY_MATCHES, ParticipantForm, SignupForm
from events.inputs import whole_number
from events.models import Event, Participant
from events.places.cities import place_of, search_cities
from events.places.place import Place
from events.refusal import Refused
from events.signups.limits import Rate, hit
from events.signups.rules import (
    confirm,
    delete_signup,
    is_open_for_signup,
    participant_for_key,
    participant_for_token,
    place_for_city,
    place_for_zone,
    sign_up,
    stop_announcements,
    update_signup,
)
from events.views.share import after_signup_sharing
from events.web.client import client_address
from events.web.guards import content_length, posts_up_to
from events.zones.catalogue import zone_for_visitor, zones_by_country
from events.zones.window import local_window

logger = logging.getLogger(__name__)

# A sign-up form is well under 2 KB even with every field full of four-byte characters
# percent-encoded; anything much bigger is not a person filling it in.
MAX_BODY_BYTES = 8 * 1024
RATE_LIMIT_SECONDS = 600


def _too_large(request: HttpRequest) -> HttpResponse:
    return render(request, "events/signup_too_large.html", status=413)


small_posts_only = posts_up_to(MAX_BODY_BYTES, _too_large)


def _see_other(url: str) -> HttpResponseRedirect:
    """After a POST: the browser GETs the next page, and reloading it re-posts nothing."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _get_event_for_signup(slug: str) -> Event:
    return get_object_or_404(Event.objects.published().localized(), slug=slug)


def _get_participant_for_key(key: str) -> Participant:
    participant = participant_for_key(key)
    if participant is None:
        raise Http404("No such sign-up")
    return participant


def _form_context(request: HttpRequest, event: Event, form, **extra) -> dict:
    return {
        "event": event,
        "form": form,
        "zone": zone_for_visitor(
            request.GET.get("tz"), request.COOKIES.get(settings.ZONE_COOKIE_NAME)
        ),
        "zone_groups": zones_by_country(),
        **extra,
    }


def _searched(form_class, request: HttpRequest):
    """The "Find city" button without JavaScript: the form as typed, with the cities found."""
    form = form_class(initial=request.POST.dict())
    query = request.POST.get("city_query", "")
    form.city_matches = search_cities(query, CITY_MATCHES)
    return form


# --- signing up --------------------------------------------------------------------------


@small_posts_only
@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest, slug: str) -> HttpResponse:
    """The sign-up form (GET, also shown on the event page) and its target (POST)."""
    event = _get_event_for_signup(slug)
    now = timezone.now()
    if not is_open_for_signup(event, now):
        status = 403 if request.method == "POST" else 200
        return render(request, "events/signup_closed.html", {"event": event}, status=status)
    if request.method != "POST":  # GET, or HEAD (the same headers, no body)
        zone = zone_for_visitor(
            request.GET.get("tz"), request.COOKIES.get(settings.ZONE_COOKIE_NAME)
        )
        form = SignupForm(initial={"tz": zone.name})
        return render(request, "events/signup.html", _form_context(request, event, form))

    address = client_address(request.META, settings.TRUSTED_PROXY_COUNT)
    verdict = hit("signup", address, Rate(settings.SIGNUP_RATE_LIMIT, RATE_LIMIT_SECONDS))
    if not verdict.allowed:
        logger.warning("sign-up rate limit reached for %s", address)
        minutes = -(-verdict.retry_after // 60)
        response = render(
            request,
            "events/signup_limited.html",
            {"event": event, "minutes": minutes},
            status=429,
        )
        response["Retry-After"] = str(verdict.retry_after)
        return response

    if "find_city" in request.POST:
        form = _searched(SignupForm, request)
        return render(request, "events/signup.html", _form_context(request, event, form))

    form = SignupForm(request.POST)
    if form.is_from_a_robot:
        # Looks like success to the script, so it learns nothing; nothing is stored or sent.
        logger.info("sign-up honeypot filled from %s", address)
        return _see_other(_thanks_url(event, None))
    if not form.is_valid():
        context = _form_context(request, event, form)
        return render(request, "events/signup.html", context, status=400)
    place = form.cleaned_data["place"]
    try:
        sign_up(
            event,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            place=place,
            wants_announcements=form.cleaned_data["wants_announcements"],
            now=now,
        )
    except Refused:
        # The window started between the check above and now.
        return render(request, "events/signup_closed.html", {"event": event}, status=403)
    # New or repeated, the visitor sees the same page: it must not tell a stranger whether
    # an address is signed up.
    return _see_other(_thanks_url(event, place))


def _thanks_url(event: Event, place: Place | None) -> str:
    url = reverse("events:signup_thanks", kwargs={"slug": event.slug})
    if place is None:
        return url
    query = {"tz": place.zone}
    if place.city is not None:
        query["city"] = place.city.geonameid
    return f"{url}?{urlencode(query)}"


@require_safe
def signup_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    """After signing up: check your inbox, and your own wave time (from the query)."""
    event = _get_event_for_signup(slug)
    place = None
    try:
        if city := request.GET.get("city", ""):
            place = place_for_city(whole_number(city, lowest=1))
        elif request.GET.get("tz"):
            place = place_for_zone(request.GET["tz"])
    except Refused:
        place = None
    zone = zone_for_visitor(request.GET.get("tz"), request.COOKIES.get(settings.ZONE_COOKIE_NAME))
    window_zone = place.zone if place is not None else zone.name
    return render(
        request,
        "events/signup_thanks.html",
        {
            "event": event,
            "place": place,
            "zone": zone,
            "window": local_window(event.window_start, event.window_end, window_zone),
            **after_signup_sharing(event),
        },
    )


# --- confirming --------------------------------------------------------------------------


def _link_problem(request: HttpRequest, refusal: Refused) -> HttpResponse:
    status = 404 if refusal.reason == "gone" else 400
    return render(request, "events/signup_link_problem.html", {"refusal": refusal}, status=status)


@small_posts_only
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_signup(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation email. GET asks (mail scanners follow links, and must
    not confirm for the person); the button POSTs and confirms."""
    try:
        confirming = request.method == "POST"
        participant = confirm(token) if confirming else participant_for_token(token)
    except Refused as refusal:
        return _link_problem(request, refusal)
    if request.method == "POST":
        messages.success(
            request, _("Thank you: your address is confirmed and you count as a participant.")
        )
        return _see_other(participant.get_absolute_url())
    return render(
        request,
        "events/signup_confirm.html",
        {"participant": participant, "event": participant.event, "token": token},
    )


# --- managing ----------------------------------------------------------------------------


def _manage_page(request, participant: Participant, form, status: int = 200) -> HttpResponse:
    event = participant.event
    return render(
        request,
        "events/manage.html",
        {
            "participant": participant,
            "event": event,
            "form": form,
            "place": place_of(participant),
            "window": local_window(event.window_start, event.window_end, participant.zone),
            "zone_groups": zones_by_country(),
            "upcoming": timezone.now() < event.window_start,
            **after_signup_sharing(event),
        },
        status=status,
    )


@small_posts_only
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage_signup(request: HttpRequest, key: str) -> HttpResponse:
    """The private page from every email: change name, place, zone and announcements."""
    participant = _get_participant_for_key(key)
    if request.method != "POST":  # GET, or HEAD (the same headers, no body)
        form = ParticipantForm(
            initial={
                "name": participant.name,
                "city_query": participant.city.name if participant.city else "",
                "city": participant.city.geonameid if participant.city else "",
                "tz": participant.zone,
                "wants_announcements": participant.wants_announcements,
                "wants_reminders": participant.wants_reminders,
                "language": participant.language,
            }
        )
        form.chosen_city = participant.city
        return _manage_page(request, participant, form)
    if "find_city" in request.POST:
        return _manage_page(request, participant, _searched(ParticipantForm, request))
    form = ParticipantForm(request.POST, current=place_of(participant))
    if not form.is_valid():
        return _manage_page(request, participant, form, status=400)
    update_signup(
        participant,
        name=form.cleaned_data["name"],
        place=form.cleaned_data["place"],
        wants_announcements=form.cleaned_data["wants_announcements"],
        wants_reminders=form.cleaned_data["wants_reminders"],
        language=form.cleaned_data["language"],
    )
    # Back to the page in the language chosen (the same as before unless it changed).
    translation.activate(participant.language)
    messages.success(request, _("Saved. The times in your emails now follow your new place."))
    return _see_other(participant.get_absolute_url())


@small_posts_only
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def delete_signup_view(request: HttpRequest, key: str) -> HttpResponse:
    """GET asks to be sure; POST deletes the row and everything sent for it."""
    participant = _get_participant_for_key(key)
    if request.method != "POST":  # GET, or HEAD (the same headers, no body)
        return render(
            request,
            "events/manage_delete.html",
            {"participant": participant, "event": participant.event},
        )
    event = participant.event
    delete_signup(participant)
    return render(request, "events/manage_deleted.html", {"event": event})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, key: str) -> HttpResponse:
    """The List-Unsubscribe address of every email (RFC 8058 one-click).

    Exempt from CSRF on purpose: the mail provider POSTs `List-Unsubscribe=One-Click` from
    its own servers, with no cookie and no token, and RFC 8058 requires that to work. The
    secret key in the address is the authority, and all a forged request could do is stop
    announcements, which the same address's owner can turn back on. GET only shows a
    button, since link scanners fetch every address in an email.
    """
    if request.method == "POST" and content_length(request) > MAX_BODY_BYTES:
        return _too_large(request)
    participant = _get_participant_for_key(key)
    if request.method == "POST":
        stop_announcements(participant)
        return render(
            request,
            "events/manage_unsubscribed.html",
            {"participant": participant, "event": participant.event},
        )
    return render(
        request,
        "events/manage_unsubscribe.html",
        {"participant": participant, "event": participant.event},
    )


@never_cache
@require_safe
def form_token(request: HttpRequest) -> JsonResponse:
    """A CSRF token for a form on a cached public page (static/js/signup.js asks for it when
    the visitor starts filling the form in). Cached pages carry no token of their own: their
    HTML is the same for everyone, so a cache in front can serve it."""
    return JsonResponse({"token": get_token(request)})
