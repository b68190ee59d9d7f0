"""Reading JPL Horizons tables: both kinds, both layouts, units, frames, and what is refused.

The tables here are small and written by hand, so each expected number follows from the text
(1 au is 149,597,870.7 km; RA 6h is 90°), not from the code under test.
"""

import math

import pytest

from events.astro.horizons import KM_PER_AU, TableError, read_table

GEOCENTRIC = """*******************************************************************************
Target body name: Test probe (-999)               {source: test}
Center body name: Earth (399)                     {source: DE441}
Center-site name: GEOCENTRIC
*******************************************************************************
"""


def vectors(rows, units="KM-S", frame="ICRF", csv=False, centre=GEOCENTRIC, step=1 / 24):
    """A vector table of `rows` (x, y, z, vx, vy, vz), one row per `step` days."""
    lines = []
    for i, (x, y, z, vx, vy, vz) in enumerate(rows):
        jd = 2461375.5 + i * step
        if csv:
            lines.append(
                f"{jd:.9f}, A.D. 2026-Dec-01 00:00:00.0000, {x:.9E}, {y:.9E}, "
                f"{z:.9E}, {vx:.9E}, {vy:.9E}, {vz:.9E},"
            )
        else:
            lines.append(
                f"{jd:.9f} = A.D. 2026-Dec-01 00:00:00.0000 TDB \n"
                f" X ={x: .9E} Y ={y: .9E} Z ={z: .9E}\n"
                f" VX={vx: .9E} VY={vy: .9E} VZ={vz: .9E}"
            )
    columns = (
        "JDTDB, Calendar Date (TDB), X, Y, Z, VX, VY, VZ," if csv else "JDTDB\n X Y Z\n VX VY VZ"
    )
    return (
        f"{centre}Output units    : {units}\nOutput type     : GEOMETRIC cartesian states\n"
        f"Reference frame : {frame}\n{'*' * 79}\n{columns}\n{'*' * 79}\n$$SOE\n"
        + "\n".join(lines)
        + "\n$$EOE\n"
    )


def moving(n=6, x0=1.0e8, speed_km_s=10.0, per_day=False):
    """Rows of a probe moving along x at `speed_km_s` with hourly steps (km, km/s or km/d)."""
    v = speed_km_s * (86400.0 if per_day else 1.0)
    return [(x0 + i * 3600 * speed_km_s, 2.0e7, -3.0e7, v, 0.0, 0.0) for i in range(n)]


def observer(rows, csv=False, header_units="AU", columns=None):
    """An observer table of (date, ra, dec, delta, deldot) strings."""
    lines = []
    for date, ra, dec, delta, deldot in rows:
        if csv:
            lines.append(f" {date}, , ,{ra},{dec}, {delta}, {deldot},")
        else:
            lines.append(f" {date}     {ra} {dec}  {delta}  {deldot}")
    units = f"Range units     : {header_units}\n" if header_units else ""
    columns = columns or (
        " Date__(UT)__HR:MN, , ,R.A.___(ICRF),DEC____(ICRF), delta, deldot,"
        if csv
        else " Date__(UT)__HR:MN     R.A._____(ICRF)_____DEC      delta      deldot"
    )
    return (
        f"{GEOCENTRIC}{units}{'*' * 79}\n{columns}\n{'*' * 79}\n$$SOE\n"
        + "\n".join(lines)
        + "\n$$EOE\n"
    )


HOURS = ["2026-Dec-01 00:00", "2026-Dec-01 01:00", "2026-Dec-01 02:00", "2026-Dec-01 03:00"]


def test_a_vector_table_in_km_and_km_s():
    table = read_table(vectors(moving()))
    assert table.kind == "vectors" and table.time_scale == "TDB"
    assert table.target_name == "Test probe (-999)"
    assert table.positions_km[2] == pytest.approx((1.0e8 + 72_000, 2.0e7, -3.0e7))
    assert table.velocities_km_s[0] == pytest.approx((10.0, 0.0, 0.0))
    assert table.julian_dates[1] - table.julian_dates[0] == pytest.approx(1 / 24)


