#!/usr/bin/env python
"""The public pages with a crowd signed up: size, speed under wrk, nginx in front, Lighthouse.

    npm ci --prefix bench        # once: Lighthouse 12.2.3 (bench/package.json)
    .venv/bin/python bench/pages_crowd.py --lighthouse
    .venv/bin/python bench/pages_crowd.py --database postgres --lighthouse   (scripts/services.sh)

One run, on a throwaway database: migrate, load the cities, seed the events, collect static
files; then for each crowd size (default 20,000 then 200,000, grown in place with
`manage.py fake_participants sample-wave`, the sample *upcoming* event, so its page has the
sign-up form), it starts
  - gunicorn A as production runs it (DEBUG off, page cache on, BEHIND_PROXY=True),
  - gunicorn B, the same with PAGE_CACHE=False (every page rendered), started afresh for
    each of its runs (and for one request at a time to each page, timed),
  - nginx with docs/nginx.conf (that file, its values rewritten: ports, paths, a
    self-signed certificate) in front of A, over HTTPS as an operator runs it,
and measures with wrk, round after round (`--repeat`, default 2), side by side: /ping (the
bare view), the event page and the world page from A, from B and through nginx's
proxy_cache (also with `Accept-Encoding: gzip`, as browsers ask). It reports requests/s,
p99, the ratio to /ping of the same round, the pages' bytes and elements (HTML start tags,
counted with Python's html.parser), and with `--lighthouse` the Lighthouse scores (mobile
and desktop, home and event page, served by gunicorn A) and the audits that cost points.
Appends a Markdown section to bench/RESULTS.md (date, machine, commit, command).

Needs wrk and nginx (apt), Chromium (scripts/browser-deps.sh) and Node for Lighthouse.
"""

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from harness import PYTHON, production_environment, run, set_up_site  # noqa: E402
from http_pages import prepare_database, serve, worker_rss_mb  # noqa: E402

from tests.processes import free_port, wait_until  # noqa: E402

SLUG = "sample-wave"
EVENT = f"/events/{SLUG}/"
WORLD = f"/events/{SLUG}/times/"
NGINX_CONF = ROOT / "docs" / "nginx.conf"
# The values in docs/nginx.conf the benchmark replaces; each must be found (else the
# document changed and this script must follow).
NGINX_TEMPLATE_VALUES = {
    "gunicorn": "server 127.0.0.1:8000;",
    "cache": "proxy_cache_path /var/cache/nginx/wavesite ",
    "http": "listen 80;",
    "http6": "listen [::]:80;",
    "https": "listen 443 ssl http2;",
    "https6": "listen [::]:443 ssl http2;",
    "certificate": "ssl_certificate /etc/letsencrypt/live/wave.example.org/fullchain.pem;",
    "key": "ssl_certificate_key /etc/letsencrypt/live/wave.example.org/privkey.pem;",
}
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
# What the pages are made of: a run against a working tree with changes here says so.
APP_PATHS = ("events", "templates", "static", "wavesite")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class ElementCounter(HTMLParser):
    """Counts elements: every start tag (and self-closing tag) is one node."""

    def __init__(self) -> None:
        super().__init__()
        self.elements = 0

    def handle_starttag(self, tag, attrs) -> None:
        self.elements += 1

    def handle_startendtag(self, tag, attrs) -> None:
        self.elements += 1


def elements(html: str) -> int:
    counter = ElementCounter()
    counter.feed(html)
    counter.close()
    return counter.elements


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(  # noqa: S310 - our own http(s) servers
        url, headers={"Host": "127.0.0.1", **(headers or {})}
    )
    context = ssl._create_unverified_context()  # noqa: S323 - our own self-signed certificate
    with urllib.request.urlopen(request, timeout=60, context=context) as response:  # noqa: S310
        return response.status, dict(response.headers), response.read()


