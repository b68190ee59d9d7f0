"""The shape of the code: what importing the models costs every process; modules use each
other and the libraries through public names only."""

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HEAVY = ("skyfield", "numpy", "timezonefinder")

PROBE = f"""
import sys
import django
django.setup()
import events.models
print(",".join(name for name in {HEAVY!r} if name in sys.modules))
"""


def test_loading_the_models_loads_no_ephemeris_or_numpy():
    # A fresh interpreter: this test process has long since imported everything.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wavesite.settings", "DEBUG": "True"}
    result = subprocess.run(  # noqa: S603 - this interpreter, our own script
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    loaded = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert loaded == "", f"django.setup() and events.models loaded {loaded}"


# --- public interfaces only ----------------------------------------------------------------

SOURCE_FOLDERS = ("events", "wavesite", "bench", "scripts", "tests")


def _imports_from(folders) -> list[tuple[str, int, str, str]]:
    """(file, line, module, name) of every `from module import name` under `folders`."""
    found = []
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(), str(path))
            relative = str(path.relative_to(ROOT))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module:
                    found += [(relative, node.lineno, node.module, a.name) for a in node.names]
    return found


def test_no_module_imports_another_modules_private_names():
    private = [
        f"{path}:{line}: from {module} import {name}"
        for path, line, module, name in _imports_from(SOURCE_FOLDERS)
        if name.startswith("_") and not name.startswith("__")
    ]
    assert private == []


def test_the_app_uses_the_task_backend_only_through_djangos_tasks_api():
    # Recovery of stalled emails reads our own rows (EmailDelivery.task_id), and the worker
    # is django-tasks-db's own `db_worker`. The one exception: /healthz counts the waiting
    # tasks in the backend's table (events/web/health.py says why).
    allowed = {("events/web/health.py", "django_tasks_db.models")}
    uses = {
        (path, module)
        for path, _, module, _ in _imports_from(("events", "wavesite"))
        if module.split(".")[0] == "django_tasks_db"
    }
    assert uses <= allowed
