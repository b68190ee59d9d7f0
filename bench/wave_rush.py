#!/usr/bin/env python
"""The wave's rush: N people tap "I'm waving!" in the first minute, and the crowd watches.

    .venv/bin/python bench/wave_rush.py --sqlite            # the embedded default
    scripts/services.sh postgres && .venv/bin/python bench/wave_rush.py   # PostgreSQL
    .venv/bin/python bench/wave_rush.py --sqlite --nginx    # and the watchers behind nginx

The sample event's window is opened (it started a minute ago), gunicorn is started as
`make serve` runs it (DEBUG off, the database of bench/signup.py), and --people browsers
each POST one wave (a CSRF pair from /form-token/, a `wave` cookie of their own, an
address of their own), --concurrency at a time, as fast as the server takes them. Then a
tenth of them tap again (the same cookie): nothing may change. The table must then hold
exactly one wave per browser that was told "new". Last, wrk asks for the live count
(/events/<slug>/waves.json) and for the bare view (/ping) for --seconds each: what
watching costs the app servers with no cache in front. With --nginx, the same again through
nginx as an operator runs it (docs/nginx.conf, HTTPS, its proxy_cache honouring the
answers' Cache-Control; bench/pages_crowd.py sets it up), in front of a fresh gunicorn
whose access log counts the waves.json requests that got past the cache.
"""

import argparse
import asyncio
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import signup as setup  # noqa: E402 - bench/signup.py: database, server, environment
from harness import PYTHON, report, set_up_site  # noqa: E402 - bench/harness.py
from signup_rush import exchange  # noqa: E402 - one HTTP/1.1 request on its own connection

WAVE_PATH = f"/events/{setup.EVENT}/wave/"
LIVE_PATH = f"/events/{setup.EVENT}/waves.json"
OPEN_WINDOW = """
from datetime import timedelta
from django.utils import timezone
from events.models import Event
now = timezone.now()
Event.objects.filter(slug="sample-wave").update(
    window_start=now - timedelta(minutes=1), window_end=now + timedelta(minutes=59)
)
"""


async def csrf_pair(port: int) -> tuple[str, str]:
    _, head, body = await exchange(
        port, b"GET /form-token/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    cookie = re.search(rb"csrftoken=([^;]+)", head).group(1).decode()
    return json.loads(body)["token"], cookie


async def one_wave(port: int, number: int, token: str, cookie: str) -> tuple[int, bool, float]:
    address = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "tz": ("Europe/Paris", "Asia/Kolkata", "America/New_York", "Africa/Lagos")[number % 4],
        }
    ).encode()
    started = time.perf_counter()
    status, _, body = await exchange(
        port,
        (
            f"POST {WAVE_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: {address}\r\n"
            f"Cookie: csrftoken={cookie}; wave=bench-{number}\r\n"
            "Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(form)}\r\nConnection: close\r\n\r\n"
        ).encode()
        + form,
    )
    new = status == 200 and json.loads(body).get("new") is True
    return status, new, time.perf_counter() - started


async def rush(port: int, numbers: list[int], concurrency: int):
    token, cookie = await csrf_pair(port)
    todo = iter(numbers)
    results: list[tuple[int, bool, float]] = []

    async def browser() -> None:
        for number in todo:
            try:
                results.append(await one_wave(port, number, token, cookie))
            except (OSError, asyncio.IncompleteReadError):
                results.append((0, False, 0.0))

    started = time.perf_counter()
    await asyncio.gather(*(browser() for _ in range(concurrency)))
    return results, time.perf_counter() - started


