"""Where to look, as a visitor sees it: the place picker, the sky, the map, the world column;
and the camera window an organiser enters in the admin."""

import re
from datetime import UTC, datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory

from events.admin.sessions import EventAdmin
from events.models import City, Event, Participant
from events.places.cities import fold
from tests.conftest import CASSINI_END, CASSINI_START
from tests.factories import make_event
from tests.test_pages import text

pytestmark = pytest.mark.django_db

CAMERA_START = datetime(2013, 7, 19, 22, 47, 13, tzinfo=UTC)
CAMERA_END = datetime(2013, 7, 19, 23, 1, 56, tzinfo=UTC)
TORONTO_ID = 6167865


def make_city(name, country, lat, lon, zone, population, geonameid):
    return City.objects.create(
        geonameid=geonameid,
        name=name,
        ascii_name=fold(name),
        search_name=fold(name),
        country_code=country[:2].upper(),
        country=country,
        latitude=lat,
        longitude=lon,
        zone=zone,
        population=population,
    )


@pytest.fixture
def cities():
    """A few real cities: two facing Saturn on 19 July 2013 at 21:27 UTC, two turned away."""
    return {
        "toronto": make_city(
            "Toronto", "Canada", 43.70, -79.42, "America/Toronto", 2_600_000, TORONTO_ID
        ),
        "sao_paulo": make_city(
            "São Paulo", "Brazil", -23.55, -46.64, "America/Sao_Paulo", 10_000_000, 3448439
        ),
        "rio": make_city(
            "Rio de Janeiro", "Brazil", -22.91, -43.18, "America/Sao_Paulo", 6_000_000, 3451190
        ),
        "tokyo": make_city("Tokyo", "Japan", 35.69, 139.69, "Asia/Tokyo", 8_300_000, 1850147),
        "sydney": make_city(
            "Sydney", "Australia", -33.87, 151.21, "Australia/Sydney", 4_600_000, 2147714
        ),
    }


def sky_text(response) -> str:
    """The "Where to look" section as a reader sees it."""
    html = response.content.decode()
    match = re.search(r'<section class="sky" id="where".*?</section>', html, re.S)
    assert match, "the page has no Where to look section"
    return text_of(match.group(0))


def text_of(html: str) -> str:
    class Fake:
        content = html.encode()

    return text(Fake)


# --- the place from a link, and what the page says about it --------------------------------


def test_coordinates_in_the_link_show_where_to_look(client):
    event = make_event()
    response = client.get(event.get_absolute_url(), {"lat": "43.66", "lon": "-79.38"})
    page = sky_text(response)
    assert response.status_code == 200
    assert "From 43.7° N, 79.4° W" in page
    assert (
        "Your place faces the camera for the whole window: Saturn is above your horizon from "
        "start to end." in page
    )
    assert "Saturn at the start 28° above the horizon, south-east (azimuth 143°)" in page
    assert "Faces the camera yes, all through the window" in page
    assert "Daylight at the start day" in page
    assert "It is daytime there (the Sun is 35° up)." in page
    assert "Saturn is too faint to see by eye in daylight" in page
    assert "Your place, 43.7° N, 79.4° W, is on the half facing Saturn." in page


def test_a_city_in_the_link_gives_its_name_and_its_zone_for_the_times(client, cities):
    event = make_event()
    response = client.get(event.get_absolute_url(), {"city": str(TORONTO_ID)})
    page = text(response)
    assert "From Toronto, Canada" in page
    assert "Showing the sky from Toronto, Canada (43.7° N, 79.4° W), from the link" in page
    # No ?tz= and no zone cookie: the place's zone is used, and the page says so.
    assert "Times on this page are in its time zone, America/Toronto." in page
    assert "Showing times for America/Toronto (the zone of your place, Toronto, Canada)." in page
    assert "Friday 19 July 2013, 17:27–17:42 EDT, UTC-04:00" in page


def test_the_visitors_own_zone_wins_over_the_places(client, cities):
    event = make_event()
    client.cookies["tz"] = "Europe/Paris"
    page = text(client.get(event.get_absolute_url(), {"city": str(TORONTO_ID)}))
    assert "Showing times for Europe/Paris (your browser's or your chosen zone)." in page
    # The place's own local time is still given beside its sky.
    assert (
        "Local time there (America/Toronto): Friday 19 July 2013, 17:27–17:42 EDT, UTC-04:00"
        in page
    )


