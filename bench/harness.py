"""What every benchmark script does the same way: run manage.py, set a site up, report."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv/bin/python")


def run(args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)  # noqa: S603


def production_environment(database_url: str, static_root: Path, **extra: str) -> dict:
    """The environment of a production-mode server (DEBUG off) for a benchmark: Redis when
    the caller's environment names one, then `extra`."""
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "False",
        "SECRET_KEY": "bench-" + "k" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(static_root),
        "ACCESS_LOG": "/dev/null",
        "LOG_LEVEL": "WARNING",
    }
    if os.environ.get("REDIS_URL"):
        env["REDIS_URL"] = os.environ["REDIS_URL"]
    env.update(extra)
    return env


def set_up_site(env: dict) -> None:
    """Migrate, load the cities and the seeded events, collect static files: a fresh site."""
    for command in (
        ["migrate", "-v0"],
        ["load_cities"],
        ["seed_events"],
        ["collectstatic", "--no-input", "-v0"],
    ):
        run([PYTHON, "manage.py", *command], env, stdout=subprocess.DEVNULL)


def report(text: str, write: bool) -> None:
    """Print a result table; with `write`, append it to bench/RESULTS.md too."""
    print(text)
    if write:
        with open(ROOT / "bench" / "RESULTS.md", "a") as results:
            results.write("\n" + text)