def wrk(url: str, seconds: int) -> float:
    out = subprocess.run(  # noqa: S603
        [shutil.which("wrk") or "wrk", "-t2", "-c64", f"-d{seconds}s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def behind_nginx(env: dict, workdir: Path, seconds: int) -> dict:
    """wrk on waves.json and /ping through nginx (docs/nginx.conf) in front of a fresh
    gunicorn, and how many waves.json requests reached gunicorn (its access log)."""
    from pages_crowd import start_nginx, stop  # bench/pages_crowd.py: docs/nginx.conf, run

    log = workdir / "gunicorn-access.log"
    process, port = setup.serve({**env, "ACCESS_LOG": str(log)})
    try:
        proxy, base = start_nginx(port, workdir / "nginx")
        try:
            started = time.perf_counter()
            live = wrk(base + LIVE_PATH, seconds)
            live_seconds = time.perf_counter() - started
            bare = wrk(base + "/ping", seconds)
        finally:
            stop(proxy)
    finally:
        process.terminate()
        process.wait(timeout=30)
    reached = sum(LIVE_PATH in line for line in log.read_text().splitlines())
    return {"live": live, "bare": bare, "reached": reached, "seconds": live_seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=8, help="wrk, for the watchers")
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--nginx", action="store_true", help="the watchers behind nginx too")
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="wavesite-wave-rush-"))
    # nginx's workers (user root when run as root) read their files under it.
    os.chmod(workdir, 0o755)  # noqa: S103 - a benchmark's scratch directory
    if options.sqlite:
        setup.database = setup.Sqlite(workdir)
    setup.database.prepare()
    env = setup.environment(workdir / "static")
    set_up_site(env)
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "shell", "-c", OPEN_WINDOW], cwd=ROOT, env=env, check=True
    )
    process, port = setup.serve(env)
    try:
        first, seconds = asyncio.run(rush(port, list(range(options.people)), options.concurrency))
        replays, _ = asyncio.run(
            rush(port, list(range(0, options.people, 10)), options.concurrency)
        )
        live = wrk(f"http://127.0.0.1:{port}{LIVE_PATH}", options.seconds)
        bare = wrk(f"http://127.0.0.1:{port}/ping", options.seconds)
    finally:
        process.terminate()
        process.wait(timeout=30)
    proxied = behind_nginx(env, workdir, options.seconds) if options.nginx else None
    (stored,) = setup.sql("SELECT count(*) FROM events_wave")[0]
    (distinct,) = setup.sql("SELECT count(DISTINCT visitor_key) FROM events_wave")[0]
    setup.database.drop()
    new = sum(1 for _, is_new, _ in first if is_new)
    again = sum(1 for _, is_new, _ in replays if is_new)
    other = {}
    for status, _, _ in first + replays:
        if status != 200:
            other[status] = other.get(status, 0) + 1
    latencies = sorted(latency for _, _, latency in first)
    exact = stored == new == options.people and again == 0
    name = "SQLite (the embedded default)" if options.sqlite else "PostgreSQL"
    lines = [
        f"### The wave's rush on {name}: {options.people:,} people tap \"I'm waving!\"",
        "",
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, commit {setup.commit()}; "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; gunicorn "
        f"{env.get('WEB_CONCURRENCY', (os.cpu_count() or 1) + 1)} sync workers and the client "
        "on the same machine.",
        f"Command: `.venv/bin/python bench/wave_rush.py --people {options.people} "
        f"--concurrency {options.concurrency}"
        + (" --sqlite" if options.sqlite else "")
        + (" --nginx" if options.nginx else "")
        + "`",
        "",
        "| measure | result |",
        "| --- | ---: |",
        f"| waves, {options.concurrency} at a time | {options.people:,} in {seconds:.1f} s |",
        f"| waves accepted per second | {new / seconds:.0f} |",
        f"| per wave, p50 / p99 | {statistics.median(latencies) * 1000:.0f} / "
        f"{latencies[int(len(latencies) * 0.99) - 1] * 1000:.0f} ms |",
        f'| told "new" / replays told "new" | {new:,} / {again:,} of {len(replays):,} |',
        f"| rows in the table / distinct browsers | {stored:,} / {distinct:,} |",
        f"| none lost, none counted twice | {'yes' if exact else 'NO'} |",
        f"| answers other than 200 | {other or 'none'} |",
        f"| watchers: waves.json requests/s (× /ping) | {live:,.0f} "
        f"({live / bare:.2f} ×, /ping {bare:,.0f}) |",
    ]
    if proxied:
        lines += [
            "| watchers behind nginx (proxy_cache, HTTPS): waves.json requests/s (× /ping "
            f"through nginx, to gunicorn) | {proxied['live']:,.0f} "
            f"({proxied['live'] / proxied['bare']:.1f} ×, /ping {proxied['bare']:,.0f}) |",
            "| waves.json requests that reached gunicorn behind nginx | "
            f"{proxied['reached']:,} in {proxied['seconds']:.0f} s of "
            f"{proxied['live'] * proxied['seconds']:,.0f} |",
        ]
    lines.append("")
    report("\n".join(lines), options.write)


if __name__ == "__main__":
    main()
