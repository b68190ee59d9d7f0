"""Whether the browser tests can run here, said at the top and the bottom of every run.

Loaded from tests/conftest.py (`pytest_plugins`) so that its report header is printed
before collection. Without Chromium the tests marked `browser` are skipped, loudly; with
WAVESITE_REQUIRE_BROWSER=1 (CI) a missing browser or tool is a failure instead.
"""

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Debian's Chromium; WAVESITE_CHROMIUM points elsewhere (or nowhere, to see the skip).
CHROMIUM = Path(os.environ.get("WAVESITE_CHROMIUM", "/usr/bin/chromium"))
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL_HINT = "install with scripts/browser-deps.sh (as root)"


def is_required() -> bool:
    return os.environ.get("WAVESITE_REQUIRE_BROWSER", "") not in ("", "0")


def chromium_missing() -> str | None:
    """Why the browser cannot be started here, or None when it can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found: {INSTALL_HINT}"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (make setup)"
    return None


def axe_missing() -> str | None:
    if not AXE_SCRIPT.exists():
        return f"{AXE_SCRIPT.relative_to(ROOT)} not found: make browser-deps"
    return None


def vnu_missing() -> str | None:
    if not VNU_JAR.exists():
        return f"{VNU_JAR.relative_to(ROOT)} not found: make browser-deps"
    if shutil.which("java") is None:
        return f"java not found (the Nu Html Checker runs on it): {INSTALL_HINT}"
    return None


def unavailable(reason: str) -> None:
    """Skip the test, or fail it when the browser suite is required (CI)."""
    if is_required():
        pytest.fail(f"WAVESITE_REQUIRE_BROWSER is set but {reason}", pytrace=False)
    pytest.skip(f"browser test SKIPPED: {reason}")


def pytest_report_header(config):
    reason = chromium_missing()
    if reason is None:
        return [f"browser tests: run with {CHROMIUM} (Playwright)"]
    verdict = "will FAIL (WAVESITE_REQUIRE_BROWSER is set)" if is_required() else "SKIPPED"
    return [f"browser tests: {verdict}: {reason}"]


def pytest_collection_modifyitems(config, items):
    # Skipped at collection: no server, database or browser is set up for nothing.
    reason = chromium_missing()
    if reason is None or is_required():
        return
    skip = pytest.mark.skip(reason=f"browser test SKIPPED: {reason}")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if "browser test SKIPPED" in str(report.longrepr)
    ]
    if skipped:
        terminalreporter.write_sep(
            "!", f"{len(skipped)} browser tests SKIPPED: see the reasons above", yellow=True
        )
