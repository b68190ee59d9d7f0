#!/usr/bin/env python
"""The organisers' side at 200,000 participants: how long `fake_participants` takes to
make them, the server time of the dashboard, the participant list and the CSV export, and
a broadcast's emails per second to a local SMTP sink.

    scripts/services.sh postgres
    .venv/bin/python bench/organiser.py              # prints a Markdown section
    .venv/bin/python bench/organiser.py --write      # and appends it to bench/RESULTS.md

For each database (PostgreSQL in a throwaway database wavesite_bench_organiser, then
SQLite in a temporary file): migrate, load the cities, seed the events, then time
`manage.py fake_participants sample-wave 200000`. On PostgreSQL the table is then
vacuumed and analysed, as autovacuum does after a bulk load. Pages are timed in-process
with Django's test client as a signed-in superuser, DEBUG off (so: the whole server side
of a request, middleware included, without the network): one first request, then the
median of --repeat. The export is read to its end, its peak Python memory measured
(tracemalloc) on a separate pass.

The broadcast (PostgreSQL): another event gets --broadcast-people generated participants;
an announcement is sent to those who asked for announcements, by --workers `db_worker`
processes, over SMTP to aiosmtpd's Sink on 127.0.0.1; emails per second from the first
task to the last SENT row.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "bench"))
from harness import production_environment, report  # noqa: E402 - bench/harness.py

from tests.processes import free_port, wait_until  # noqa: E402

PYTHON = str(ROOT / ".venv/bin/python")
PG_ADMIN_URL = "postgresql://wavesite:wavesite@127.0.0.1:5432/postgres"
PG_DATABASE = "wavesite_bench_organiser"
PG_URL = f"postgres://wavesite:wavesite@127.0.0.1:5432/{PG_DATABASE}"
EVENT = "sample-wave"
BROADCAST_EVENT = "messenger-earth-moon-2013"


def environment(database_url: str, static_root: Path, **extra: str) -> dict:
    # The organiser benchmark drives Django's test client too, whose host is "testserver";
    # it keeps the access log (gunicorn's default) and never uses Redis.
    env = production_environment(
        database_url,
        static_root,
        ALLOWED_HOSTS="testserver,127.0.0.1",
        MAIL_CONSOLE="True",
        **extra,
    )
    env.pop("ACCESS_LOG")
    env.pop("REDIS_URL", None)
    return env


def manage(env: dict, *command: str) -> str:
    done = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def postgres(query: str, params: tuple = (), database: str = PG_DATABASE):
    import psycopg

    url = PG_ADMIN_URL if database == "postgres" else PG_URL.replace("postgres://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as db:
        cursor = db.execute(query, params)
        return cursor.fetchall() if cursor.description else None


def prepare(env: dict, people: int) -> dict:
    """A fresh database with the cities, the events and `people` generated sign-ups."""
    for command in (
        ["migrate", "-v0"],
        ["load_cities"],
        ["seed_events"],
        ["collectstatic", "--no-input", "-v0"],
    ):
        manage(env, *command)
    began = time.perf_counter()
    output = manage(env, "fake_participants", EVENT, str(people), "--seed", "1")
    return {"fake_seconds": time.perf_counter() - began, "fake_output": output.strip()}


# --- in-process measurement (run as a child with the database's environment) ---------------


def _timed(client, url: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def once() -> float:
        began = time.perf_counter()
        response = client.get(url)
        if response.streaming:
            for _ in response.streaming_content:
                pass
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        return (time.perf_counter() - began) * 1000

    first = once()
    times = [once() for _ in range(repeat)]
    with CaptureQueriesContext(connection) as queries:
        once()
    return {
        "first_ms": first,
        "median_ms": statistics.median(times),
        "min_ms": min(times),
        "max_ms": max(times),
        "queries": len(queries),
    }


def measure(repeat: int) -> dict:
    import tracemalloc

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wavesite.settings")
    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client

    from events.models import Event, Participant

    user = User.objects.create_superuser("bench", "bench@example.org", "bench-password-1")
    client = Client()
    client.force_login(user)
    event = Event.objects.get(slug=EVENT)
    participants = "/admin/events/participant/"
    rows = Participant.objects.count()
    middle = rows // 200  # a page half-way through the list (the admin counts from 0)
    pages = {
        "dashboard (one event)": f"/admin/events/event/{event.pk}/dashboard/",
        "dashboard index (every event)": "/admin/events/event/dashboard/",
        "participant list": participants,
        "participant list, filtered by event": f"{participants}?event__id__exact={event.pk}",
        "participant list, by country (FR)": f"{participants}?country_code=FR",
        "participant list, by zone (Asia/Kolkata)": f"{participants}?zone=Asia%2FKolkata",
        "participant list, pending only": f"{participants}?confirmed=no",
        "participant list, search 'silva'": f"{participants}?q=silva",
        f"participant list, page {middle + 1:,} (offset {middle * 100:,})": (
            f"{participants}?p={middle}"
        ),
    }
    results = {"rows": rows}
    results["pages"] = {name: _timed(client, url, repeat) for name, url in pages.items()}
    export = f"/admin/events/participant/export.csv?event__id__exact={event.pk}"
    results["export"] = _timed(client, export, max(1, repeat // 2))
    tracemalloc.start()
    response = client.get(export)
    size = sum(len(chunk) for chunk in response.streaming_content)
    results["export"]["peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    results["export"]["mb"] = size / 1e6
    return results


# --- the broadcast to an SMTP sink ---------------------------------------------------------


def broadcast_setup() -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wavesite.settings")
    django.setup()
    from django.utils import timezone

    from events.models import Announcement, Event
    from events.signups import broadcast

    event = Event.objects.get(slug=BROADCAST_EVENT)
    announcement = Announcement.objects.create(
        event=event,
        title="Benchmark",
        body="Clear skies forecast. **Look up** at the time below.",
        published_at=timezone.now(),
    )
    recipients = broadcast.recipients(announcement, include_generated=True).count()
    return {"announcement": announcement.pk, "recipients": recipients}


def broadcast_start(announcement_id: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wavesite.settings")
    django.setup()
    from events.models import Announcement
    from events.signups import broadcast

    broadcast.start_broadcast(Announcement.objects.get(pk=announcement_id), include_generated=True)


def smtp_sink(port: int) -> subprocess.Popen:
    sink = subprocess.Popen(  # noqa: S603
        [PYTHON, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import socket

    def answers() -> bool:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            return False

    wait_until(answers, 15, what="aiosmtpd")
    return sink


def measure_broadcast(env: dict, people: int, workers: int) -> dict:
    manage(env, "fake_participants", BROADCAST_EVENT, str(people), "--seed", "2")
    port = free_port()
    mail_env = {**env, "MAIL_CONSOLE": "False", "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(port)}
    setup = json.loads(
        subprocess.run(  # noqa: S603
            [PYTHON, __file__, "--child", "broadcast-setup"],
            cwd=ROOT,
            env=mail_env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    sink = smtp_sink(port)
    processes = [
        subprocess.Popen(  # noqa: S603
            [PYTHON, "manage.py", "db_worker", "--queue-name", "email", "--interval", "0.05"],
            cwd=ROOT,
            env=mail_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    try:
        began = time.perf_counter()
        subprocess.run(  # noqa: S603
            [PYTHON, __file__, "--child", "broadcast-start", str(setup["announcement"])],
            cwd=ROOT,
            env=mail_env,
            check=True,
        )

        def sent() -> int:
            return postgres(
                "SELECT count(*) FROM events_emaildelivery "
                "WHERE announcement_id = %s AND status = 'sent'",
                (setup["announcement"],),
            )[0][0]

        wait_until(lambda: sent() >= setup["recipients"], 1800, interval=0.5, what="broadcast")
        seconds = time.perf_counter() - began
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        sink.terminate()
        sink.wait(timeout=10)
    rows = postgres(
        "SELECT count(*), count(DISTINCT participant_id) FROM events_emaildelivery "
        "WHERE announcement_id = %s",
        (setup["announcement"],),
    )[0]
    return {
        "recipients": setup["recipients"],
        "seconds": seconds,
        "per_second": setup["recipients"] / seconds,
        "rows": rows[0],
        "distinct": rows[1],
    }


# --- the run ---------------------------------------------------------------------------------


def run_database(name: str, url: str, static_root: Path, options) -> dict:
    env = environment(url, static_root)
    made = prepare(env, options.people)
    if name == "postgresql":
        postgres("VACUUM ANALYZE events_participant")
    child = subprocess.run(  # noqa: S603
        [PYTHON, __file__, "--child", "measure", str(options.repeat)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if child.returncode:
        sys.exit(f"measuring on {name} failed:\n{child.stderr}")
    result = {**made, **json.loads(child.stdout)}
    if name == "postgresql" and options.broadcast_people:
        result["broadcast"] = measure_broadcast(env, options.broadcast_people, options.workers)
    return result


def table(results: dict, options) -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    names = list(results)
    lines = [
        "### Organisers: dashboard, participant list, export and broadcast at "
        f"{options.people:,} participants",
        "",
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d}, {os.cpu_count()} × {cpu}, "
        f"Python {platform.python_version()}; PostgreSQL "
        + postgres("SHOW server_version", database="postgres")[0][0]
        + " on the same machine; in-process (Django test client, DEBUG off), signed in as "
        "a superuser.",
        f"Command: `.venv/bin/python bench/organiser.py --write` (--people {options.people} "
        f"--repeat {options.repeat} --broadcast-people {options.broadcast_people} "
        f"--workers {options.workers})",
        "",
        "| server time, ms: first / median (queries) | " + " | ".join(names) + " |",
        "| --- |" + " ---: |" * len(names),
        "| `fake_participants` for all of them, seconds | "
        + " | ".join(f"{results[name]['fake_seconds']:.1f}" for name in names)
        + " |",
    ]
    for page in results[names[0]]["pages"]:
        cells = []
        for name in names:
            timing = results[name]["pages"][page]
            cells.append(
                f"{timing['first_ms']:.0f} / {timing['median_ms']:.0f} ({timing['queries']})"
            )
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    cells = []
    for name in names:
        export = results[name]["export"]
        cells.append(
            f"{export['median_ms']:.0f} ({export['mb']:.0f} MB, peak {export['peak_mb']:.1f} MB)"
        )
    lines.append(
        f"| CSV export of the event's {results[names[0]]['rows']:,} rows, read to the end "
        "(size; peak Python memory) | " + " | ".join(cells) + " |"
    )
    broadcast = results.get("postgresql", {}).get("broadcast")
    if broadcast:
        ok = broadcast["rows"] == broadcast["distinct"] == broadcast["recipients"]
        lines += [
            "",
            f"Broadcast (PostgreSQL, {options.workers} `db_worker` processes, SMTP to aiosmtpd's "
            f"Sink on 127.0.0.1): {broadcast['recipients']:,} recipients in "
            f"{broadcast['seconds']:.1f} s, **{broadcast['per_second']:.0f} emails per second**; "
            f"delivery rows {broadcast['rows']:,} for {broadcast['distinct']:,} participants "
            f"({'one each' if ok else 'WRONG'}).",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        kind = sys.argv[2]
        if kind == "measure":
            print(json.dumps(measure(int(sys.argv[3]))))
        elif kind == "broadcast-setup":
            print(json.dumps(broadcast_setup()))
        elif kind == "broadcast-start":
            broadcast_start(int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--broadcast-people", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--write", action="store_true", help="append to bench/RESULTS.md")
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="wavesite-bench-organiser-"))
    results = {}
    try:
        postgres(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)", database="postgres")
        postgres(f"CREATE DATABASE {PG_DATABASE}", database="postgres")
        results["postgresql"] = run_database("postgresql", PG_URL, workdir / "static", options)
        if not options.skip_sqlite:
            url = f"sqlite:///{workdir / 'bench.sqlite3'}"
            results["sqlite"] = run_database("sqlite", url, workdir / "static", options)
    finally:
        postgres(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)", database="postgres")
        shutil.rmtree(workdir, ignore_errors=True)
    section = table(results, options)
    report(section, options.write)


if __name__ == "__main__":
    main()
