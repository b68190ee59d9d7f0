"""The shape of the code: what importing the models costs every process."""

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
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    loaded = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert loaded == "", f"django.setup() and events.models loaded {loaded}"
