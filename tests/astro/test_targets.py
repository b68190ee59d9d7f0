"""Targets other than a planet: a spacecraft's Horizons table and a fixed direction.

The answers are known independently: a table is written here from skyfield/DE421 positions of
a planet (so the planet itself is the answer), and a fixed direction is checked against
PyEphem, a separate implementation (libastro), for a star-like body at that RA/Dec.
"""

import math
from datetime import UTC, datetime, timedelta

import ephem
import pytest

from events.astro import sky
from events.astro.ephemeris import kernel, timescale
from events.astro.horizon import horizon_view
from events.astro.riseset import day_at_place
from events.astro.skymap import sky_map
from events.astro.targets import check_covers, fixed_target, held, table_target

KM_PER_AU = 149_597_870.700
START = datetime(2026, 12, 1, tzinfo=UTC)
# Mars then is 1.17 au away: a cruise-like distance and light time (~10 minutes).
PLANET = "mars barycenter"
PLACES = [(48.85, 2.35), (-33.87, 151.21), (40.71, -74.01), (64.1, -21.9), (0.0, 0.0)]
HEADER = """*******************************************************************************
Target body name: Mars (499)                      {{source: mar097}}
Center body name: Earth (399)                     {{source: DE441}}
Center-site name: BODY CENTER
*******************************************************************************
Output units    : {units}
Output type     : GEOMETRIC cartesian states
Reference frame : {frame}
*******************************************************************************
{columns}
*******************************************************************************
$$SOE
"""
OBSERVER_HEADER = """*******************************************************************************
Target body name: Mars (499)                      {{source: mar097}}
Center body name: Earth (399)                     {{source: DE441}}
Center-site name: GEOCENTRIC
*******************************************************************************
RA format       : {ra_format}
Range units     : {units}
*******************************************************************************
{columns}
*******************************************************************************
$$SOE
"""
OBLIQUITY = math.radians(84381.448 / 3600.0)


def _times(hours: int = 48, step_minutes: int = 60):
    moments = [START + timedelta(minutes=m) for m in range(0, hours * 60 + 1, step_minutes)]
    return moments, timescale().from_datetimes(moments)


def vector_table(csv: bool = False, au: bool = False, ecliptic: bool = False, **kwargs) -> str:
    """Geometric geocentric states of Mars from DE421, written as Horizons writes them."""
    moments, times = _times(**kwargs)
    state = (kernel()[PLANET] - kernel()["earth"]).at(times)
    position, velocity = state.position.km.T, state.velocity.km_per_s.T
    if ecliptic:
        c, s = math.cos(OBLIQUITY), math.sin(OBLIQUITY)
        rotate = lambda v: (v[0], c * v[1] + s * v[2], -s * v[1] + c * v[2])  # noqa: E731
        position = [rotate(p) for p in position]
        velocity = [rotate(v) for v in velocity]
    if au:
        position = [[x / KM_PER_AU for x in p] for p in position]
        velocity = [[x / KM_PER_AU * 86400.0 for x in v] for v in velocity]
    rows = []
    for moment, jd, p, v in zip(moments, times.tdb, position, velocity, strict=True):
        calendar = f"A.D. {moment:%Y-%b-%d %H:%M:%S}.0000"
        if csv:
            numbers = ", ".join(f"{x: .15E}" for x in (*p, *v))
            rows.append(f"{jd:.9f}, {calendar}, {numbers},")
        else:
            rows.append(
                f"{jd:.9f} = {calendar} TDB \n"
                f" X ={p[0]: .15E} Y ={p[1]: .15E} Z ={p[2]: .15E}\n"
                f" VX={v[0]: .15E} VY={v[1]: .15E} VZ={v[2]: .15E}"
            )
    columns = (
        "JDTDB, Calendar Date (TDB), X, Y, Z, VX, VY, VZ,"
        if csv
        else "JDTDB\n   X     Y     Z\n   VX    VY    VZ"
    )
    header = HEADER.format(
        units="AU-D" if au else "KM-S",
        frame="Ecliptic of J2000.0" if ecliptic else "ICRF",
        columns=columns,
    )
    return header + "\n".join(rows) + "\n$$EOE\n"


