"""What every test may use: a stopped clock, an empty cache, a signed-in organiser, and the
rule that tests marked `postgres` run only against PostgreSQL."""

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.utils import timezone, translation

# The browser suite's report header and skip rules (tests/browser/plugin.py) must be known
# before collection starts; tests/isolation.py keeps runs apart and strict.
pytest_plugins = ["tests.browser.plugin", "tests.isolation"]

NEEDS_POSTGRES = "needs PostgreSQL (DATABASE_URL=postgres://…)"


def on_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    cache_backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    lines = [f"cache: {cache_backend}"]
    if engine == "sqlite3":
        lines.insert(
            0,
            "database: SQLite (the embedded default). For PostgreSQL and Redis: "
            "scripts/services.sh, then DATABASE_URL=postgres://wavesite:wavesite@127.0.0.1:5432/"
            "wavesite REDIS_URL=redis://127.0.0.1:6379/0 make test",
        )
    else:
        lines.insert(0, f"database: {engine}")
    return lines


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` (concurrency, a database shared with other processes) are
    skipped on SQLite, with the reason in the report."""
    if on_postgres():
        return
    skip = pytest.mark.skip(reason=NEEDS_POSTGRES)
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """Collected static files, for tests that start gunicorn in production mode."""
    from tests.processes import collectstatic

    root = tmp_path_factory.mktemp("static")
    collectstatic(root)
    return root


@pytest.fixture
def private_redis():
    """A redis-server of the test's own: (url, process); the test is skipped without one."""
    from tests.processes import redis_server

    server = redis_server()
    try:
        started = server.__enter__()
    except FileNotFoundError as missing:
        pytest.skip(str(missing))
    yield started
    server.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache (with Redis, the same server serves all tests)."""
    cache.clear()


@pytest.fixture(autouse=True)
def english_to_start_with():
    """Every test starts in English. A request activates its page's language for the thread
    (events/web/language.py), as Django's own LocaleMiddleware does, and a test runs in one
    thread with the others: without this, one test's /de/ page would leave the next test's
    Python in German."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


class Clock:
    """The clock of the code under test, stopped at one instant until moved again.

    time-machine moves every clock Python has (timezone.now(), datetime.now(), time.time()),
    so model defaults such as `Participant.created_at` follow it too.
    """

    def __init__(self, time_machine):
        self._time_machine = time_machine
        self.now: datetime | None = None

    def move_to(self, moment: datetime) -> datetime:
        """Stop the clock at `moment`; returns it."""
        self._time_machine.move_to(moment, tick=False)
        self.now = moment
        return moment

    def shift(self, delta: timedelta) -> datetime:
        """Move the stopped clock on by `delta`; returns the new instant."""
        if self.now is None:
            raise RuntimeError("clock.move_to(moment) first")
        return self.move_to(self.now + delta)


@pytest.fixture
def clock(time_machine) -> Clock:
    """clock.move_to(moment) stops time at `moment`; clock.shift(delta) moves it on."""
    return Clock(time_machine)


@pytest.fixture
def still_clock(clock) -> Clock:
    """The clock stopped at the real now, for tests that count the page cache's hits: pages
    are kept per 10-second slot, and a slot ending between two requests on a loaded machine
    renders the page again, by design."""
    clock.move_to(timezone.now())
    return clock


@pytest.fixture
def staff_client(client):
    """A client signed in as an organiser (a superuser)."""
    client.force_login(User.objects.create_superuser("organiser", "o@example.org", "pw"))
    return client


class MediaFolder:
    def __init__(self, root: Path):
        self.root = root

    def files(self) -> list[str]:
        """Every file stored in the folder, by its path inside it, sorted."""
        return sorted(
            str(path.relative_to(self.root)) for path in self.root.rglob("*") if path.is_file()
        )


@pytest.fixture
def media(settings, tmp_path) -> MediaFolder:
    """Files the test stores go to its own empty folder: media.files() lists them."""
    settings.MEDIA_ROOT = tmp_path
    return MediaFolder(tmp_path)


@pytest.fixture
def pasadenas():
    """Two cities of one name in two zones and states: (Texas, California), the bigger
    first."""
    from tests.factories import make_city

    texas = make_city(
        "Pasadena", "US", "United States", "America/Chicago", admin1_code="TX", population=153_784
    )
    california = make_city(
        "Pasadena",
        "US",
        "United States",
        "America/Los_Angeles",
        admin1_code="CA",
        population=142_250,
    )
    return texas, california
