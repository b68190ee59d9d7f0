"""What every benchmark script does the same way: run manage.py, set a site up, report."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv/bin/python")


def run(args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)  # noqa: S603


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
