#!/usr/bin/env python
"""Write the sample event's ephemeris table: events/organiser/data/sample-cruise-horizons.txt.

A MADE-UP probe, not a real spacecraft: launched from Earth's place on 2026-11-20 00:00 TDB
on a Hohmann-like transfer orbit towards Mars's distance (perihelion at Earth's distance from
the Sun, aphelion at 1.524 au, in the plane of Earth's orbit), moved on a pure two-body
Kepler orbit around the Sun. The table is written as JPL Horizons writes a geocentric vector
table (geometric states, km and km/s, ICRF, fixed width), so the site reads it exactly as it
reads one from Horizons. Earth's position comes from DE421 (skyfield-data): nothing is
downloaded. Run once; the file is committed.

    .venv/bin/python scripts/make_sample_cruise_table.py
"""

import math
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from events.astro.ephemeris import kernel, timescale

OUT = Path(__file__).resolve().parent.parent / "events/organiser/data/sample-cruise-horizons.txt"
GM_SUN_KM3_S2 = 1.32712440018e11
KM_PER_AU = 149_597_870.700
LAUNCH = datetime(2026, 11, 20, tzinfo=UTC)
APHELION_AU = 1.524
# The table: three days around the sample session of 20 May 2027, hourly.
FIRST, DAYS, STEP = datetime(2027, 5, 19, tzinfo=UTC), 3, timedelta(hours=1)

HEADER = """*******************************************************************************
SAMPLE TABLE FOR wavesite: a made-up probe, NOT a real spacecraft and NOT from JPL.
Written by scripts/make_sample_cruise_table.py in the layout of a JPL Horizons
geocentric vector table (two-body transfer orbit towards Mars's distance,
launched from Earth's place on 2026-Nov-20; Earth from DE421).
*******************************************************************************
Target body name: Sample probe (made up)          {{source: two-body sample}}
Center body name: Earth (399)                     {{source: DE421}}
Center-site name: BODY CENTER
*******************************************************************************
Start time      : A.D. {start:%Y-%b-%d %H:%M:%S}.0000 TDB
Stop  time      : A.D. {stop:%Y-%b-%d %H:%M:%S}.0000 TDB
Step-size       : 60 minutes
*******************************************************************************
Output units    : KM-S
Calendar mode   : Mixed Julian/Gregorian
Output type     : GEOMETRIC cartesian states
Output format   : 2 (position and velocity)
Reference frame : ICRF
*******************************************************************************
JDTDB
   X     Y     Z
   VX    VY    VZ
*******************************************************************************
$$SOE
"""


def transfer_orbit():
    """Perihelion position, plane axes, semi-major axis, eccentricity, mean motion (rad/s)."""
    ts = timescale()
    sun_to_earth = (kernel()["earth"] - kernel()["sun"]).at(ts.from_datetime(LAUNCH))
    r0, v0 = sun_to_earth.position.km, sun_to_earth.velocity.km_per_s
    perihelion = np.linalg.norm(r0)
    p_hat = r0 / perihelion
    normal = np.cross(r0, v0)
    q_hat = np.cross(normal / np.linalg.norm(normal), p_hat)
    aphelion = APHELION_AU * KM_PER_AU
    a = (perihelion + aphelion) / 2.0
    e = (aphelion - perihelion) / (aphelion + perihelion)
    return p_hat, q_hat, a, e, math.sqrt(GM_SUN_KM3_S2 / a**3)


def heliocentric_state(seconds: float, orbit) -> tuple[np.ndarray, np.ndarray]:
    """Position (km) and velocity (km/s) `seconds` after launch."""
    p_hat, q_hat, a, e, n = orbit
    mean = n * seconds
    eccentric = mean
    for _ in range(50):  # Newton on Kepler's equation E − e sin E = M
        eccentric -= (eccentric - e * math.sin(eccentric) - mean) / (1 - e * math.cos(eccentric))
    cos_e, sin_e = math.cos(eccentric), math.sin(eccentric)
    b = a * math.sqrt(1 - e * e)
    rate = n / (1 - e * cos_e)
    position = a * (cos_e - e) * p_hat + b * sin_e * q_hat
    velocity = -a * sin_e * rate * p_hat + b * cos_e * rate * q_hat
    return position, velocity


def main() -> None:
    ts = timescale()
    orbit = transfer_orbit()
    # Rows on whole TDB hours, as Horizons gives them.
    first = ts.tdb(FIRST.year, FIRST.month, FIRST.day).tdb
    launch = ts.from_datetime(LAUNCH).tdb
    count = DAYS * 24 + 1
    times = ts.tdb_jd(first + np.arange(count) * (STEP / timedelta(days=1)))
    earth = (kernel()["earth"] - kernel()["sun"]).at(times)
    rows = []
    for i in range(count):
        seconds = (times.tdb[i] - launch) * 86400.0
        position, velocity = heliocentric_state(seconds, orbit)
        p = position - earth.position.km[:, i]
        v = velocity - earth.velocity.km_per_s[:, i]
        jd = times.tdb[i]
        calendar = ts.tdb_jd(jd).tdb_strftime("%Y-%b-%d %H:%M:%S")
        rows.append(
            f"{jd:.9f} = A.D. {calendar}.0000 TDB \n"
            f" X ={p[0]: .15E} Y ={p[1]: .15E} Z ={p[2]: .15E}\n"
            f" VX={v[0]: .15E} VY={v[1]: .15E} VZ={v[2]: .15E}"
        )
    stop = FIRST + (count - 1) * STEP
    text = HEADER.format(start=FIRST, stop=stop) + "\n".join(rows) + "\n$$EOE\n"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="ascii")
    print(f"wrote {OUT} ({len(rows)} rows)")


if __name__ == "__main__":
    main()