def _sexagesimal(value: float, digits: int) -> str:
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole = int(value)
    minutes = int((value - whole) * 60)
    seconds = (value - whole - minutes / 60) * 3600
    return f"{sign}{whole:02d} {minutes:02d} {seconds:0{3 + digits}.{digits}f}"


def observer_table(csv: bool = False, degrees: bool = False, au: bool = True) -> str:
    """Astrometric RA/Dec and range of Mars from Earth's centre, as a Horizons observer table."""
    moments, times = _times()
    astrometric = kernel()["earth"].at(times).observe(kernel()[PLANET])
    ra, dec, distance = astrometric.radec()
    position, velocity = astrometric.position.km, astrometric.velocity.km_per_s
    deldot = (position * velocity).sum(axis=0) / distance.km
    rows = []
    for i, moment in enumerate(moments):
        delta = distance.au[i] if au else distance.km[i]
        if degrees:
            angles = [f"{ra._degrees[i]:.6f}", f"{dec.degrees[i]:.6f}"]
        else:
            angles = [_sexagesimal(ra.hours[i], 3), _sexagesimal(dec.degrees[i], 2)]
        if csv:
            rows.append(
                f" {moment:%Y-%b-%d %H:%M}, , ,{angles[0]},{angles[1]}, "
                f"{delta:.14f}, {deldot[i]:.7f},"
            )
        else:
            rows.append(
                f" {moment:%Y-%b-%d %H:%M} *m  {angles[0]} {angles[1]}  "
                f"{delta:.14f}  {deldot[i]:.7f}"
            )
    columns = (
        " Date__(UT)__HR:MN, , ,R.A.___(ICRF),DEC____(ICRF), delta, deldot,"
        if csv
        else " Date__(UT)__HR:MN     R.A._____(ICRF)_____DEC      delta      deldot"
    )
    header = OBSERVER_HEADER.format(
        ra_format="DEG" if degrees else "HMS", units="AU" if au else "KM", columns=columns
    )
    return header + "\n".join(rows) + "\n$$EOE\n"


def _separation_deg(a: sky.SkyPosition, b: sky.SkyPosition) -> float:
    alt1, alt2 = math.radians(a.altitude_deg), math.radians(b.altitude_deg)
    daz = math.radians(a.azimuth_deg - b.azimuth_deg)
    cosine = math.sin(alt1) * math.sin(alt2) + math.cos(alt1) * math.cos(alt2) * math.cos(daz)
    return math.degrees(math.acos(min(1.0, cosine)))


TABLES = {
    "vectors, fixed width, km": lambda: vector_table(),
    "vectors, CSV, au, ecliptic": lambda: vector_table(csv=True, au=True, ecliptic=True),
    "vectors, fixed width, au, ecliptic": lambda: vector_table(au=True, ecliptic=True),
    "observer, fixed width, HMS, au": lambda: observer_table(),
    "observer, CSV, degrees, km": lambda: observer_table(csv=True, degrees=True, au=False),
}


def max_error_deg(target) -> float:
    """Largest angle between the table's and the planet's place, over 36 h and five places."""
    worst = 0.0
    for minutes in range(6 * 60, 42 * 60, 37):
        when = START + timedelta(minutes=minutes)
        for lat, lon in PLACES:
            from_table = sky.where_to_look(target, when, lat, lon)
            direct = sky.where_to_look(PLANET, when, lat, lon)
            worst = max(worst, _separation_deg(from_table, direct))
    return worst


@pytest.mark.parametrize("kind", TABLES)
def test_a_table_of_a_planet_puts_it_where_the_planet_is(kind):
    target = table_target("Test probe", TABLES[kind]())
    assert max_error_deg(target) < 0.01


@pytest.mark.parametrize("kind", TABLES)
def test_the_vectorised_path_agrees_for_a_table(kind):
    target = table_target("Test probe", TABLES[kind]())
    when = START + timedelta(hours=20, minutes=13)
    lats, lons = zip(*PLACES, strict=True)
    many = sky.where_to_look_many(target, when, lats, lons)
    for position, (lat, lon) in zip(many, PLACES, strict=True):
        assert _separation_deg(position, sky.where_to_look(PLANET, when, lat, lon)) < 0.01
        assert position.body == "Test probe"