def test_a_place_turned_away_says_so_and_shows_who_faces_the_camera(client, cities):
    event = make_event()
    page = sky_text(client.get(event.get_absolute_url(), {"city": "1850147"}))
    assert "From Tokyo, Japan" in page
    assert "Saturn is below your horizon for the whole window" in page
    assert "turned away from the camera, so it will not see your place this time" in page
    assert "Faces the camera no" in page
    assert re.search(r"Saturn at the start \d+° below the horizon Saturn at the end", page)
    assert "At the start of the window Saturn stands overhead at 10.9° S, 46.1° W" in page
    # The big cities of the City table with Saturn highest, one per country.
    facing = re.search(r"the highest Saturn first: (.*?) Your place", page).group(1)
    assert facing.startswith("Rio de Janeiro, Brazil: 78° above the horizon")
    assert "Toronto, Canada: 28° above the horizon" in facing
    assert "São Paulo" not in facing  # Brazil is already there
    assert "Sydney" not in facing and "Tokyo" not in facing


def test_a_remembered_place_comes_from_the_cookie(client, cities):
    event = make_event()
    client.cookies["place"] = f"city:{TORONTO_ID}"
    page = text(client.get(event.get_absolute_url()))
    assert "Showing the sky from Toronto, Canada (43.7° N, 79.4° W), remembered in this" in page
    assert "Forget my place" in page


def test_the_link_wins_over_the_cookie(client, cities):
    event = make_event()
    client.cookies["place"] = f"city:{TORONTO_ID}"
    page = text(client.get(event.get_absolute_url(), {"lat": "-33.9", "lon": "151.2"}))
    assert "From 33.9° S, 151.2° E" in page


@pytest.mark.parametrize("cookie", ["city:123456789", "91:0", "garbage", "city:<b>"])
def test_a_bad_place_cookie_is_ignored(client, cookie):
    event = make_event()
    client.cookies["place"] = cookie
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "Choose your place below to see where Saturn stands" in sky_text(response)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"lat": "91", "lon": "0"}, "The latitude must be between −90 and 90 degrees; 91 is not."),
        (
            {"lat": "-90.1", "lon": "0"},
            "The latitude must be between −90 and 90 degrees; -90.1 is not.",
        ),
        (
            {"lat": "0", "lon": "181"},
            "The longitude must be between −180 and 180 degrees; 181 is not.",
        ),
        (
            {"lat": "0", "lon": "-180.5"},
            "The longitude must be between −180 and 180 degrees; -180.5 is not.",
        ),
        ({"lat": "north", "lon": "0"}, "The latitude must be a number of degrees"),
        ({"lat": "0", "lon": "NaN"}, "The longitude must be a number of degrees"),
        ({"lat": "Infinity", "lon": "0"}, "The latitude must be a number of degrees"),
        ({"lat": "43.7"}, "Give both a latitude and a longitude"),
        ({"city": "toronto"}, "“toronto” is not a city number"),
        ({"city": "99999999"}, "We know no city with the number 99999999"),
        ({"city": "<script>alert(1)</script>"}, "is not a city number"),
    ],
    ids=[
        "lat-above-90",
        "lat-below-minus-90",
        "lon-above-180",
        "lon-below-minus-180",
        "lat-word",
        "lon-nan",
        "lat-infinity",
        "lon-missing",
        "city-word",
        "city-unknown",
        "city-script",
    ],
)
def test_bad_place_in_the_link_is_a_message_not_an_error(client, query, message):
    event = make_event()
    response = client.get(event.get_absolute_url(), query)
    assert response.status_code == 200
    page = sky_text(response)
    assert message in page
    assert "Choose your place below" in page  # and the page goes on without a place
    assert "<script>alert(1)" not in response.content.decode()


# --- the event as a whole ---------------------------------------------------------------


def test_event_page_gives_distance_light_time_and_the_point_below_saturn(client):
    event = make_event(spacecraft="Cassini")
    page = sky_text(client.get(event.get_absolute_url()))
    assert "Distance from Earth 1,444,646,000 km (897,661,000 miles)" in page
    assert "Light time, one way 80 minutes 19 seconds" in page
    assert "Saturn overhead at the start 10.9° S, 46.1° W" in page
    assert "Saturn overhead at the end 10.9° S, 49.9° W" in page
    assert "a wave made at 21:27 UTC reaches Cassini at about 22:47 UTC" in page


def test_the_camera_window_is_shown_beside_the_earth_window(client):
    event = make_event(camera_start=CAMERA_START, camera_end=CAMERA_END, spacecraft="Cassini")
    page = text(client.get(event.get_absolute_url()))
    assert "Wave on Earth: Friday 19 July 2013, 21:27–21:42 UTC+00:00" in page
    assert (
        "Camera at Saturn: Friday 19 July 2013, 22:47:13–23:01:56 UTC+00:00 (spacecraft event "
        "time)." in page
    )
    assert (
        "The camera records Earth 80 minutes 19 seconds after the wave, because that is how "
        "long light from Earth needs to reach Cassini" in page
    )


