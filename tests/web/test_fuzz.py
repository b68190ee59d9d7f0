"""Hostile input, everywhere: no request, however made, gets a 5xx.

Hypothesis drives every URL pattern the site has (walked from the resolver, so a new page
is fuzzed the day it is added), every query parameter the views read and every field of
every form — the public pages, a participant's private pages and the organisers' admin —
with what an attacker sends: NUL and other control characters, lone surrogates (as the
bytes a client can send), digits that are not ASCII, huge and negative numbers, very long
strings, bidi controls, invisible-only strings, malformed percent-encoding, repeated keys
where one value is expected, files where text is expected and text where a file is.

Each answer must be 2xx, 3xx or 4xx, and a 4xx must say something to a person (a body,
no traceback). The test client raises the exception behind any 500, so a failure shows
the request and the traceback. Runs on SQLite and on PostgreSQL (CI runs both), with a
fixed number of examples, derandomised: `make test` sends the same requests each time.
FUZZ_EXAMPLES=100 FUZZ_RANDOM=1 pytest tests/web/test_fuzz.py -s explores further (examples
per address; -s prints how many requests were sent and in how long).
"""

import os
import re
import time
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.forms.models import model_to_dict
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.forms import ParticipantForm, SignupForm, ZoneForm
from events.models import Event, LimitCounter, ResultImage
from events.signups.tokens import confirmation_token
from tests.factories import (
    NOW,
    image_bytes,
    make_announcement,
    make_city,
    make_event,
    make_participant,
    make_photo,
    signed_up,
    signup_data,
    upcoming_event,
)

# Examples per address (twice as many per form); CI runs this many, derandomised.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
FUZZ = settings(
    derandomize=not os.environ.get("FUZZ_RANDOM"),
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

pytestmark = pytest.mark.django_db


# --- what an attacker sends ----------------------------------------------------------------


class Raw(str):
    """Put into a URL or a body as it is, not percent-encoded: malformed escapes, a stray
    `&` or `=`, bytes that are not UTF-8."""


SAMPLES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x1b[2J",
    "\r\nSet-Cookie: x=1",
    "\t",
    "\u202eevil",
    "\u200b",
    "\u200b\u200c\ufeff",
    "\u3164",
    "\u2800",
    "٣٤",
    "४२.५",
    "１２３",
    "Ⅻ",
    "½",
    "²³",
    "𝟗𝟗",
    "1e309",
    "-1e309",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "-0",
    "0x1F",
    "1_000",
    "+1",
    " 7 ",
    "-1",
    "0",
    "9" * 40,
    "-" + "9" * 40,
    "2147483648",
    "9223372036854775808",
    "-9223372036854775809",
    "1.5",
    "91",
    "-181",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "'; DROP TABLE events_event; --",
    "../../etc/passwd",
    "//evil.example/",
    "https://evil.example/",
    "javascript:alert(1)",
    "=1+1",
    "@SUM(A1)",
    "{{ 7|add:7 }}",
    "{% debug %}",
    "%s%s%s",
    "🙂",
    "🏳️‍🌈",
    "Europe/Paris",
    "europe/PARIS",
    "Europe/../../etc",
    "UTC\x00",
    "Etc/GMT+14",
    "null",
    "true",
    "[]",
    "{}",
    "x" * 5000,
    "ab" * 40000,
]
RAW_SAMPLES = [
    Raw(value)
    for value in (
        "%",
        "%%",
        "%zz",
        "%0",
        "%00",
        "a%00b",
        "%C0%AF",
        "%E0%A4",
        "%ED%A0%80",
        "%FF%FE%FD",
        "%F4%90%80%80",
        "a=b=c",
        "x&y",
        "%26%3D",
        "+++",
        "%2e%2e%2f",
    )
]

odd_characters = st.characters(
    categories=["Cc", "Cf", "Cs", "Co", "Zs", "Zl", "Zp", "Nd", "Nl", "No"]
)
numberish = st.lists(
    st.one_of(
        st.characters(categories=["Nd", "Nl", "No"]), st.sampled_from(list("0123456789.-+e"))
    ),
    min_size=1,
    max_size=12,
).map("".join)
# Numbers past what a column holds (an int64, an int32), negative, or not numbers at all
# in the way a parser may take them: a branch of their own, since any id or count is one.
edge_numbers = st.sampled_from(
    [
        str(2**31),
        str(2**63),
        str(-(2**63) - 1),
        "9" * 20,
        "9" * 40,
        "-1",
        "0",
        "1e309",
        "1.0",
        "٣",
        "１",
    ]
)
hostile = st.one_of(
    st.sampled_from(SAMPLES),
    st.sampled_from(RAW_SAMPLES),
    edge_numbers,
    st.text(odd_characters, min_size=1, max_size=16),
    numberish,
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.floats().map(repr),
    st.text(max_size=40),
    st.builds(
        lambda text, times: text * times,
        st.sampled_from(["\x00", "\u202e", "9", "é"]),
        st.integers(100, 20000),
    ),
)


def encode(value: str) -> str:
    """A value as it goes into a URL or a form body: percent-encoded as UTF-8 (a lone
    surrogate becomes the bytes a client can send for it), or raw."""
    if isinstance(value, Raw):
        return str(value)
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def printable(value: str) -> str:
    return str(value).encode("utf-8", "replace").decode()


def urlencoded(pairs: list[tuple[str, str]]) -> str:
    return "&".join(f"{encode(key)}={encode(value)}" for key, value in pairs)


# --- the site's own addresses and what they are about ---------------------------------------


def routes() -> list[str]:
    """Every URL pattern, as a template: 'events/<slug:slug>/', 'admin/(?P<url>.*)$', …"""

    def walk(patterns, prefix: str):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern)

    return list(walk(get_resolver().url_patterns, ""))


