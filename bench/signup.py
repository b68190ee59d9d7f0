#!/usr/bin/env python
"""Sign-ups per second through the form, against gunicorn on PostgreSQL (or on a SQLite
file, the embedded default), and a check that N concurrent submissions leave exactly N
participants.

    scripts/services.sh postgres
    .venv/bin/python bench/signup.py              # prints a Markdown section
    .venv/bin/python bench/signup.py --write      # and appends it to bench/RESULTS.md
    .venv/bin/python bench/signup.py --sqlite     # a throwaway SQLite file instead, no Redis

In a throwaway database (wavesite_bench_signup on PostgreSQL; with --sqlite a db.sqlite3 in
a temporary directory, REDIS_URL unset, three gunicorn workers): migrate, load the cities,
seed the sample event (upcoming), start gunicorn as `make serve` would (DEBUG off). Then:

1. Throughput: wrk POSTs the real form (CSRF cookie and token, name, a unique email, a
   zone or a city) for --seconds; each request comes from its own address (through
   X-Forwarded-For with TRUSTED_PROXY_COUNT=1), so the rate limit is passed as people pass it.
   Every sign-up is a row, an email delivery row and a task row in one transaction.
2. Correctness: N people submit at the same instant from N threads, each twice (the second
   time in capitals) — 2N requests. The table must hold exactly N participants, all
   answered 303, none 5xx.
3. The email worker: one `db_worker` sends the queued confirmations (console backend to
   /dev/null) for a few seconds; emails per second.

The section's title names the database and where the rate-limit counters lived, as the
server's settings say (RATE_LIMIT_STORE, or before that setting existed the cache backend),
and the commit that ran: the script finds the project from its own path, so a copy in a git
worktree of an older commit benchmarks that commit.

Needs wrk (apt); PostgreSQL on 127.0.0.1 (scripts/services.sh) unless --sqlite.
"""

import argparse
import datetime
import http.client
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "bench"))
from harness import production_environment, report, set_up_site  # noqa: E402 - bench/harness.py

from tests.processes import free_port, http_get, wait_until  # noqa: E402

PG_ADMIN_URL = "postgresql://wavesite:wavesite@127.0.0.1:5432/postgres"
DATABASE = "wavesite_bench_signup"
DATABASE_URL = f"postgres://wavesite:wavesite@127.0.0.1:5432/{DATABASE}"
EVENT = "sample-wave"
SIGNUP_PATH = f"/events/{EVENT}/signup/"

# wrk's request generator: a unique address per request (thread id + counter), a few zones
# and, every third request, a city picked by its GeoNames id (Paris, Kathmandu, Toronto).
WRK_SCRIPT = r"""
local counter = 0
local threads = {}
local zones = {"Europe/Paris", "Asia/Kolkata", "America/New_York", "Pacific/Auckland"}
local cities = {{"Paris", "2988507"}, {"Kathmandu", "1283240"}, {"Toronto", "6167865"}}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  token = args[1]
  cookie = args[2]
end

local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  counter = counter + 1
  local me = string.format("t%d-%d", id, counter)
  local fields = "csrfmiddlewaretoken=" .. token ..
    "&name=" .. encode("Bench " .. me) ..
    "&email=" .. encode(me .. "@bench.example") ..
    "&tz=" .. encode(zones[counter % #zones + 1])
  if counter % 3 == 0 then
    local city = cities[counter % #cities + 1]
    fields = fields .. "&city_query=" .. city[1] .. "&city=" .. city[2]
  end
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. cookie,
    ["X-Forwarded-For"] = string.format(
      "10.%d.%d.%d", id, math.floor(counter / 250) % 250, counter % 250 + 1),
  }
  return wrk.format("POST", nil, headers, fields)
end

function response(status, headers, body)
  if status ~= 303 then
    io.stderr:write("status " .. status .. "\n")
  end
end
"""


class Postgres:
    """The throwaway PostgreSQL database wavesite_bench_signup."""

    name = "PostgreSQL"
    url = DATABASE_URL
    extra_env: dict = {}  # gunicorn's own default number of workers (cores + 1)

    def prepare(self) -> None:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as db:
            db.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
            db.execute(f"CREATE DATABASE {DATABASE}")

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as db:
            db.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")

    def sql(self, query: str) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url.replace("postgres://", "postgresql://")) as db:
            return db.execute(query).fetchall()