def test_without_a_camera_window_there_is_no_camera_line(client):
    event = make_event()
    assert "Camera at" not in text(client.get(event.get_absolute_url()))


@pytest.mark.parametrize(
    "fields",
    [
        {"target_body": "vulcan"},
        {
            "window_start": datetime(2100, 1, 1, tzinfo=UTC),
            "window_end": datetime(2100, 1, 1, 0, 15, tzinfo=UTC),
        },
    ],
    ids=["unknown-body", "beyond-the-ephemeris"],
)
def test_an_event_the_ephemeris_cannot_place_is_a_message(client, fields):
    event = make_event(**fields)  # created behind the admin's back
    for url in (
        event.get_absolute_url(),
        f"{event.get_absolute_url()}?lat=43.7&lon=-79.4",
        f"/events/{event.slug}/times/",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "We cannot say where to look for this event" in text(response)
    if fields.get("target_body") == "vulcan":
        assert "“vulcan” is not a body our ephemeris knows." in text(response)


# --- the map ----------------------------------------------------------------------------


def _participant(event, city, email, confirmed=True):
    return Participant.objects.create(
        event=event,
        name="Someone Private",
        email=email,
        city=city,
        zone=city.zone if city else "UTC",
        confirmed_at=CASSINI_START if confirmed else None,
    )


def test_the_map_marks_participants_per_city_never_a_person(client, cities):
    event = make_event()
    for n in range(3):
        _participant(event, cities["toronto"], f"t{n}@example.com")
    _participant(event, cities["tokyo"], "k@example.com")
    _participant(event, cities["sydney"], "unconfirmed@example.com", confirmed=False)
    _participant(event, None, "nocity@example.com")
    other = make_event()
    _participant(other, cities["rio"], "other-event@example.com")
    html = client.get(event.get_absolute_url()).content.decode()
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert svg.count("<circle") == 2 + 1  # two cities, the point below Saturn
    assert "<title>3 participants</title>" in svg and "<title>1 participant</title>" in svg
    assert (
        "Participants have signed up from 2 cities (4 people); 3 of them are on the facing half."
        in text_of(html)
    )
    assert "Someone Private" not in html
    assert "example.com" not in html


def test_the_map_is_server_drawn_svg_with_a_text_version(client):
    event = make_event()
    html = client.get(event.get_absolute_url(), {"lat": "43.7", "lon": "-79.4"}).content.decode()
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert re.search(r"\sstyle=", svg) is None
    assert 'class="map-place"' in svg
    assert "Your place: 43.7° N, 79.4° W" in svg
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert re.search(r"\son[a-z]+=", html) is None


# --- the world table's column -------------------------------------------------------------


def test_world_page_says_for_each_zone_whether_saturn_is_up(client):
    event = make_event()
    html = client.get(f"/events/{event.slug}/times/").content.decode()

    def cell(zone: str) -> str:
        row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*?{re.escape(zone)}</a></td>\s*</tr>", html, re.S)
        return text_of(re.findall(r"<td>(.*?)</td>", row.group(0), re.S)[3])

    assert "Saturn up? (largest city)" in text_of(html)
    assert cell("America/Toronto") == "Yes, 28° up"
    assert cell("America/Sao_Paulo").startswith("Yes")
    assert cell("Asia/Tokyo") == "No, below the horizon"
    # No city of 15,000+: the place the zone is named after (tzdata), McMurdo Station.
    assert cell("Antarctica/McMurdo") == "Yes, 1° up"


def test_world_page_query_count_is_unchanged_by_the_column(client, django_assert_num_queries):
    event = make_event()
    # the event's version (for the page cache's key) and the event; the column reads
    # shipped data, not the database
    with django_assert_num_queries(2):
        client.get(f"/events/{event.slug}/times/?tz=Asia/Kolkata")


# --- query counts -------------------------------------------------------------------------


def test_event_page_with_a_city_adds_one_query(client, django_assert_num_queries, cities):
    event = make_event()
    url = f"{event.get_absolute_url()}?city={TORONTO_ID}"
    client.get(url)
    cache.clear()  # measure a rendering, not the page cache
    # the event page's 8 (tests/test_pages.py) and the city
    with django_assert_num_queries(9):
        client.get(url)
    # from the page cache: only the city (the place is part of the key)
    with django_assert_num_queries(1):
        client.get(url)


def test_a_turned_away_place_adds_one_query_for_all_big_cities(
    client, django_assert_num_queries, cities
):
    event = make_event()
    # the event page's 8 (tests/test_pages.py) and big cities (one query for all of them)
    with django_assert_num_queries(9):
        client.get(f"{event.get_absolute_url()}?lat=35.7&lon=139.7")


# --- the search box's JSON ------------------------------------------------------------------


def test_search_answers_json_biggest_prefix_first_and_may_be_cached(client, cities):
    response = client.get("/places/search/", {"q": "sao"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    body = response.json()
    assert body["query"] == "sao"
    assert body["results"] == [
        {
            "id": 3448439,
            "name": "São Paulo",
            "country": "Brazil",
            "label": "São Paulo, Brazil",
            "latitude": -23.55,
            "longitude": -46.64,
            "zone": "America/Sao_Paulo",
            "population": 10_000_000,
        }
    ]


@pytest.mark.parametrize("query", ["", "   ", "zzzzzz", "x" * 5000, "<script>", "%", "_"])
def test_search_with_nothing_to_find_answers_an_empty_list(client, cities, query):
    response = client.get("/places/search/", {"q": query})
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_search_without_javascript_lists_cities_to_choose(client, cities):
    event = make_event()
    html = client.get(event.get_absolute_url(), {"place_q": "to"}).content.decode()
    options = re.findall(r'<option value="(\d+)">([^<]*)</option>', html)
    assert options[:2] == [
        ("1850147", "Tokyo, Japan (8,300,000 people)"),
        (str(TORONTO_ID), "Toronto, Canada (2,600,000 people)"),
    ]
    assert "2 cities match “to”" in text_of(html)


# --- remembering the place ----------------------------------------------------------------


def test_choosing_a_city_remembers_it_and_goes_back_without_the_link_place(client, cities):
    event = make_event()
    back = f"{event.get_absolute_url()}?lat=1&lon=2&place_q=tor&tz=Asia/Tokyo"
    response = client.post("/place/", {"city": str(TORONTO_ID), "next": back})
    assert response.status_code == 302
    assert response["Location"] == f"{event.get_absolute_url()}?tz=Asia%2FTokyo#where"
    cookie = response.cookies["place"]
    assert cookie.value == f"city:{TORONTO_ID}"
    assert cookie["samesite"] == "Lax" and cookie["httponly"]
    assert "From Toronto, Canada" in text(client.get(event.get_absolute_url()))


def test_giving_coordinates_keeps_them_to_a_tenth_of_a_degree(client):
    response = client.post("/place/", {"lat": "43.65321", "lon": "-79.38318", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["place"].value == "43.7:-79.4"


@pytest.mark.parametrize(
    "data",
    [
        {"lat": "95", "lon": "0"},
        {"lat": "0", "lon": "200"},
        {"lat": "abc", "lon": "0"},
        {"lat": "", "lon": ""},
        {"city": "nope"},
        {"city": "424242424"},
    ],
    ids=["lat", "lon", "word", "empty", "city-word", "city-unknown"],
)
def test_a_bad_place_is_a_400_with_a_message_and_no_cookie(client, data):
    response = client.post("/place/", {**data, "next": "/"})
    assert response.status_code == 400
    assert "That place is not one we can use" in text(response)
    assert "place" not in response.cookies


def test_forgetting_the_place_deletes_the_cookie(client):
    client.cookies["place"] = "43.7:-79.4"
    response = client.post("/place/", {"forget": "1", "next": "/"})
    assert response.cookies["place"].value == ""
    assert response.cookies["place"]["max-age"] == 0


def test_place_form_does_not_redirect_elsewhere_and_needs_post_and_csrf(client):
    response = client.post("/place/", {"lat": "1", "lon": "2", "next": "https://evil.example/"})
    assert response["Location"] == "/#where"
    assert client.get("/place/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/place/", {"lat": "1", "lon": "2"}).status_code == 403


# --- the organiser: camera window in, Earth window out --------------------------------------

EVENT_FIELDS = {
    "slug": "wave-at-saturn",
    "title": "Wave at Saturn",
    "spacecraft": "Cassini",
    "target": "Saturn",
    "summary": "Cassini photographs Earth.",
    "description": "Wave.",
    "target_body": "saturn barycenter",
    "status": Event.Status.PUBLISHED,
}


def test_clean_computes_the_2013_earth_window_from_the_camera_window():
    event = Event(**EVENT_FIELDS, camera_start=CAMERA_START, camera_end=CAMERA_END)
    event.clean()  # what the admin form runs; then everything else validates too
    event.full_clean()
    # Light left Earth at 21:26:54 and 21:41:37 UTC; announced to the minute.
    assert event.window_start == CASSINI_START
    assert event.window_end == CASSINI_END


def test_a_camera_window_under_a_minute_keeps_its_seconds():
    start = datetime(2013, 7, 19, 22, 47, 13, tzinfo=UTC)
    event = Event(**EVENT_FIELDS, camera_start=start, camera_end=start.replace(second=33))
    event.clean()
    assert event.window_start == datetime(2013, 7, 19, 21, 26, 54, tzinfo=UTC)
    assert event.window_end == datetime(2013, 7, 19, 21, 27, 14, tzinfo=UTC)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"window_start": datetime(1850, 1, 1, tzinfo=UTC)},
            "window_start",
            "the ephemeris (de421) that places the target covers no more",
        ),
        (
            {"camera_start": datetime(2100, 1, 1, tzinfo=UTC)},
            "camera_start",
            "Give a date between",
        ),
        ({"camera_end": CAMERA_START}, "camera_end", "The camera window must end after"),
    ],
    ids=["earth-1850", "camera-2100", "camera-reversed"],
)
def test_clean_refuses_dates_outside_the_ephemeris_and_reversed_camera_times(
    fields, field, message
):
    values = {
        **EVENT_FIELDS,
        "window_start": CASSINI_START,
        "window_end": CASSINI_END,
        "camera_start": CAMERA_START,
        "camera_end": CAMERA_END,
        **fields,
    }
    if field == "window_start":
        values.update(camera_start=None, camera_end=None)
    with pytest.raises(ValidationError) as refused:
        Event(**values).full_clean()
    assert message in " ".join(refused.value.message_dict[field])


def test_clean_needs_one_of_the_two_windows():
    with pytest.raises(ValidationError, match="Give the wave window on Earth, or the camera"):
        Event(**EVENT_FIELDS).clean()


def _admin_form(data):
    staff = User.objects.create_superuser("organiser", "o@example.com", "x")
    request = RequestFactory().get("/admin/events/event/add/")
    request.user = staff
    form_class = EventAdmin(Event, admin.site).get_form(request)
    return form_class(data=data)


def _admin_data(**fields):
    data = {key: value for key, value in EVENT_FIELDS.items() if key != "status"}
    data["status"] = "published"
    for name in ("window_start", "window_end", "camera_start", "camera_end"):
        value = fields.pop(name, None)
        data[f"{name}_0"] = value.strftime("%Y-%m-%d") if value else ""
        data[f"{name}_1"] = value.strftime("%H:%M:%S") if value else ""
    return {**data, **fields}


def test_admin_takes_the_camera_window_and_computes_the_earth_window():
    form = _admin_form(_admin_data(camera_start=CAMERA_START, camera_end=CAMERA_END))
    assert form.is_valid(), form.errors
    event = form.save()
    event.refresh_from_db()
    assert (event.window_start, event.window_end) == (CASSINI_START, CASSINI_END)
    assert (event.camera_start, event.camera_end) == (CAMERA_START, CAMERA_END)


def test_admin_takes_an_earth_window_alone():
    form = _admin_form(_admin_data(window_start=CASSINI_START, window_end=CASSINI_END))
    assert form.is_valid(), form.errors
    assert form.save().camera_start is None


def test_admin_refuses_no_window_and_dates_beyond_the_ephemeris():
    form = _admin_form(_admin_data())
    assert not form.is_valid()
    assert "Give the wave window on Earth, or the camera window" in str(form.errors)
    User.objects.all().delete()
    form = _admin_form(
        _admin_data(
            window_start=datetime(2051, 1, 1, tzinfo=UTC),
            window_end=datetime(2060, 1, 1, tzinfo=UTC),
        )
    )
    assert not form.is_valid()
    assert "the ephemeris (de421) that places the target covers no more" in str(
        form.errors["window_end"]
    )


def test_world_times_with_a_body_fills_every_zone_in_one_pass():
    from events.zones.worldclock import world_times

    groups = world_times(CASSINI_START, CASSINI_END, body="saturn barycenter")
    rows = {row.zone_name: row for group in groups for row in group.rows}
    assert all(row.target is not None for row in rows.values())
    assert rows["America/Toronto"].target.state == "up"
    assert rows["America/Toronto"].target_seen_from == "Toronto"
    assert rows["Asia/Tokyo"].target.state == "down"
    assert rows["Antarctica/McMurdo"].target_seen_from == "McMurdo"
    without = world_times(CASSINI_START, CASSINI_END)
    assert all(row.target is None for group in without for row in group.rows)