ROUTES = routes()
SLOT = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)")

# Query parameters the views and the admin read, and a few any site is sent.
QUERY_NAMES = [
    "tz",
    "city",
    "lat",
    "lon",
    "q",
    "zone_q",
    "place_q",
    "page",
    "next",
    "size",
    "event__id__exact",
    "confirmed",
    "country_code",
    "zone",
    "status",
    "o",
    "p",
    "e",
    "all",
    "_facets",
    "_changelist_filters",
    "_popup",
    "_to_field",
    "event",
    "created_at__gte",
    "id__in",
    "utm_source",
    "fbclid",
]


ADMIN_MODELS = sorted(
    f"{model._meta.app_label}.{model._meta.model_name}" for model in admin.site._registry
)
# Every form a person or a script can post to, by name; World.forms gives each its
# addresses, its fields and a valid baseline that an example spoils a few fields of.
FORM_TARGETS = [
    "signup",
    "wave",
    "manage",
    "delete",
    "unsubscribe",
    "photo",
    "confirm",
    "zone",
    "place",
    "login",
    *(f"admin {name} {view}" for name in ADMIN_MODELS for view in ("list", "add", "change")),
]


@dataclass
class Form:
    urls: list[str]
    fields: list[str]
    baseline: dict[str, str]


@dataclass(repr=False)
class World:
    """Real rows, so that a fuzzed request reaches the code behind a valid address."""

    values: dict[str, list[str]]
    forms: dict[str, Form]
    anonymous: Client
    staff: Client


def _admin_forms(values: dict[str, list[str]]) -> dict[str, Form]:
    """Every admin list (its actions), add and change form: field names and a baseline."""
    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(username="fuzzer")
    forms = {}
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        name = f"{meta.app_label}.{meta.model_name}"
        base = f"/admin/{meta.app_label}/{meta.model_name}/"
        obj = model.objects.order_by("pk").first()
        try:
            fields = list(model_admin.get_form(request, obj).base_fields)
        except Exception:  # an admin that cannot build a form for this row: names from the pool
            fields = []
        actions = list(model_admin.get_actions(request)) or ["delete_selected"]
        selected = str(obj.pk) if obj else "1"
        forms[f"admin {name} list"] = Form(
            [base],
            ["action", "_selected_action", "select_across", "index"],
            {"action": actions[-1], "_selected_action": selected, "index": "0"},
        )
        forms[f"admin {name} add"] = Form([f"{base}add/"], fields, {})
        baseline = {}
        if obj is not None:
            baseline = {
                key: "" if value is None else str(value)
                for key, value in model_to_dict(obj).items()
                if isinstance(value, str | int | float | bool | type(None))
            }
            values["object_id"].append(str(obj.pk))
        forms[f"admin {name} change"] = Form([f"{base}{selected}/change/"], fields, baseline)
    return forms