def wrk(url: str, options, headers: tuple[str, ...] = ()) -> dict:
    command = [shutil.which("wrk") or "wrk", f"-t{options.threads}", f"-c{options.connections}"]
    command += [f"-d{options.seconds}s", "--latency", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99_ms": float(p99.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)],
        "errors": (int(non2xx.group(1)) if non2xx else 0)
        + (sum(int(n) for n in socket.groups()) if socket else 0),
    }


def nginx_site(gunicorn_port: int, workdir: Path) -> tuple[Path, int]:
    """docs/nginx.conf with its ports and paths rewritten, and the main file around it."""
    site = NGINX_CONF.read_text()
    https_port, http_port = free_port(), free_port()
    subprocess.run(  # noqa: S603
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-subj", "/CN=127.0.0.1", "-keyout", str(workdir / "key.pem")),
            *("-out", str(workdir / "cert.pem")),
        ],
        check=True,
        capture_output=True,
    )
    replacements = {
        "gunicorn": f"server 127.0.0.1:{gunicorn_port};",
        "cache": f"proxy_cache_path {workdir / 'cache'} ",
        "http": f"listen 127.0.0.1:{http_port};",
        "http6": "",
        "https": f"listen 127.0.0.1:{https_port} ssl http2;",
        "https6": "",
        "certificate": f"ssl_certificate {workdir / 'cert.pem'};",
        "key": f"ssl_certificate_key {workdir / 'key.pem'};",
    }
    for name, value in NGINX_TEMPLATE_VALUES.items():
        if site.count(value) != 1:
            raise SystemExit(f"docs/nginx.conf: {value!r} expected once ({name})")
        site = site.replace(value, replacements[name])
    (workdir / "site.conf").write_text(site)
    temp = "\n".join(
        f"    {kind}_temp_path {workdir / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (workdir / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes auto;\npid {workdir / 'nginx.pid'};\n"
        f"error_log {workdir / 'error.log'} warn;\n"
        "events { worker_connections 4096; }\n"
        "http {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"    access_log off;\n    sendfile on;\n    keepalive_timeout 65;\n{temp}\n"
        f"    include {workdir / 'site.conf'};\n}}\n"
    )
    return workdir / "nginx.conf", https_port


def start_nginx(gunicorn_port: int, workdir: Path) -> tuple[subprocess.Popen, str]:
    workdir.mkdir(parents=True, exist_ok=True)
    conf, port = nginx_site(gunicorn_port, workdir)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    command = [nginx, "-p", str(workdir), "-c", str(conf), "-g", "daemon off;"]
    subprocess.run([*command, "-t"], check=True, capture_output=True)  # noqa: S603
    process = subprocess.Popen(command)  # noqa: S603
    base = f"https://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            return fetch(base + "/ping")[0] == 200
        except OSError:
            return False

    wait_until(answers, 30, what="nginx")
    return process, base


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def page_sizes(base: str) -> dict:
    sizes = {}
    for label, path in (("event page", EVENT), ("world page", WORLD)):
        status, _, body = fetch(base + path)
        if status != 200:
            raise SystemExit(f"{path}: {status}")
        html = body.decode()
        if label == "event page" and f'action="/events/{SLUG}/signup/"' not in html:
            raise SystemExit(f"{path} has no sign-up form: is the sample event upcoming?")
        sizes[label] = {
            "bytes": len(body),
            "gzip": len(gzip.compress(body, 3)),
            "elements": elements(html),
        }
    return sizes


def render_times(start_uncached) -> dict:
    """Milliseconds for one request to each page with nothing cached: the median of three,
    one after the other, on an idle server."""
    process, base = start_uncached()
    try:
        times = {}
        for label, path in (("event page", EVENT), ("world page", WORLD)):
            fetch(base + path)
            samples = []
            for _ in range(3):
                began = time.perf_counter()
                fetch(base + path)
                samples.append((time.perf_counter() - began) * 1000)
            times[label] = sorted(samples)[1]
        return times
    finally:
        stop(process)