@pytest.mark.parametrize("kind", TABLES)
def test_the_wave_window_from_a_table_is_the_planets_within_a_second(kind):
    target = table_target("Test probe", TABLES[kind]())
    camera = (
        START + timedelta(hours=30, minutes=4, seconds=7),
        START + timedelta(hours=30, minutes=19),
    )
    from_table = sky.earth_window_from_camera(target, *camera)
    direct = sky.earth_window_from_camera(PLANET, *camera)
    for a, b in zip(from_table, direct, strict=True):
        assert abs((a - b).total_seconds()) <= 1.0
    # And it is a real light time earlier, not the camera window itself.
    assert camera[0] - from_table[0] > timedelta(minutes=5)


@pytest.mark.parametrize("kind", TABLES)
def test_distance_light_time_and_sub_point_of_a_table(kind):
    target = table_target("Test probe", TABLES[kind]())
    when = START + timedelta(hours=11)
    mine, direct = (
        sky.distance_and_light_time(target, when),
        sky.distance_and_light_time(PLANET, when),
    )
    assert mine.km == pytest.approx(direct.km, rel=1e-6)
    assert abs((mine.light_time - direct.light_time).total_seconds()) < 0.5
    lat, lon = sky.sub_body_point(target, when)
    lat0, lon0 = sky.sub_body_point(PLANET, when)
    assert lat == pytest.approx(lat0, abs=0.01)
    assert (lon - lon0 + 180) % 360 - 180 == pytest.approx(0.0, abs=0.01)


def test_a_table_refuses_instants_it_does_not_cover():
    target = table_target("Test probe", vector_table())
    with pytest.raises(sky.SkyError, match="table covers"):
        sky.where_to_look(target, START + timedelta(days=5), 0.0, 0.0)
    with pytest.raises(sky.SkyError, match="table covers"):
        sky.where_to_look_many(target, START - timedelta(hours=1), [0.0], [0.0])


def test_coverage_is_checked_against_the_window_one_light_time_earlier():
    target = table_target("Test probe", vector_table())
    # Light takes ~10 minutes: a window starting 5 minutes after the first row needs the
    # spacecraft 5 minutes before the table begins.
    with pytest.raises(sky.SkyError, match="needs it from"):
        check_covers(target, START + timedelta(minutes=5), START + timedelta(hours=1))
    check_covers(target, START + timedelta(minutes=15), START + timedelta(hours=47))
    with pytest.raises(sky.SkyError, match="camera window"):
        check_covers(
            target,
            START + timedelta(hours=1),
            START + timedelta(hours=2),
            camera=(START + timedelta(hours=47), START + timedelta(hours=49)),
        )


def test_rise_and_set_of_a_table_hold_its_ends_beyond_it():
    # A two-day table and the almanac's two-day search: rising and setting still come back,
    # within minutes of the planet's (Mars moves ~0.5° a day against the stars).
    target = table_target("Test probe", vector_table())
    when = START + timedelta(hours=20)
    day = day_at_place(target, when, when + timedelta(minutes=15), 48.85, 2.35)
    direct = day_at_place(PLANET, when, when + timedelta(minutes=15), 48.85, 2.35)
    for mine, theirs in (
        (day.target.rise, direct.target.rise),
        (day.target.set, direct.target.set),
    ):
        assert mine is not None and theirs is not None
        assert abs((mine - theirs).total_seconds()) < 10 * 60
    assert held(held(target)) == held(target) != target


def test_map_and_horizon_view_work_for_a_table():
    target = table_target("Test probe", vector_table())
    when = START + timedelta(hours=20)
    drawn = sky_map(target, when, when + timedelta(minutes=15), place=(48.85, 2.35, "Paris"))
    planet = sky_map(PLANET, when, when + timedelta(minutes=15), place=(48.85, 2.35, "Paris"))
    assert drawn.body_name == "Test probe"
    assert drawn.place_faces == planet.place_faces
    assert drawn.facing_path == planet.facing_path
    view = horizon_view(target, when, when + timedelta(minutes=15), 48.85, 2.35)
    assert view.body_name == "Test probe"
    assert view.start.position.compass == sky.where_to_look(PLANET, when, 48.85, 2.35).compass