@pytest.mark.parametrize("site", ["GEOCENTRIC", "BODY CENTER"])
def test_earths_centre_is_said_either_way(site):
    # Horizons names Earth's centre "BODY CENTER" in vector tables (CENTER='500@399') and
    # "GEOCENTRIC" in observer tables (CENTER='500').
    centre = GEOCENTRIC.replace("GEOCENTRIC", site)
    assert read_table(vectors(moving(), centre=centre)).positions_km[0][0] == 1.0e8


def test_the_csv_layout_reads_the_same_as_the_fixed_width_one():
    fixed, csv = read_table(vectors(moving())), read_table(vectors(moving(), csv=True))
    for a, b in zip(
        csv.positions_km + csv.velocities_km_s,
        fixed.positions_km + fixed.velocities_km_s,
        strict=True,
    ):
        assert a == pytest.approx(b)


def test_au_and_au_per_day_become_km_and_km_s():
    au_rows = [
        tuple(v / KM_PER_AU for v in row[:3]) + tuple(v / KM_PER_AU for v in row[3:])
        for row in moving(per_day=True)
    ]
    table = read_table(vectors(au_rows, units="AU-D"))
    assert table.positions_km[0] == pytest.approx((1.0e8, 2.0e7, -3.0e7))
    assert table.velocities_km_s[0] == pytest.approx((10.0, 0.0, 0.0))


@pytest.mark.parametrize("csv", [False, True])
def test_the_time_scale_is_read_from_the_time_column(csv):
    tdb = read_table(vectors(moving(), csv=csv))
    ut = read_table(vectors(moving(), csv=csv).replace("JDTDB", "JDUT"))
    assert (tdb.time_scale, ut.time_scale) == ("TDB", "UTC")


def test_km_per_day_becomes_km_s():
    table = read_table(vectors(moving(per_day=True), units="KM-D"))
    assert table.velocities_km_s[0] == pytest.approx((10.0, 0.0, 0.0))


def test_the_ecliptic_is_turned_onto_the_equator():
    # A point on the ecliptic's y axis is, on the equator, at declination +23.44° (ε).
    rows = [(1.0e7 + i * 36_000, 1.0e8, 0.0, 10.0, 0.0, 0.0) for i in range(5)]
    table = read_table(vectors(rows, frame="Ecliptic of J2000.0"))
    x, y, z = table.positions_km[0]
    assert math.degrees(math.atan2(z, y)) == pytest.approx(84381.448 / 3600, abs=1e-9)
    assert math.dist((0, 0, 0), (x, y, z)) == pytest.approx(math.hypot(1.0e7, 1.0e8))


def test_an_observer_table_in_hours_minutes_seconds_and_au():
    rows = [
        (d, "06 00 00.000", "-00 30 00.00", f"{1.0 + i * 1e-5:.8f}", "0.4155")
        for i, d in enumerate(HOURS)
    ]
    table = read_table(observer(rows))
    assert table.kind == "observer" and table.time_scale == "UTC"
    x, y, z = table.positions_km[0]
    assert math.degrees(math.atan2(y, x)) == pytest.approx(90.0)  # RA 6h
    assert math.degrees(math.asin(z / KM_PER_AU)) == pytest.approx(-0.5)  # "-00" keeps its sign
    assert math.dist((0, 0, 0), (x, y, z)) == pytest.approx(KM_PER_AU)


def test_an_observer_table_in_degrees_and_km_with_flags_and_csv():
    km = [1.5e8 + i * 3600 * 20.0 for i in range(4)]
    rows = [
        (d, "45.000000", "10.000000", f"{k:.3f}", "20.0") for d, k in zip(HOURS, km, strict=True)
    ]
    fixed = observer(rows, header_units="KM").replace(
        " 2026-Dec-01 01:00 ", " 2026-Dec-01 01:00 *m"
    )
    for text in (fixed, observer(rows, csv=True, header_units="KM")):
        table = read_table(text)
        assert math.dist((0, 0, 0), table.positions_km[1]) == pytest.approx(km[1])