def measure(options, cached: str, proxy: str, start_uncached) -> dict:
    """wrk on each target, `options.repeat` rounds; per round the ratio to that round's /ping.

    The uncached server is started afresh for each of its runs and stopped after: when wrk
    stops, the requests still queued at its sync workers (seconds each with a large crowd)
    would otherwise go on using the CPU through the next measurements."""
    uncached = "uncached:"
    gzip_header = ("Accept-Encoding: gzip",)
    targets = [
        ("bare view (/ping), gunicorn", cached + "/ping", ()),
        ("event page, cached, gunicorn", cached + EVENT, ()),
        ("event page, uncached, gunicorn", uncached + EVENT, ()),
        ("world page, cached, gunicorn", cached + WORLD, ()),
        ("world page, uncached, gunicorn", uncached + WORLD, ()),
        ("event page, nginx proxy_cache (HTTPS)", proxy + EVENT, ()),
        ("event page, nginx proxy_cache (HTTPS, gzip)", proxy + EVENT, gzip_header),
        ("world page, nginx proxy_cache (HTTPS)", proxy + WORLD, ()),
        ("world page, nginx proxy_cache (HTTPS, gzip)", proxy + WORLD, gzip_header),
    ]
    for _, url, headers in targets:  # warm every cache once
        if not url.startswith(uncached):
            fetch(url, dict(header.split(": ", 1) for header in headers))
    results = {label: [] for label, _, _ in targets}
    for round_number in range(options.repeat):
        bare = None
        for label, url, headers in targets:
            if url.startswith(uncached):
                process, base = start_uncached()
                try:
                    # Each worker's first requests load what the page needs: a short run
                    # at one connection per worker first, so few requests are left queued.
                    warm_up = argparse.Namespace(threads=1, connections=3, seconds=3)
                    wrk(base + url.removeprefix(uncached), warm_up, headers)
                    result = wrk(base + url.removeprefix(uncached), options, headers)
                finally:
                    stop(process)
            else:
                result = wrk(url, options, headers)
            bare = bare or result["rps"]
            result["ratio"] = result["rps"] / bare
            results[label].append(result)
            print(f"  round {round_number + 1}: {label}: {result}", flush=True)
            time.sleep(1)
    return results


def lighthouse(base: str, options, workdir: Path) -> dict:
    """Scores and the audits that cost points, per page and form factor, `repeat` runs each."""
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: npm ci --prefix bench")
    results = {}
    for page, path in (("home", "/"), ("event", EVENT)):
        for form_factor in ("mobile", "desktop"):
            runs = []
            for number in range(options.lighthouse_runs):
                report = workdir / f"lighthouse-{page}-{form_factor}-{number}.json"
                command = [str(LIGHTHOUSE), base + path, "--output=json", f"--output-path={report}"]
                command += [f"--only-categories={','.join(CATEGORIES)}", "--quiet"]
                command += ["--chrome-flags=--headless=new --no-sandbox"]
                if form_factor == "desktop":
                    command.append("--preset=desktop")
                # Lighthouse now and then fails to record a load on a busy machine
                # (NO_NAVSTART): up to three tries, then the run is counted as failed.
                for _ in range(3):
                    finished = subprocess.run(  # noqa: S603
                        command,
                        check=False,
                        env={**os.environ, "CHROME_PATH": options.chrome},
                        timeout=300,
                    )
                    if finished.returncode == 0:
                        runs.append(json.loads(report.read_text()))
                        break
                else:
                    print(f"  lighthouse {page} {form_factor}: failed three times", flush=True)
            if not runs:
                continue
            results[(page, form_factor)] = runs
            print(f"  lighthouse {page} {form_factor}: {[scores(r) for r in runs]}", flush=True)
    return results


def scores(report: dict) -> dict:
    return {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}