@pytest.fixture
def world(media, settings, clock) -> World:
    clock.move_to(NOW)  # before the upcoming event's window: sign-up open
    settings.SIGNUP_RATE_LIMIT = 10**6
    # A quick hasher: the fixture is made for every address fuzzed, and sign-ins are fuzzed.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    User.objects.create_superuser("fuzzer", "fuzz@example.org", "fuzz-password-1")
    Group.objects.create(name="Moderators")
    make_city("Paris", country_code="FR", country="France", zone="Europe/Paris")
    soon = upcoming_event()
    past = make_event()
    draft = make_event(status=Event.Status.DRAFT)
    participant = make_participant(soon, wants_announcements=True)
    signed_up(event=soon, email="queued@example.com")  # an email delivery and its task
    waved = make_participant(past)
    photo = make_photo(past, waved)
    make_announcement(soon)
    result = ResultImage(event=past, caption="Earth", alt_text="A dot", is_published=False)
    result.image.save("result.jpg", ContentFile(image_bytes()), save=True)
    anonymous = Client(REMOTE_ADDR="192.0.2.10")
    AccessAttempt.objects.create(
        username="fuzzer", ip_address="192.0.2.9", user_agent="", failures_since_start=1
    )
    values = {
        "slug": [soon.slug, past.slug, draft.slug],
        "key": [participant.manage_key, waved.manage_key],
        "token": [confirmation_token(participant)],
        "pk": [str(photo.pk), str(result.pk), str(soon.pk)],
        "size": ["thumb", "full"],
        "decision": ["approve", "reject"],
        "id": [str(User.objects.get().pk)],
        "content_type_id": [str(ContentType.objects.get_for_model(Event).pk)],
        "object_id": [],
        "app_label": ["events", "auth", "axes"],
        "url": ["events/nothing/"],
        "code": ["es", "ar", "en"],
    }
    forms = _admin_forms(values)
    keys, slugs = values["key"], values["slug"]
    forms |= {
        "signup": Form(
            [f"/events/{slug}/signup/" for slug in slugs],
            [*SignupForm.base_fields, "find_city"],
            signup_data(email="x@example.com"),
        ),
        # "I'm waving!" (a 409 outside the window: the key and zone are read before that).
        "wave": Form(
            [f"/events/{slug}/wave/" for slug in slugs],
            ["key", "tz", "website"],
            {"key": keys[0], "tz": "Europe/Paris"},
        ),
        "manage": Form(
            [f"/signup/{key}/" for key in keys],
            [*ParticipantForm.base_fields, "find_city"],
            {"name": "Ana", "tz": "Europe/Paris"},
        ),
        "delete": Form([f"/signup/{key}/delete/" for key in keys], ["confirm"], {}),
        "unsubscribe": Form([f"/signup/{key}/unsubscribe/" for key in keys], ["confirm"], {}),
        "photo": Form([f"/signup/{key}/photo/" for key in keys], ["caption", "photo"], {}),
        "confirm": Form([f"/signup/confirm/{values['token'][0]}/"], ["confirm"], {}),
        "zone": Form(["/zone/"], list(ZoneForm.base_fields), {"tz": "Europe/Paris", "next": "/"}),
        "place": Form(["/place/"], ["city", "lat", "lon", "forget", "next"], {"next": "/"}),
        "login": Form(["/admin/login/"], ["username", "password", "next"], {"username": "x"}),
    }
    staff = Client(REMOTE_ADDR="192.0.2.11")
    staff.force_login(User.objects.get(username="fuzzer"))
    return World(values=values, forms=forms, anonymous=anonymous, staff=staff)


def fill(route: str, world: World, draw) -> str:
    """A path for `route`: each slot gets a real value or a hostile one."""

    def slot(match: re.Match) -> str:
        name = match.group("name") or match.group("group")
        real = world.values.get(name, [])
        choice = draw(st.one_of(st.sampled_from(real), hostile) if real else hostile)
        if match.group("converter") in ("int",) and choice in real:
            return choice
        return encode(choice)

    path = SLOT.sub(slot, route)
    return "/" + path.removeprefix("^").removesuffix("$").replace("^", "")


def check(response, method: str) -> None:
    status = response.status_code
    assert status < 500, status
    if status >= 400 and method != "HEAD":
        body = response.content.decode("utf-8", "replace")
        assert body.strip(), f"{status} with an empty body"
        assert "Traceback" not in body


