#!/usr/bin/env python
"""Reminders to a crowd: how fast the planner and two workers send one reminder to every
confirmed participant, over SMTP to a local sink, and that each gets exactly one.

    scripts/services.sh postgres
    .venv/bin/python bench/reminders.py                 # prints a Markdown section
    .venv/bin/python bench/reminders.py --write         # and appends it to bench/RESULTS.md

In a throwaway PostgreSQL database (wavesite_bench_organiser, as bench/organiser.py):
migrate, load the cities, seed the events, add --people generated sign-ups to the sample
event and make them ordinary confirmed participants who want reminders (generated rows
never get emails otherwise), and move the event's window to start in 59 minutes, so that
its hour-before reminder is due (with 59 minutes to send them). Then `manage.py
recover_emails` queues the planner, as `make serve` does, and --workers `db_worker`
processes send; emails per second from the planner's start to the last SENT row.
"""

import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from harness import report  # noqa: E402 - bench/harness.py
from organiser import (  # noqa: E402 - bench/organiser.py
    EVENT,
    PG_DATABASE,
    PG_URL,
    PYTHON,
    environment,
    manage,
    postgres,
    smtp_sink,
)

from tests.processes import free_port, wait_until  # noqa: E402


def prepare(env: dict, people: int) -> None:
    postgres(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)", database="postgres")
    postgres(f"CREATE DATABASE {PG_DATABASE}", database="postgres")
    for command in (["migrate", "-v0"], ["load_cities"], ["seed_events"]):
        manage(env, *command)
    manage(env, "fake_participants", EVENT, str(people), "--seed", "3")
    # Ordinary confirmed participants who want reminders; the window 30 minutes from now.
    postgres(
        "UPDATE events_participant SET is_generated = false, wants_reminders = true, "
        "confirmed_at = coalesce(confirmed_at, now())"
    )
    postgres(
        "UPDATE events_event SET window_start = now() + interval '59 minutes', "
        "window_end = now() + interval '74 minutes', reminders = '1440,60' WHERE slug = %s",
        (EVENT,),
    )
    postgres("VACUUM ANALYZE")


def reminded() -> int:
    return postgres(
        "SELECT count(*) FROM events_emaildelivery WHERE kind = 'reminder' AND status = 'sent'"
    )[0][0]


def measure(env: dict, people: int, workers: int) -> dict:
    port = free_port()
    mail_env = {**env, "MAIL_CONSOLE": "False", "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(port)}
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
        manage(mail_env, "recover_emails")
        wait_until(lambda: reminded() >= people, 3600, interval=0.5, what="reminders")
        seconds = time.perf_counter() - began
        time.sleep(3)  # anything sent twice would show now
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        sink.terminate()
        sink.wait(timeout=10)
    rows, distinct, sent, cancelled = postgres(
        "SELECT count(*), count(DISTINCT participant_id), "
        "count(*) FILTER (WHERE status = 'sent'), count(*) FILTER (WHERE status = 'cancelled') "
        "FROM events_emaildelivery WHERE kind = 'reminder'"
    )[0]
    return {
        "people": people,
        "seconds": seconds,
        "per_second": people / seconds,
        "rows": rows,
        "distinct": distinct,
        "sent": sent,
        "cancelled": cancelled,
    }


def table(result: dict, options) -> str:
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    git = shutil.which("git") or "git"
    commit = subprocess.run(  # noqa: S603
        [git, "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return "\n".join(
        [
            "### Reminders to a crowd (issue 15)",
            "",
            f"{now}, commit {commit}; {os.cpu_count()} cores ({platform.processor() or 'cpu'}), "
            f"Python {platform.python_version()}, PostgreSQL; {options.workers} `db_worker` "
            "processes, SMTP to aiosmtpd's Sink on 127.0.0.1.",
            f"Command: `.venv/bin/python bench/reminders.py --people {options.people} "
            f"--workers {options.workers}`",
            "",
            "| participants | seconds, planner to last sent | emails/s | reminder rows "
            "| distinct participants | sent | not sent (the day-before, superseded) |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| {result['people']:,} | {result['seconds']:.1f} | {result['per_second']:.0f} "
            f"| {result['rows']:,} | {result['distinct']:,} | {result['sent']:,} "
            f"| {result['cancelled']:,} |",
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--write", action="store_true", help="append to bench/RESULTS.md")
    options = parser.parse_args()
    static_root = Path(tempfile.mkdtemp(prefix="wavesite-reminders-"))
    env = environment(PG_URL, static_root)
    prepare(env, options.people)
    result = measure(env, options.people, options.workers)
    report(table(result, options), write=options.write)


if __name__ == "__main__":
    main()