def test_up_during_for_a_table_matches_the_planet():
    target = table_target("Test probe", vector_table())
    start, end = START + timedelta(hours=3), START + timedelta(hours=9)
    lats = [lat for lat in range(-80, 81, 20) for _ in range(12)]
    lons = [lon for _ in range(-80, 81, 20) for lon in range(-180, 180, 30)]
    mine = [u.state for u in sky.up_during(target, start, end, lats, lons)]
    direct = [u.state for u in sky.up_during(PLANET, start, end, lats, lons)]
    assert mine == direct
    assert {"up", "down"} <= set(mine)


# --- a fixed direction ------------------------------------------------------------------------

# (RA°, Dec°, place, instant): the Voyager 1 direction of 1990, a southern and a northern one.
FIXED_CASES = [
    (258.0, 12.0, (28.5, -80.6), datetime(1990, 2, 14, 4, 48, tzinfo=UTC)),
    (258.0, 12.0, (-35.4, 149.0), datetime(1990, 2, 14, 20, 0, tzinfo=UTC)),
    (83.6, -5.4, (51.48, 0.0), datetime(2027, 1, 10, 22, 0, tzinfo=UTC)),
    (10.7, 41.3, (40.71, -74.01), datetime(2026, 12, 5, 1, 30, tzinfo=UTC)),
    (300.0, -60.0, (-33.87, 151.21), datetime(2027, 6, 1, 12, 0, tzinfo=UTC)),
]


def _pyephem_altaz(ra_deg, dec_deg, lat, lon, when):
    body = ephem.FixedBody()
    body._ra = ephem.hours(math.radians(ra_deg))
    body._dec = ephem.degrees(math.radians(dec_deg))
    body._epoch = ephem.J2000
    observer = ephem.Observer()
    observer.lat, observer.lon = str(lat), str(lon)
    observer.elevation = 0.0
    observer.pressure = 0.0  # no refraction: our altitudes are geometric
    observer.date = ephem.Date(when.replace(tzinfo=None))
    body.compute(observer)
    return math.degrees(body.alt), math.degrees(body.az)


@pytest.mark.parametrize("ra, dec, place, when", FIXED_CASES)
def test_a_fixed_direction_stands_where_pyephem_puts_a_star(ra, dec, place, when):
    target = fixed_target("Probe", ra, dec, 6.0e9)
    mine = sky.where_to_look(target, when, *place)
    (vectorised,) = sky.where_to_look_many(target, when, [place[0]], [place[1]])
    alt, az = _pyephem_altaz(ra, dec, *place, when)
    for position in (mine, vectorised):
        assert position.altitude_deg == pytest.approx(alt, abs=0.1)
        assert (position.azimuth_deg - az + 180) % 360 - 180 == pytest.approx(0.0, abs=0.1)


def test_a_fixed_direction_has_its_distance_and_light_time():
    target = fixed_target("Probe", 258.0, 12.0, 6.0e9)
    when = datetime(1990, 2, 14, 4, 48, tzinfo=UTC)
    distance = sky.distance_and_light_time(target, when)
    assert distance.km == 6.0e9
    assert distance.light_time.total_seconds() == pytest.approx(6.0e9 / 299_792.458)
    start, end = sky.earth_window_from_camera(target, when, when + timedelta(minutes=10))
    assert abs((when - start).total_seconds() - 6.0e9 / 299_792.458) <= 1.0
    assert end - start == timedelta(minutes=10)


def test_a_fixed_direction_overhead_is_its_sub_point():
    target = fixed_target("Probe", 83.6, -5.4, 6.0e9)
    when = datetime(2027, 1, 10, 22, 0, tzinfo=UTC)
    lat, lon = sky.sub_body_point(target, when)
    assert sky.where_to_look(target, when, lat, lon).altitude_deg > 89.9
    assert lat == pytest.approx(-5.4, abs=0.5)  # of-date declination: precession since 2000


@pytest.mark.parametrize(
    "ra, dec, km", [(360.0, 0.0, 1e9), (10.0, 91.0, 1e9), (10.0, 0.0, 0.0), (math.nan, 0, 1e9)]
)
def test_a_fixed_direction_out_of_range_is_refused(ra, dec, km):
    with pytest.raises(sky.SkyError):
        fixed_target("Probe", ra, dec, km)
