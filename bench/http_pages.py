#!/usr/bin/env python
"""Requests per second and p99 latency of the public pages under wrk, against gunicorn.

    .venv/bin/python bench/http_pages.py --database sqlite
    .venv/bin/python bench/http_pages.py --database postgres   (after scripts/services.sh)

Measures, in one run: the bare stack (/ping), the event page with and without the page
cache, and the world page; then each worker's memory (RSS). Prints a Markdown table and
appends it to bench/RESULTS.md with the machine and the command. Needs wrk (apt).
"""

import argparse
import datetime
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import signup as signup_bench  # noqa: E402 - bench/signup.py
from harness import production_environment, set_up_site  # noqa: E402 - bench/harness.py

PG_ADMIN_URL = "postgres://wavesite:wavesite@127.0.0.1:5432/postgres"
EVENT = "/events/wave-at-saturn-2013/?tz=Europe/Paris"


def prepare_database(kind: str, workdir: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    import psycopg

    with psycopg.connect(
        PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True
    ) as db:
        db.execute("DROP DATABASE IF EXISTS wavesite_bench WITH (FORCE)")
        db.execute("CREATE DATABASE wavesite_bench")
    return "postgres://wavesite:wavesite@127.0.0.1:5432/wavesite_bench"


def wrk(url: str, seconds: int, connections: int, threads: int) -> dict:
    out = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk") or "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p99_ms": float(p99.group(1)) * scale,
        "errors": int(non2xx.group(1)) if non2xx else 0,
    }


def worker_rss_mb(master_pid: int) -> list[float]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return sizes


def serve(env: dict):
    """gunicorn as `make serve` runs it, once it answers: bench/signup.py's own helper."""
    process, port = signup_bench.serve(env)
    return process, f"http://127.0.0.1:{port}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="wavesite-bench-"))
    database_url = prepare_database(options.database, workdir)
    env = production_environment(database_url, workdir / "static")
    set_up_site(env)

    results = {}
    for label, extra, path in (
        ("bare view (/ping)", {}, "/ping"),
        ("event page, cached", {}, EVENT),
        ("event page, uncached", {"PAGE_CACHE": "False"}, EVENT),
        ("world page, cached", {}, "/events/wave-at-saturn-2013/times/"),
        ("world page, uncached", {"PAGE_CACHE": "False"}, "/events/wave-at-saturn-2013/times/"),
    ):
        process, base = serve({**env, **extra})
        try:
            urllib.request.urlopen(base + path, timeout=30).read()  # noqa: S310 - warm up
            results[label] = wrk(base + path, options.seconds, options.connections, options.threads)
            results[label]["rss"] = worker_rss_mb(process.pid)
        finally:
            process.terminate()
            process.wait(timeout=30)
        time.sleep(1)

    bare = results["bare view (/ping)"]["rps"]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    lines = [
        f"### Public pages on {options.database}"
        + (" + Redis" if os.environ.get("REDIS_URL") else ""),
        "",
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d}, {os.cpu_count()} × {cpu}, "
        f"Python {platform.python_version()}; "
        f"gunicorn {env.get('WEB_CONCURRENCY', (os.cpu_count() or 1) + 1)} sync workers; "
        f"wrk -t{options.threads} -c{options.connections} -d{options.seconds}s.",
        f"Command: `.venv/bin/python bench/http_pages.py --database {options.database}`",
        "",
        "| page | requests/s | × bare | p99 ms | non-2xx | worker RSS MB |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for label, result in results.items():
        lines.append(
            f"| {label} | {result['rps']:.0f} | {result['rps'] / bare:.2f} | "
            f"{result['p99_ms']:.1f} | {result['errors']} | "
            f"{', '.join(f'{size:.0f}' for size in result['rss'])} |"
        )
    table = "\n".join(lines) + "\n"
    print(table)
    with open(ROOT / "bench" / "RESULTS.md", "a") as results_file:
        results_file.write("\n" + table)
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
