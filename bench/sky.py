#!/usr/bin/env python
"""What the sky costs: the first computation in a fresh process, one place, the world column,
and the server time of the pages that show them.

    .venv/bin/python bench/sky.py            # prints a Markdown section
    .venv/bin/python bench/sky.py --write    # and appends it to bench/RESULTS.md

Runs in one process on an in-memory SQLite test database (cities loaded from the shipped
GeoNames set), plus a few fresh subprocesses for the cold start. No network, no server.
Aims (issue 5): cold < 0.3 s, warm < 1 ms per page for one place, world column < 20 ms.
"""

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wavesite.settings")
os.environ.setdefault("DEBUG", "True")

COLD_RUNS = 5
# A fresh interpreter: Django set up and events.astro.sky imported (the models do not import
# it), then the first sky computation, timed alone: the ephemeris file, the timescale, one
# observe().
COLD_SCRIPT = """
import time, django
django.setup()
from datetime import UTC, datetime
from events.astro import sky
t0 = time.perf_counter()
sky.where_to_look_many("saturn barycenter", datetime(2013, 7, 19, 21, 27, tzinfo=UTC),
                       [43.7], [-79.4])
t1 = time.perf_counter()
print(t1 - t0)
"""
COLD_IMPORT_SCRIPT = """
import time
t0 = time.perf_counter()
from datetime import UTC, datetime
from events.astro import sky
sky.where_to_look_many("saturn barycenter", datetime(2013, 7, 19, 21, 27, tzinfo=UTC),
                       [43.7], [-79.4])
print(time.perf_counter() - t0)
"""

COLD_ZONE_SCRIPT = """
import time, django
django.setup()
from events.places.coordinates import place_at
t0 = time.perf_counter()
place_at("43.7", "-79.4")
print(time.perf_counter() - t0)
"""


def fresh_process_seconds(script: str) -> float:
    out = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def machine() -> str:
    """'2 × AMD EPYC 7B13' from /proc/cpuinfo, else what platform knows."""
    try:
        models = [
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ]
    except OSError:
        models = []
    if models:
        return f"{len(models)} × {models[0]}"
    return f"{os.cpu_count()} × {platform.processor() or platform.machine()}"


