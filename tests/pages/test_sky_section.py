"""Where to look, as a visitor sees it on an event page: the place from the link or the
cookie, the sky there, the event as a whole, the map, and what the place costs in queries."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache

from events.models import Event, Participant
from tests.factories import (
    CAMERA_END,
    CAMERA_START,
    CASSINI_START,
    TORONTO_ID,
    make_event,
    make_participant,
)
from tests.html import inline_scripts, section, text, visible

# Some tests count the page cache's hits, kept per 10-second slot: the clock stands still.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("still_clock")]


def sky_section_text(response) -> str:
    """The "Where to look" section as a reader sees it."""
    return visible(section(response.content.decode(), "sky"))


# --- the place from a link, and what the page says about it --------------------------------


def test_coordinates_in_the_link_show_where_to_look(client):
    event = make_event()
    response = client.get(event.get_absolute_url(), {"lat": "43.66", "lon": "-79.38"})
    page = sky_section_text(response)
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
    page = text(
        client.get(event.get_absolute_url(), {"city": str(TORONTO_ID), "tz": "Europe/Paris"})
    )
    assert "Showing times for Europe/Paris (from the link you opened)." in page
    # The place's own local time is still given beside its sky.
    assert (
        "Local time there (America/Toronto): Friday 19 July 2013, 17:27–17:42 EDT, UTC-04:00"
        in page
    )


def test_a_place_turned_away_says_so_and_shows_who_faces_the_camera(client, cities):
    event = make_event()
    page = sky_section_text(client.get(event.get_absolute_url(), {"city": "1850147"}))
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


def test_a_remembered_place_comes_in_the_sky_part(client, cities):
    # static/js/place.js asks for it with the place from the cookie; the page stays shared.
    event = make_event()
    part = client.get(f"/events/{event.slug}/sky/", {"city": TORONTO_ID, "remembered": "1"})
    page = text(part)
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
    assert "Choose your place below to see where Saturn stands" in sky_section_text(response)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"lat": "91", "lon": "0"}, "The latitude must be between −90 and 90 degrees; 91 is not."),
        (
            {"lat": "-90.1", "lon": "0"},
            "The latitude must be between −90 and 90 degrees; −90.1 is not.",
        ),
        (
            {"lat": "0", "lon": "181"},
            "The longitude must be between −180 and 180 degrees; 181 is not.",
        ),
        (
            {"lat": "0", "lon": "-180.5"},
            "The longitude must be between −180 and 180 degrees; −180.5 is not.",
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
    page = sky_section_text(response)
    assert message in page
    assert "Choose your place below" in page  # and the page goes on without a place
    assert "<script>alert(1)" not in response.content.decode()


# --- the event as a whole ---------------------------------------------------------------


def test_event_page_gives_distance_light_time_and_the_point_below_saturn(client):
    event = make_event(spacecraft="Cassini")
    page = sky_section_text(client.get(event.get_absolute_url()))
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


def someone_private(event, city, confirmed=True) -> Participant:
    """A participant whose name and address must never show."""
    return make_participant(
        event,
        name="Someone Private",
        city=city,
        confirmed_at=CASSINI_START if confirmed else None,
    )


def test_the_map_marks_participants_per_square_never_a_person(client, cities):
    event = make_event()
    for _ in range(3):
        someone_private(event, cities["toronto"])
    someone_private(event, cities["tokyo"])
    someone_private(event, cities["sydney"], confirmed=False)
    someone_private(event, None)
    other = make_event()
    someone_private(other, cities["rio"])
    html = client.get(event.get_absolute_url()).content.decode()
    svg = the_map(client, event)
    assert participant_circles(svg) == 2  # Toronto's square, Tokyo's
    # a class, never a count: both are "fewer than 10"
    assert re.findall(r"<title>Squares of 10° with ([^<]+)</title>", svg) == [
        "fewer than 10 people"
    ]
    assert "3 participants" not in svg and "1 participant" not in svg
    assert "3 people" not in svg and "1 person" not in svg
    assert (
        "Participants have signed up from 2 squares of 10° on the map (4 people); 3 of them "
        "are on the facing half." in visible(html)
    )
    assert "Someone Private" not in html
    assert "example.com" not in html


def test_the_map_is_server_drawn_svg_with_a_text_version(client):
    event = make_event()
    html = client.get(event.get_absolute_url(), {"lat": "43.7", "lon": "-79.4"}).content.decode()
    # The map is a file of its own, marked with the page's place; its words are on the page.
    src = re.search(
        r'<img class="sky-map-svg" src="([^"]+)" width="3600" height="1800" alt="[^"]+"', html
    ).group(1)
    version = f"{event.updated_at.timestamp():.0f}"
    assert src == f"/events/{event.slug}/map.svg?lat=43.7&amp;lon=-79.4&amp;v={version}"
    assert "The highlighted half of Earth faces Saturn" in html
    answer = client.get(src.replace("&amp;", "&"))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "image/svg+xml"
    assert answer["Cache-Control"] == "public, max-age=60"
    assert answer["ETag"] and answer["Last-Modified"]
    assert "Cookie" not in answer.get("Vary", "")
    again = client.get(src.replace("&amp;", "&"), headers={"if-none-match": answer["ETag"]})
    assert again.status_code == 304 and again.content == b""
    svg = answer.content.decode()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert re.search(r"\sstyle=", svg) is None
    assert 'class="map-place"' in svg
    assert "Your place: 43.7° N, 79.4° W" in svg
    assert inline_scripts(html) == []
    assert re.search(r"\son[a-z]+=", html) is None


# --- query counts -------------------------------------------------------------------------


def test_event_page_with_a_city_adds_one_query(client, django_assert_num_queries, cities):
    event = make_event()
    url = f"{event.get_absolute_url()}?city={TORONTO_ID}"
    client.get(url)
    cache.clear()  # measure a rendering, not the page cache
    # the event page's 9 (tests/pages/test_event_page.py) and the city
    with django_assert_num_queries(10):
        client.get(url)
    # from the page cache: only the city (the place is part of the key)
    with django_assert_num_queries(1):
        client.get(url)


def test_a_turned_away_place_adds_one_query_for_all_big_cities(
    client, django_assert_num_queries, cities
):
    event = make_event()
    # the event page's 9 (tests/pages/test_event_page.py) and big cities (one query for all of them)
    with django_assert_num_queries(10):
        client.get(f"{event.get_absolute_url()}?lat=35.7&lon=139.7")


def test_a_place_gets_the_horizon_picture_and_its_day(client):
    event = make_event()
    html = client.get(event.get_absolute_url(), {"lat": "48.86", "lon": "2.35"}).content.decode()
    svg = re.search(r'<svg[^>]*class="horizon-svg".*?</svg>', html, re.S).group(0)
    assert 'role="img"' in svg and "aria-label=" in svg
    assert re.search(r"\sstyle=", svg) is None
    page = visible(section(html, "sky"))
    # The Cassini window seen from Paris, in Paris time (no zone of the visitor's own).
    assert "At 23:27 CEST Saturn is 17° up in the south-west (azimuth 230°)" in page
    assert "Rising and setting on Friday 19 July 2013 (CEST)" in page
    assert "Saturn 15:01 20:13, 30° 01:25 (next day)" in page
    assert "Sun 06:07 13:56, 62° 21:45" in page
    assert "The window is after dark there: the Sun is 13° below the horizon." in page


def test_without_a_place_there_is_no_horizon_picture(client):
    event = make_event()
    html = client.get(event.get_absolute_url()).content.decode()
    assert "horizon-svg" not in html


def _crowd(event, places: list[tuple[float, float]]) -> None:
    """One confirmed participant in each of `places` (a city of its own), in bulk."""
    from events.models import City

    first = 80_000_000 + City.objects.count()
    cities = City.objects.bulk_create(
        City(
            geonameid=first + n,
            name=f"Town {n}",
            ascii_name=f"town {n}",
            search_name=f"town {n}",
            country_code="XX",
            country="Testland",
            latitude=lat,
            longitude=lon,
            zone="UTC",
            population=1000,
        )
        for n, (lat, lon) in enumerate(places)
    )
    confirmed = datetime(2013, 7, 1, tzinfo=UTC)
    Participant.objects.bulk_create(
        Participant(
            event=event,
            name="Wave",
            email=f"crowd{city.pk}@example.com",
            city=city,
            zone="UTC",
            created_at=confirmed,
            confirmed_at=confirmed,
        )
        for city in cities
    )


def the_map(client, event) -> str:
    return client.get(f"/events/{event.slug}/map.svg").content.decode()


def participant_circles(svg: str) -> int:
    group = re.search(r'<g class="map-participants".*?<g class="map-subpoint"', svg, re.S)
    return group.group(0).count("<circle") if group else 0


def test_the_map_shows_the_crowd_by_square_not_by_city(client):
    # 300 towns in one 10° square: one circle, whose title gives its class only.
    event = make_event()
    _crowd(event, [(41 + n / 100, 1 + n / 100) for n in range(300)])
    response = client.get(event.get_absolute_url())
    svg = the_map(client, event)
    assert participant_circles(svg) == 1
    assert "<title>Squares of 10° with 100–999 people</title>" in svg
    assert "300 people" in text(response)  # the total, in words, on the page


def test_the_event_page_does_not_grow_with_the_crowd(client):
    small, large = make_event(), make_event()
    _crowd(small, [(-60 + (n * 37) % 130, -170 + (n * 53) % 340) for n in range(50)])
    _crowd(large, [(-60 + (n * 37) % 130, -170 + (n * 53) % 340) for n in range(3000)])
    small_page = client.get(small.get_absolute_url())
    large_page = client.get(large.get_absolute_url())
    # 60 times the places: the page is the same size but for the numbers in it …
    assert abs(len(large_page.content) - len(small_page.content)) < 100
    assert len(large_page.content) < 60_000
    assert large_page.content.decode().count("<") < 1_500  # elements, and then some
    # no circle per place or square on the page: only the legend's, one per class
    assert large_page.content.count(b"<circle") == small_page.content.count(b"<circle") <= 5
    # … and the map has one circle per 10° square, however many places
    assert 50 < participant_circles(the_map(client, large)) <= 648


def test_the_map_changes_address_when_the_event_changes(client):
    # A browser keeps the map a minute: an organiser's change must reach it through a new
    # address on the page (which is asked for every time).
    event = make_event()
    before = re.search(r'src="(/events/[^"]+/map\.svg[^"]*)"', text_of(client, event)).group(1)
    Event.objects.filter(pk=event.pk).update(updated_at=event.updated_at + timedelta(minutes=1))
    cache.clear()
    after = re.search(r'src="(/events/[^"]+/map\.svg[^"]*)"', text_of(client, event)).group(1)
    assert before != after


def text_of(client, event) -> str:
    return client.get(event.get_absolute_url()).content.decode()


def test_the_map_of_a_draft_is_for_staff_and_not_for_caches(client, admin_client):
    event = make_event(status=Event.Status.DRAFT)
    assert client.get(f"/events/{event.slug}/map.svg").status_code == 404
    answer = admin_client.get(f"/events/{event.slug}/map.svg")
    assert answer.status_code == 200 and answer["Content-Type"] == "image/svg+xml"
    assert answer["Cache-Control"] == "private, no-cache"


def test_no_map_for_an_event_the_ephemeris_cannot_place(client):
    event = make_event()
    Event.objects.filter(pk=event.pk).update(target_body="vulcan")
    assert client.get(f"/events/{event.slug}/map.svg").status_code == 404


def test_the_map_costs_few_queries_and_none_from_the_cache(client, django_assert_num_queries):
    event = make_event()
    _crowd(event, [(-60 + (n * 37) % 130, -170 + (n * 53) % 340) for n in range(500)])
    cache.clear()
    # the event's version, the event, the crowd by square (one GROUP BY)
    with django_assert_num_queries(3):
        client.get(f"/events/{event.slug}/map.svg")
    with django_assert_num_queries(0):
        client.get(f"/events/{event.slug}/map.svg")


def test_participant_points_group_by_square_in_the_database(django_assert_num_queries):
    # 2,000 cities all over the globe, negative latitudes and longitudes included (floor,
    # not truncation: 0.5° S is in the square 10° S–0°, not 0°–10° N).
    from events.astro.skymap import MAX_CELLS, cell_centre
    from events.views.places import participant_points

    event = make_event()
    places = [(-89.9 + (n * 7.3) % 179.8, -179.9 + (n * 13.7) % 359.8) for n in range(1998)]
    places += [(-0.5, -0.5), (0.5, 0.5)]
    _crowd(event, places)
    with django_assert_num_queries(1):
        points = participant_points(event)
    expected: dict[tuple[float, float], int] = {}
    for lat, lon in places:
        expected[cell_centre(lat, lon)] = expected.get(cell_centre(lat, lon), 0) + 1
    assert len(points) == len(expected) <= MAX_CELLS
    assert {(lat, lon): count for lat, lon, count in points} == expected
    assert expected[(-5.0, -5.0)] >= 1 and expected[(5.0, 5.0)] >= 1
    assert sum(count for _, _, count in points) == 2000


def test_a_map_of_many_cities_has_at_most_one_circle_per_square(client):
    event = make_event()
    _crowd(event, [(-89.9 + (n * 7.3) % 179.8, -179.9 + (n * 13.7) % 359.8) for n in range(2000)])
    assert 100 < participant_circles(the_map(client, event)) <= 648


def test_a_square_of_three_never_says_three(client):
    # 3 people in one square (around 35° S, 15° W), 1,200 in another (45° N, 15° E).
    event = make_event()
    _crowd(event, [(-37.1, -12.3)] * 3)
    _crowd(event, [(41 + (n % 30) / 10, 11 + (n % 40) / 10) for n in range(1200)])
    svg = the_map(client, event)
    assert participant_circles(svg) == 2
    words = " ".join(re.findall(r"<(?:title|desc|text)[^>]*>([^<]*)<", svg))
    assert "fewer than 10 people" in words and "1,000 or more people" in words
    assert re.search(r"(?<![\d,.])3(?![\d,])", words) is None, words
    assert "People per 10° square" in words  # the legend