def lost_points(report: dict) -> list[tuple[float, str, str]]:
    """(points lost from its category's 100, category, audit id and shown value), worst first."""
    lost = []
    for name in CATEGORIES:
        refs = report["categories"][name]["auditRefs"]
        total = sum(ref["weight"] for ref in refs) or 1
        for ref in refs:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
                shown = audit.get("displayValue") or ""
                points = 100 * ref["weight"] * (1 - audit["score"]) / total
                lost.append((points, name, ref["id"] + (f" ({shown})" if shown else "")))
    return sorted(lost, reverse=True)


def describe_commit() -> str:
    git = shutil.which("git") or "git"
    commit = subprocess.run(  # noqa: S603
        [git, "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    changed = subprocess.run(  # noqa: S603
        [git, "status", "--porcelain", "--untracked-files=no", "--", *APP_PATHS],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    if changed:
        return f"commit {commit} + uncommitted changes to {len(changed)} files of the app"
    return f"commit {commit}"


def section(options, crowd_results: list, commit: str, environment: dict) -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    nginx_version = subprocess.run(  # noqa: S603
        [shutil.which("nginx") or "/usr/sbin/nginx", "-v"], capture_output=True, text=True
    ).stderr.strip()
    workers = environment.get("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1)
    lines = [
        "### Public pages with a crowd: sizes, gunicorn, nginx proxy_cache, Lighthouse (issue 13)",
        "",
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {commit}; "
        f"{os.cpu_count()} × {cpu} (shared with other test runs: noisy), "
        f"Python {platform.python_version()}, {options.database}"
        + (" + Redis" if environment.get("REDIS_URL") else "")
        + f"; gunicorn {workers} sync workers; {nginx_version.replace('nginx version: ', '')} "
        "(docs/nginx.conf, HTTPS, self-signed) on the same machine; "
        f"wrk -t{options.threads} -c{options.connections} -d{options.seconds}s, also here. "
        f"Event page: `{EVENT}` (the sample upcoming event, with the sign-up form); world "
        f"page: `{WORLD}`. Each wrk row is {options.repeat} rounds, in order, run after run; "
        "× bare divides by the /ping of the same round.",
        "Command: `.venv/bin/python bench/pages_crowd.py " + " ".join(sys.argv[1:]) + "`",
        "",
    ]
    for crowd, sizes, results, lighthouse_runs in crowd_results:
        lines += [
            f"**{crowd:,} participants.** Page sizes (uncompressed HTML; gzip level 3 as "
            "docs/nginx.conf; elements = start tags, Python's html.parser):",
            "",
            "| page | bytes | gzip bytes | elements | one uncached request, ms |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for label, size in sizes.items():
            lines.append(
                f"| {label} | {size['bytes']:,} | {size['gzip']:,} | {size['elements']:,} "
                f"| {size['render_ms']:,.0f} |"
            )
        lines += [
            "",
            "| what | requests/s | × bare | p99 ms | errors |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for label, rounds in results.items():
            lines.append(
                f"| {label} | {' / '.join(f'{r["rps"]:,.0f}' for r in rounds)} | "
                f"{' / '.join(f'{r["ratio"]:.2f}' for r in rounds)} | "
                f"{' / '.join(f'{r["p99_ms"]:.1f}' for r in rounds)} | "
                f"{sum(r['errors'] for r in rounds)} |"
            )
        if lighthouse_runs:
            lines += [
                "",
                f"Lighthouse {lighthouse_version()} ({options.chrome}, headless), gunicorn A "
                "over plain HTTP on 127.0.0.1, each run shown (performance / accessibility / "
                "best practices / SEO):",
                "",
                "| page | form factor | scores per run | DOM elements (Lighthouse) |",
                "| --- | --- | --- | ---: |",
            ]
            for (page, form_factor), runs in lighthouse_runs.items():
                shown = "; ".join(
                    " / ".join(str(value) for value in scores(report).values()) for report in runs
                )
                dom = runs[-1]["audits"].get("dom-size", {}).get("numericValue")
                lines.append(
                    f"| {page} | {form_factor} | {shown} | {dom:,.0f} |"
                    if dom is not None
                    else f"| {page} | {form_factor} | {shown} | — |"
                )
            lines += [
                "",
                "Audits that cost points (last run; points lost of the category's 100):",
                "",
            ]
            for (page, form_factor), runs in lighthouse_runs.items():
                top = lost_points(runs[-1])[:6]
                listed = "; ".join(f"{name} {audit} −{points:.1f}" for points, name, audit in top)
                lines.append(f"- {page}, {form_factor}: {listed or 'none'}")
        lines.append("")
    return "\n".join(lines)


def lighthouse_version() -> str:
    return subprocess.run(  # noqa: S603
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True
    ).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--crowd", type=int, nargs="+", default=[20_000, 200_000],
        help="participant counts, ascending; the crowd grows from one to the next",
    )  # fmt: skip
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2, help="wrk rounds")
    parser.add_argument("--lighthouse", action="store_true", help="at the largest crowd")
    parser.add_argument("--lighthouse-runs", type=int, default=2)
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    parser.add_argument("--no-write", action="store_true", help="print, do not append")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    options = parser.parse_args()
    if options.crowd != sorted(options.crowd):
        parser.error("--crowd: give the sizes in ascending order")

    commit = describe_commit()
    workdir = Path(tempfile.mkdtemp(prefix="wavesite-crowd-"))
    # nginx's workers (user root when run as root) and the temp files must reach it.
    os.chmod(workdir, 0o755)  # noqa: S103 - a benchmark's scratch directory
    print(f"work directory: {workdir}", flush=True)
    database_url = prepare_database(options.database, workdir)
    env = production_environment(
        database_url, workdir / "static", BEHIND_PROXY="True", TRUSTED_PROXY_COUNT="1"
    )
    set_up_site(env)
    crowd_results = []
    participants = 0
    try:
        for crowd in options.crowd:
            began = time.perf_counter()
            run(
                [
                    PYTHON,
                    "manage.py",
                    "fake_participants",
                    SLUG,
                    str(crowd - participants),
                    "--seed",
                    str(crowd),
                ],
                env,
            )
            participants = crowd
            print(f"crowd of {crowd:,} in {time.perf_counter() - began:.0f} s", flush=True)
            processes = []
            try:
                cached, cached_base = serve(env)
                processes.append(cached)
                proxy, proxy_base = start_nginx(
                    int(cached_base.rsplit(":", 1)[1]), workdir / f"nginx-{crowd}"
                )
                processes.append(proxy)
                status, headers, _ = fetch(proxy_base + EVENT)
                fetch(proxy_base + EVENT)
                status, headers, _ = fetch(proxy_base + EVENT)
                print(f"  nginx: {status}, X-Cache-Status {headers.get('X-Cache-Status')}")
                sizes = page_sizes(cached_base)

                def start_uncached():
                    return serve({**env, "PAGE_CACHE": "False"})

                for label, milliseconds in render_times(start_uncached).items():
                    sizes[label]["render_ms"] = milliseconds
                results = measure(options, cached_base, proxy_base, start_uncached)
                print(f"  worker RSS MB (A): {worker_rss_mb(cached.pid)}")
                # Recorded before Lighthouse, so that its failure loses no wrk numbers.
                crowd_results.append((crowd, sizes, results, {}))
                if options.lighthouse and crowd == options.crowd[-1]:
                    crowd_results[-1] = (
                        crowd,
                        sizes,
                        results,
                        lighthouse(cached_base, options, workdir),
                    )
            finally:
                for process in reversed(processes):
                    stop(process)
    finally:
        if crowd_results:
            text = section(options, crowd_results, commit, env)
            print(text)
            if not options.no_write:
                with open(ROOT / "bench" / "RESULTS.md", "a") as results_file:
                    results_file.write("\n" + text)
        if options.keep:
            print(f"kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