def _forget_limits() -> None:
    """Each example starts below every rate limit, so it reaches the code behind them."""
    LimitCounter.objects.all().delete()
    from django.core.cache import cache

    cache.clear()


# --- the tests -------------------------------------------------------------------------------


def test_every_route_is_fuzzed_with_real_values_for_its_slots(world):
    """A new URL pattern is fuzzed at once; its slots need a real value here so that the
    fuzzer reaches the view behind it, not only the 404."""
    names = {
        match.group("name") or match.group("group")
        for route in ROUTES
        for match in SLOT.finditer(route)
    }
    assert names <= set(world.values), names - set(world.values)
    assert len(ROUTES) > 80
    assert set(world.forms) == set(FORM_TARGETS)


@pytest.mark.parametrize("route", ROUTES)
@settings(FUZZ, max_examples=EXAMPLES)
@given(data=st.data())
def test_hostile_paths_and_queries_get_no_5xx(world, route, data):
    path = fill(route, world, data.draw)
    pairs = data.draw(
        st.lists(st.tuples(st.one_of(st.sampled_from(QUERY_NAMES), hostile), hostile), max_size=4)
    )
    method = data.draw(st.sampled_from(["GET", "GET", "HEAD", "POST"]))
    client = data.draw(st.sampled_from([world.anonymous, world.staff]))
    _forget_limits()
    url = f"{path}?{urlencoded(pairs)}" if pairs else path
    check(client.generic(method, url), method)
    TALLY.count("paths and queries")


@pytest.mark.parametrize("target", FORM_TARGETS)
@settings(FUZZ, max_examples=2 * EXAMPLES)
@given(data=st.data())
def test_hostile_form_fields_get_no_5xx(world, target, data):
    form = world.forms[target]
    url = data.draw(st.sampled_from(form.urls))
    names = form.fields or QUERY_NAMES
    spoiled = data.draw(
        st.lists(st.tuples(st.sampled_from(names), hostile), min_size=1, max_size=4)
    )
    extra = data.draw(st.lists(st.tuples(hostile, hostile), max_size=1))
    pairs = [*form.baseline.items(), *spoiled, *extra]
    client = world.staff if target.startswith("admin ") else world.anonymous
    _forget_limits()
    kind = data.draw(st.sampled_from(["urlencoded", "urlencoded", "multipart", "json"]))
    if kind == "urlencoded":
        body = urlencoded(pairs).encode("ascii")
        response = client.generic(
            "POST", url, body, content_type="application/x-www-form-urlencoded"
        )
    elif kind == "multipart":
        # Text where a file is expected, and a file (an image, or junk) where text is.
        # (The test client encodes multipart as UTF-8: a lone surrogate goes in as "?".)
        payload = {printable(key): printable(value) for key, value in pairs}
        file_field = data.draw(st.sampled_from(sorted({"photo", "image", *names})))
        payload[file_field] = SimpleUploadedFile(
            data.draw(st.sampled_from(["photo.jpg", "x.png", "\u202egpj.exe", "a" * 300])),
            data.draw(
                st.one_of(
                    st.binary(max_size=512),
                    st.just(image_bytes()),
                    st.just(image_bytes("PNG", size=(1, 1))),
                )
            ),
            content_type=data.draw(st.sampled_from(["image/jpeg", "text/html", "x/\u00e9"])),
        )
        response = client.post(url, payload)
    else:
        response = client.generic(
            "POST", url, b'{"name": [1, 2], "tz": null}', content_type="application/json"
        )
    check(response, "POST")
    TALLY.count("form fields")


class Tally:
    """How many requests each kind of test sent, and in how long (printed with -s)."""

    def __init__(self):
        self.requests: dict[str, int] = {}
        self.first: dict[str, float] = {}
        self.last: dict[str, float] = {}

    def count(self, kind: str) -> None:
        now = time.monotonic()
        self.requests[kind] = self.requests.get(kind, 0) + 1
        self.first.setdefault(kind, now)
        self.last[kind] = now


TALLY = Tally()


@pytest.fixture(autouse=True, scope="module")
def _report_tally():
    yield
    for kind, requests in TALLY.requests.items():
        elapsed = TALLY.last[kind] - TALLY.first[kind]
        print(f"\nfuzz {kind}: {requests} requests in {elapsed:.1f} s ({connection.vendor})")