class Sqlite:
    """A throwaway SQLite file in the run's temporary directory: the embedded default (no
    REDIS_URL, whatever the caller's environment says), with three gunicorn workers."""

    name = "SQLite"
    extra_env = {"WEB_CONCURRENCY": "3"}

    def __init__(self, workdir: Path) -> None:
        self.path = workdir / "db.sqlite3"
        self.url = f"sqlite:///{self.path}"  # an absolute path: sqlite:////tmp/…

    def prepare(self) -> None:
        self.path.unlink(missing_ok=True)

    def drop(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def sql(self, query: str) -> list[tuple]:
        with sqlite3.connect(self.path, timeout=30) as db:
            return db.execute(query).fetchall()


# The database of this run (main() picks it); the functions below ask it.
database: Postgres | Sqlite = Postgres()


def sql(query: str) -> list[tuple]:
    return database.sql(query)


def environment(static_root: Path) -> dict:
    env = production_environment(
        database.url,
        static_root,
        # Every simulated person has an address of their own, as behind one nginx.
        TRUSTED_PROXY_COUNT="1",
        MAIL_CONSOLE="True",
        **database.extra_env,
    )
    if isinstance(database, Sqlite):
        env.pop("REDIS_URL", None)  # the embedded default has no Redis
    return env


STORE_PROBE = """
from django.conf import settings
print(getattr(settings, "RATE_LIMIT_STORE", "-"), settings.CACHES["default"]["BACKEND"])
"""


def limit_store(env: dict) -> str:
    """Where the server counts rate-limit hits, as its settings say."""
    store, backend = (
        subprocess.run(  # noqa: S603
            [str(ROOT / ".venv/bin/python"), "manage.py", "shell", "-c", STORE_PROBE],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
        .split()
    )
    if store == "database":
        return 'rate-limit counters in the LimitCounter table (RATE_LIMIT_STORE="database")'
    in_redis = "redis" in backend.lower()
    if store == "cache":
        return 'rate-limit counters in Redis (RATE_LIMIT_STORE="cache")'
    if in_redis:
        return "rate-limit counters in Redis (Django's cache)"
    if "locmem" in backend.lower():
        return "rate-limit counters in each worker's local memory (Django's cache, not shared)"
    return f"rate-limit counters in Django's cache ({backend})"


def limit_counter_rows() -> str:
    try:
        return str(sql("SELECT count(*) FROM events_limitcounter")[0][0])
    except Exception:  # an older commit, before the table
        return "no such table"


def commit() -> str:
    found = subprocess.run(
        ["git", "log", "-1", "--format=%h %cs"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.strip() or "unknown"


def serve(env: dict):
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "gunicorn.conf.py", "wavesite.wsgi"],
        cwd=ROOT,
        env={**env, "BIND": f"127.0.0.1:{port}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def answers() -> bool:
        try:
            return http_get(f"http://127.0.0.1:{port}/ping", timeout=1)[0] == 200
        except OSError:
            return False

    wait_until(answers, 30, what="gunicorn")
    return process, port


def csrf_pair(port: int) -> tuple[str, str]:
    """(form token, cookie) from the event page, as a browser gets them."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", f"/events/{EVENT}/")
    response = connection.getresponse()
    html = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    connection.close()
    return token, cookie


def wrk_signups(port: int, seconds: int, connections: int, threads: int, workdir: Path) -> dict:
    token, cookie = csrf_pair(port)
    script = workdir / "signup.lua"
    script.write_text(WRK_SCRIPT)
    done = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk") or "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}{SIGNUP_PATH}",
            "--",
            token,
            cookie,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = done.stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {}
    for percentile in ("50", "99"):
        found = re.search(rf"\b{percentile}%\s+([\d.]+)(us|ms|s)\b", out)
        scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[found.group(2)]
        latency[percentile] = float(found.group(1)) * scale
    other = len([line for line in done.stderr.splitlines() if line.startswith("status ")])
    return {"requests": requests, "rps": rps, "latency": latency, "other_status": other}


def concurrent_signups(port: int, people: int) -> dict:
    """`people` threads × 2 submissions each (the second in capitals), released together."""
    token, cookie = csrf_pair(port)
    emails = [f"crowd{number}@bench.example" for number in range(people)]
    submissions = [(email, number) for number, email in enumerate(emails)]
    submissions += [(email.upper(), number) for number, email in enumerate(emails)]
    barrier = threading.Barrier(len(submissions))
    statuses: list[int] = []
    durations: list[float] = []
    lock = threading.Lock()

    def submit(email: str, number: int) -> None:
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "name": "Crowd", "email": email, "tz": "UTC"}
        )
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        barrier.wait(timeout=60)
        started = time.perf_counter()
        try:
            connection.request(
                "POST",
                SIGNUP_PATH,
                body=body,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"csrftoken={cookie}",
                    "X-Forwarded-For": f"172.16.{number // 250}.{number % 250 + 1}",
                },
            )
            status = connection.getresponse().status
        except OSError:
            status = 0
        finally:
            connection.close()
        with lock:
            statuses.append(status)
            durations.append(time.perf_counter() - started)

    threads = [threading.Thread(target=submit, args=args) for args in submissions]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    rows, distinct = sql(
        "SELECT count(*), count(DISTINCT lower(email)) FROM events_participant "
        "WHERE lower(email) LIKE 'crowd%'"
    )[0]
    return {
        "people": people,
        "requests": len(submissions),
        "rows": rows,
        "distinct": distinct,
        "statuses": {status: statuses.count(status) for status in sorted(set(statuses))},
        "seconds": elapsed,
        "median_ms": statistics.median(durations) * 1000,
    }


def worker_throughput(env: dict, seconds: int) -> dict:
    before = sql("SELECT count(*) FROM events_emaildelivery WHERE status = 'sent'")[0][0]
    worker = subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv/bin/python"),
            "manage.py",
            "db_worker",
            "--queue-name",
            "email",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.1",
            "-v0",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(3)  # start-up
    first = sql("SELECT count(*) FROM events_emaildelivery WHERE status = 'sent'")[0][0]
    time.sleep(seconds)
    last = sql("SELECT count(*) FROM events_emaildelivery WHERE status = 'sent'")[0][0]
    worker.terminate()
    worker.wait(timeout=30)
    retried = sql(
        "SELECT count(*) FROM events_emaildelivery WHERE status = 'sent' AND attempts > 1"
    )[0][0]
    return {"per_second": (last - first) / seconds, "sent": last - before, "retried": retried}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--worker-seconds", type=int, default=10)
    parser.add_argument(
        "--sqlite",
        action="store_true",
        help="a throwaway SQLite file, no REDIS_URL, 3 gunicorn workers (the embedded default)",
    )
    parser.add_argument("--write", action="store_true", help="append to bench/RESULTS.md")
    options = parser.parse_args()

    global database
    workdir = Path(tempfile.mkdtemp(prefix="wavesite-bench-signup-"))
    if options.sqlite:
        database = Sqlite(workdir)
    database.prepare()
    env = environment(workdir / "static")
    set_up_site(env)
    store = limit_store(env)

    process, port = serve(env)
    try:
        throughput = wrk_signups(
            port, options.seconds, options.connections, options.threads, workdir
        )
        time.sleep(2)  # let the requests still in flight when wrk stopped finish
        stored = sql("SELECT count(*) FROM events_participant")[0][0]
        tasks = sql("SELECT count(*) FROM django_tasks_database_dbtaskresult")[0][0]
        counters = limit_counter_rows()
        crowd = concurrent_signups(port, options.people)
    finally:
        process.terminate()
        process.wait(timeout=30)
    worker = worker_throughput(env, options.worker_seconds)
    database.drop()
    shutil.rmtree(workdir, ignore_errors=True)

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    workers = env.get("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1)
    crowd_ok = crowd["rows"] == crowd["distinct"] == crowd["people"]
    redis = bool(env.get("REDIS_URL"))
    lines = [
        f"### Sign-up through the form on {database.name}"
        + (" + Redis" if redis else "")
        + f"; {store}",
        "",
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d}, {os.cpu_count()} × {cpu}, "
        f"Python {platform.python_version()}; commit {commit()}; gunicorn {workers} sync "
        f"workers, {database.name} and wrk on the same machine.",
        "Command: `"
        + ("REDIS_URL=redis://127.0.0.1:6379/3 " if redis else "")
        + ".venv/bin/python bench/signup.py"
        + (" --sqlite" if options.sqlite else "")
        + (" --write" if options.write else "")
        + "` "
        f"(wrk -t{options.threads} -c{options.connections} -d{options.seconds}s; "
        f"{options.people} people × 2 at once)",
        "",
        "| measure | result |",
        "| --- | ---: |",
        f"| sign-ups per second (each: participant + delivery + task rows) | "
        f"{throughput['rps']:.0f} |",
        f"| latency p50 / p99 ms | {throughput['latency']['50']:.1f} / "
        f"{throughput['latency']['99']:.1f} |",
        f"| requests / answers other than 303 | {throughput['requests']} / "
        f"{throughput['other_status']} |",
        f"| participants / task rows after the run | {stored} / {tasks} |",
        f"| rate-limit counter rows (LimitCounter) after the run | {counters} |",
        f"| {crowd['people']} people, {crowd['requests']} concurrent requests: participants, "
        f"distinct addresses | {crowd['rows']}, {crowd['distinct']} "
        f"({'exactly N' if crowd_ok else 'WRONG'}) |",
        "| their answers | "
        + ", ".join(f"{count} × {status}" for status, count in crowd["statuses"].items())
        + " |",
        f"| one email worker: emails per second (console backend) | {worker['per_second']:.0f} |",
        f"| emails that needed a retry | {worker['retried']} |",
    ]
    table = "\n".join(lines) + "\n"
    report(table, options.write)
    if not crowd_ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
