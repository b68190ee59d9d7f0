#!/usr/bin/env python
"""The rush: N people sign up over HTTP at once, each as a browser does it.

    scripts/services.sh postgres
    .venv/bin/python bench/signup_rush.py --people 20000 --write

Each simulated person GETs the event page (CSRF cookie and token, from the page cache)
and POSTs the sign-up form with them, from an address of their own (X-Forwarded-For, with
TRUSTED_PROXY_COUNT=1 as behind one nginx). --concurrency people are on the way at any
moment. Then the table must hold exactly as many participants as the client saw
successes (303). gunicorn as `make serve` runs it (DEBUG off), PostgreSQL, same machine.
The database, server and environment come from bench/signup.py.
"""

import argparse
import asyncio
import datetime
import os
import platform
import re
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import signup as setup  # noqa: E402 - bench/signup.py: database, server, environment
from harness import report, set_up_site  # noqa: E402 - bench/harness.py

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
COOKIE = re.compile(rb"csrftoken=([^;]+)", re.IGNORECASE)


async def exchange(port: int, request: bytes) -> tuple[int, bytes, bytes]:
    """One HTTP/1.1 request on its own connection (gunicorn's sync workers close them)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = re.search(rb"content-length: (\d+)", head, re.IGNORECASE)
    body = await reader.readexactly(int(length.group(1))) if length else await reader.read()
    writer.close()
    return status, head, body


async def one_person(port: int, number: int) -> tuple[int, float]:
    address = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
    started = time.perf_counter()
    status, head, body = await exchange(
        port,
        f"GET /events/{setup.EVENT}/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"X-Forwarded-For: {address}\r\nConnection: close\r\n\r\n".encode(),
    )
    token, cookie = TOKEN.search(body), COOKIE.search(head)
    if status != 200 or not token or not cookie:
        return status, time.perf_counter() - started
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token.group(1).decode(),
            "name": f"Rush {number}",
            "email": f"rush{number}@example.com",
            "city_query": "",
            "tz": ("Europe/Paris", "Asia/Kolkata", "America/New_York")[number % 3],
        }
    ).encode()
    status, _, _ = await exchange(
        port,
        (
            f"POST {setup.SIGNUP_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"X-Forwarded-For: {address}\r\nCookie: csrftoken={cookie.group(1).decode()}\r\n"
            f"Referer: http://127.0.0.1:{port}/events/{setup.EVENT}/\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(form)}\r\nConnection: close\r\n\r\n"
        ).encode()
        + form,
    )
    return status, time.perf_counter() - started


async def rush(port: int, people: int, concurrency: int) -> tuple[list[int], list[float], float]:
    numbers = iter(range(people))
    statuses: list[int] = []
    latencies: list[float] = []

    async def visitor() -> None:
        for number in numbers:
            try:
                status, latency = await one_person(port, number)
            except (OSError, asyncio.IncompleteReadError):
                status, latency = 0, 0.0
            statuses.append(status)
            latencies.append(latency)

    started = time.perf_counter()
    await asyncio.gather(*(visitor() for _ in range(concurrency)))
    return statuses, latencies, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="wavesite-rush-"))
    setup.prepare_database()
    env = setup.environment(workdir / "static")
    set_up_site(env)
    process, port = setup.serve(env)
    try:
        statuses, latencies, seconds = asyncio.run(rush(port, options.people, options.concurrency))
    finally:
        process.terminate()
        process.wait(timeout=30)
    successes = statuses.count(303)
    (participants,) = setup.sql("SELECT count(*) FROM events_participant")[0]
    (distinct,) = setup.sql("SELECT count(DISTINCT lower(email)) FROM events_participant")[0]
    setup.drop_database()
    other = {status: statuses.count(status) for status in set(statuses) if status != 303}
    latencies.sort()
    lines = [
        f"### The rush: {options.people:,} people sign up over HTTP, as browsers do",
        "",
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; gunicorn "
        f"{env.get('WEB_CONCURRENCY', (os.cpu_count() or 1) + 1)} sync workers, PostgreSQL"
        + (" + Redis" if env.get("REDIS_URL") else "")
        + ", and the client on the same machine.",
        f"Command: `.venv/bin/python bench/signup_rush.py --people {options.people} "
        f"--concurrency {options.concurrency}`",
        "",
        "| measure | result |",
        "| --- | ---: |",
        f"| people (GET the page, POST the form) | {options.people:,} |",
        f"| time for all of them | {seconds:.1f} s |",
        f"| sign-ups per second | {successes / seconds:.0f} |",
        f"| per person (GET + POST), p50 / p99 | {statistics.median(latencies) * 1000:.0f} / "
        f"{latencies[int(len(latencies) * 0.99) - 1] * 1000:.0f} ms |",
        f"| answered 303 (signed up) | {successes:,} |",
        f"| other answers | {other or 'none'} |",
        f"| participants in the table / distinct addresses | {participants:,} / {distinct:,} |",
        f"| nothing lost, nothing doubled | {'yes' if participants == successes else 'NO'} |",
    ]
    table = "\n".join(lines) + "\n"
    report(table, options.write)


if __name__ == "__main__":
    main()