def per_call(function, repeat: int) -> float:
    """Median seconds per call over `repeat` calls, in 5 batches."""
    batches = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(repeat):
            function()
        batches.append((time.perf_counter() - t0) / repeat)
    return statistics.median(batches)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f}" if seconds < 0.01 else f"{seconds * 1000:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--write", action="store_true", help="append to bench/RESULTS.md")
    args = parser.parse_args()

    cold = [fresh_process_seconds(COLD_SCRIPT) for _ in range(COLD_RUNS)]
    cold_import = [fresh_process_seconds(COLD_IMPORT_SCRIPT) for _ in range(COLD_RUNS)]
    cold_zone = [fresh_process_seconds(COLD_ZONE_SCRIPT) for _ in range(COLD_RUNS)]

    import django
    import numpy
    import skyfield

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment

    from events.astro import sky
    from events.astro.skymap import sky_map
    from events.astro.skyreport import event_sky, place_sky
    from events.organiser.seed import CASSINI
    from events.places.coordinates import place_at
    from events.places.place import Place
    from events.zones.catalogue import countries_by_zone
    from events.zones.worldclock import target_by_zone

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    from events.models import Event

    call_command("load_cities", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    event = Event.objects.create(**CASSINI)
    start, end = event.window_start, event.window_end
    body = event.target_body

    # Warm: the event's vectors are cached after the first page; each new place pays numpy.
    event_sky(event)
    sky_map(body, start, end)
    places = [
        Place(f"p{i}", zone=None, latitude=lat, longitude=lon)
        for i, (lat, lon) in enumerate(
            (lat, lon) for lat in range(-80, 81, 10) for lon in range(-170, 171, 20)
        )
    ]
    index = iter(range(10**9))

    def one_place() -> None:
        place_sky(event, places[next(index) % len(places)])

    def one_page_sky() -> None:
        place = places[next(index) % len(places)]
        event_sky(event)
        place_sky(event, place)
        sky_map(body, start, end, place=(place.latitude, place.longitude, place.name))

    warm_place = per_call(one_place, 2000)
    warm_page = per_call(one_page_sky, 500)
    zone_count = len(countries_by_zone())
    world_column = per_call(lambda: target_by_zone(body, start, end), 50)
    coordinates_zone = per_call(lambda: place_at("43.7", "-79.4"), 2000)

    client = Client()
    times_url = f"/events/{event.slug}/times/?tz=Europe/Paris"
    detail_url = event.get_absolute_url()
    with override_settings(PAGE_CACHE=False):
        client.get(times_url)
        client.get(f"{detail_url}?city=6167865")
        world_page = per_call(lambda: client.get(times_url), 5)
        detail_no_place = per_call(lambda: client.get(detail_url), 20)
        detail_city = per_call(lambda: client.get(f"{detail_url}?city=6167865"), 20)
        detail_away = per_call(lambda: client.get(f"{detail_url}?city=1850147"), 20)

    rows = [
        ("cold: first sky computation in a fresh process (Django set up)", cold, "< 300"),
        ("cold: import events.astro.sky + first computation, bare interpreter", cold_import, ""),
        ("cold: first raw coordinates → zone (timezonefinder loads)", cold_zone, ""),
    ]
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    versions = f"{skyfield.__version__}, numpy {numpy.__version__}"
    lines = [
        "### Sky (issue 5)",
        "",
        f"{today}, {machine()}, Python {platform.python_version()}, skyfield {versions}; "
        "in-process (Django test client, in-memory SQLite), page cache off.",
        "Command: `.venv/bin/python bench/sky.py --write`",
        "",
        "| what | ms | aim (ms) |",
        "| --- | ---: | ---: |",
    ]
    for label, values, aim in rows:
        lines.append(
            f"| {label} (median of {len(values)}; min {ms(min(values))}, max {ms(max(values))}) "
            f"| {ms(statistics.median(values))} | {aim} |"
        )
    lines += [
        f"| warm: one place, start and end of the window (`place_sky`) | {ms(warm_place)} | |",
        "| warm: all the sky of an event page for one place (facts, place, map paths) "
        f"| {ms(warm_page)} | < 1 |",
        f"| raw coordinates → zone (timezonefinder, rounding) | {ms(coordinates_zone)} | |",
        f"| world column: {zone_count} zones' largest cities, start and end, vectorised "
        f"| {ms(world_column)} | < 20 |",
        f"| world column per place | {ms(world_column / zone_count)} | |",
        f"| world page, whole server time (uncached) | {ms(world_page)} | |",
        f"| event page, no place (uncached) | {ms(detail_no_place)} | |",
        f"| event page, a city facing the camera (uncached) | {ms(detail_city)} | |",
        "| event page, a city turned away: + 3,000 big cities for who faces instead "
        f"| {ms(detail_away)} | |",
    ]
    lines += [
        "",
        "Notes: the models do not import the sky (events.astro), so a process that never draws "
        "a sky (a task worker, a management command) never loads skyfield or numpy. The first "
        "sky computation costs the ephemeris and the timescale (first row); a bare interpreter "
        "also pays the imports of skyfield and numpy (second row). "
        "Warm rows reuse the event's cached geocentric vectors and map shading: a new place "
        "costs only numpy. The world page's time is the zone table itself (418 zones' local "
        "windows and the template); its sky column is the world-column row. The turned-away "
        "page adds one query for the 3,000 biggest cities and one numpy pass over them. "
        "A shared 2-core machine: expect ±50% between runs.",
    ]
    section = "\n".join(lines) + "\n"
    print(section)
    del sky
    if args.write:
        results = ROOT / "bench" / "RESULTS.md"
        with results.open("a", encoding="utf-8") as out:
            out.write("\n" + section)
        print(f"appended to {results}")


if __name__ == "__main__":
    main()