def test_the_range_unit_is_found_from_deldot_when_the_header_does_not_say():
    au = [
        (d, "45.0", "10.0", f"{1.0 + i * 3600 * 20.0 / KM_PER_AU:.12f}", "20.0")
        for i, d in enumerate(HOURS)
    ]
    table = read_table(observer(au, header_units=None))
    assert math.dist((0, 0, 0), table.positions_km[0]) == pytest.approx(KM_PER_AU)


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty"),
        ("X = 1 Y = 2 Z = 3", r"\$\$SOE"),
        ("$$SOE\n2461375.5 = A.D.\n X = 1 Y = 2 Z = 3\n$$EOE", "header is missing"),
        (vectors(moving(), centre=GEOCENTRIC.replace("Earth (399)", "Sun (10)")), "centred on Sun"),
        (vectors(moving(), centre=GEOCENTRIC.replace("GEOCENTRIC", "Palomar")), "place on Earth"),
        (vectors(moving()).replace("Output units    : KM-S\n", ""), "units"),
        (vectors(moving()).replace("Reference frame : ICRF\n", ""), "reference frame"),
        (vectors(moving()).replace("GEOMETRIC", "Astrometric"), "geometric states"),
        (vectors(moving(n=3)), "at least 4"),
        (vectors(moving(), units="AU-D"), "inside Earth|units"),
        (
            vectors([(1.0e8 + i * 36_000, 0, 0, 10.0 / KM_PER_AU, 0, 0) for i in range(5)]),
            "velocities",
        ),
        (vectors(moving(), step=2.0), "step"),
        (vectors(moving()).replace("X = 1.000", "X = abc"), "X, Y and Z are not all there"),
        (vectors(moving(), csv=True).replace(", 2.000000000E+07", ", 2.0e7x"), "not a number"),
        (vectors(moving(), csv=True).replace(", 2.000000000E+07", ", nan"), "finite"),
        ("Center body name: Earth (399)\n" + "$$SOE\n\x00\n$$EOE", "binary"),
        ("x" * 2_000_001, "too long"),
    ],
)
def test_bad_tables_are_refused_with_a_reason(text, message):
    with pytest.raises(TableError, match=message):
        read_table(text)


def test_a_missing_row_is_a_gap():
    text = vectors(moving(n=8))
    blocks = text.split("$$SOE\n")[1].split("$$EOE")[0].strip().split("\n")
    without_fourth = "\n".join(blocks[:9] + blocks[12:])
    with pytest.raises(TableError, match="gap"):
        read_table(text.split("$$SOE\n")[0] + "$$SOE\n" + without_fourth + "\n$$EOE\n")


def test_rows_out_of_order_are_refused():
    rows = [(d, "45.0", "10.0", "1.0", "0.0") for d in (HOURS[0], HOURS[2], HOURS[1], HOURS[3])]
    with pytest.raises(TableError, match="time order"):
        read_table(observer(rows))


@pytest.mark.parametrize(
    "columns, message",
    [
        (" Date__(UT)__HR:MN     R.A.__(a-apparent)__DEC      delta      deldot", "astrometric"),
        (" Date__(UT)__HR:MN     R.A._____(ICRF)_____DEC", "range"),
    ],
)
def test_observer_tables_without_what_the_sky_needs_are_refused(columns, message):
    rows = [(d, "45.0", "10.0", "1.0", "0.0") for d in HOURS]
    with pytest.raises(TableError, match=message):
        read_table(observer(rows, columns=columns))


def test_an_observer_table_whose_units_contradict_deldot_is_refused():
    km = [(d, "45.0", "10.0", f"{1.5e8 + i * 72_000:.1f}", "20.0") for i, d in enumerate(HOURS)]
    with pytest.raises(TableError, match="units"):
        read_table(observer(km, header_units="AU"))


def test_extra_observer_columns_are_refused_in_fixed_width():
    rows = [(d, "45.0", "10.0", "1.0 2.0 3.0", "0.0") for d in HOURS]
    with pytest.raises(TableError, match="quantities 1 and 20"):
        read_table(observer(rows))


def test_n_a_values_are_refused():
    rows = [(d, "45.0", "10.0", "n.a.", "0.0") for d in HOURS]
    with pytest.raises(TableError, match=r"n\.a\."):
        read_table(observer(rows))


def test_a_table_of_too_many_rows_is_refused_quickly():
    header = vectors(moving(), csv=True).split("$$SOE")[0]
    rows = "\n".join(f"{2461375.5 + i / 1440:.6f},A,1E8,0,0,1,0,0," for i in range(20_001))
    with pytest.raises(TableError, match="too many rows"):
        read_table(f"{header}$$SOE\n{rows}\n$$EOE\n")
