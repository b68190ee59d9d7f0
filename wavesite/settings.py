"""wavesite settings: one module, every deployment knob read from the environment.

Development works with no environment at all once DEBUG=True (the Makefile sets it);
with DEBUG off, a missing SECRET_KEY or ALLOWED_HOSTS stops the start-up.
"""

import os
import zoneinfo
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

# zoneinfo looks at the system's zone files before the `tzdata` package, and the two
# can disagree (Debian's 2025b and IANA 2026f differ for Africa/Casablanca after 2030).
# Using only the pinned tzdata keeps zoneinfo on the same IANA release as pytz, whose
# catalogue (countries, their zones) we use.
zoneinfo.reset_tzpath(to=[])
zoneinfo.ZoneInfo.clear_cache()


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default)
    if value.lower() in ("true", "1", "yes", "on"):
        return True
    if value.lower() in ("false", "0", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be True or False, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envsecret(name: str) -> str:
    """The value of NAME, or the contents of the file named by NAME_FILE (Docker secrets)."""
    if path := os.environ.get(f"{name}_FILE"):
        return Path(path).read_text().strip()
    return os.environ.get(name, "")


DEBUG = envbool("DEBUG", "False")

SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (or SECRET_KEY_FILE) "
            "before starting with DEBUG off."
        )
    SECRET_KEY = "django-insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is not set. List the site's host names, comma-separated."
        )
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django's admin, on our site class (events/adminsite.py).
    "events.apps.WavesiteAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks_db",
    "axes",
    "events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Answers If-None-Match / If-Modified-Since with 304 from the ETag and Last-Modified
    # that cached pages carry (events/pagecache.py).
    "django.middleware.http.ConditionalGetMiddleware",
    # A database that has gone away gives a friendly 503 page, not a traceback.
    "events.web.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # A 4xx with an empty body (405 from require_http_methods) gets a page with words.
    "events.web.middleware.WordsForEmptyErrorsMiddleware",
    # An address with NUL or another control character in its path or query is a 400
    # page before any view, session or query sees it.
    "events.web.middleware.ControlCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The page's language from its address, or for a first visit from Accept-Language.
    "events.web.language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with its lockout page.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Static files from collectstatic's output, straight after the security headers and
    # before sessions and the database. (In development runserver serves them itself.)
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "wavesite.urls"
WSGI_APPLICATION = "wavesite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

# SQLite by default: a newcomer needs no server. WAL lets readers go on while one
# writer writes; IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue
# instead of failing with "database is locked" half-way through a transaction.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Measured: PostgreSQL without persistent connections serves ~60% fewer requests.
        conn_max_age=envint("CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if DEBUG else DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Counts failed logins and locks out (username, address) after AXES_FAILURE_LIMIT.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", "15"))
# One person guessing at one account from one address; another address is not blocked.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client's address as the rate limits see it (TRUSTED_PROXY_COUNT, below): behind a
# proxy, REMOTE_ADDR is the proxy's, and a lockout by it would lock out everyone.
AXES_CLIENT_IP_CALLABLE = "events.web.client.request_client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Its admin is registered by events/admin/lockouts.py, with a fix to its one action.
AXES_ENABLE_ADMIN = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Nine languages (issue 14). English is the original and has no prefix in addresses; every
# other language's public pages live under /<code>/ (i18n_patterns in wavesite/urls.py),
# so a shared link opens in the sender's language and a cache keeps one copy per language.
# How a visitor's language is chosen: events/web/language.py. Catalogues: locale/, compiled
# to .mo by `manage.py compile_catalogues` (Babel, no GNU gettext), run by make.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("pt-br", "Português (Brasil)"),
    ("ja", "日本語"),
    ("zh-hans", "简体中文"),
    ("hi", "हिन्दी"),
    ("ar", "العربية"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Set only when a visitor picks a language with the switcher (events/views/language.py).
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
# Everything inside is UTC; the visitor's zone is applied at the edge (events/localtime.py).
TIME_ZONE = "UTC"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # In production: hashed names (cached for a year by WhiteNoise) and gzip/brotli copies,
    # made by `collectstatic`. Development serves the files as they are.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Mail goes through Django 6.1's MAILERS (EMAIL_BACKEND is deprecated): the console in
# development, SMTP from the environment otherwise.
if envbool("MAIL_CONSOLE", "True" if DEBUG else "False"):
    # Printed as a person reads it, links whole (wavesite/devmail.py).
    MAILERS = {"default": {"BACKEND": "wavesite.devmail.ReadableConsoleBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("SMTP_HOST", "localhost"),
                "port": envint("SMTP_PORT", "25"),
                "username": os.environ.get("SMTP_USER", ""),
                "password": envsecret("SMTP_PASSWORD"),
                "use_tls": envbool("SMTP_STARTTLS", "False"),
                "timeout": 10,
            },
        }
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "wavesite <noreply@localhost>")
# Where participants' answers to an email go (the organisers' inbox); none if empty.
REPLY_TO_EMAIL = os.environ.get("REPLY_TO_EMAIL", "")

# Background work (emails) through Django's Tasks API, queued in the database: no extra
# server by default, and a task commits in the same transaction as the row that caused it.
# Workers: `manage.py recover_emails`, then `manage.py db_worker` (as many as wanted).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "email"],
    }
}

# The cache holds rate-limit counters and cached pages. Local memory serves one process;
# with several app servers, REDIS_URL makes limits and pages shared.
if REDIS_URL := os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "wavesite",
            "TIMEOUT": 300,
            "OPTIONS": {
                # The cache holds only what can be lost, so a Redis outage degrades instead
                # of failing: reads miss, writes are dropped, rate limits are not enforced
                # (events/signups/limits.py), and /healthz says so (events/web/health.py).
                "IGNORE_EXCEPTIONS": True,
                # A dead Redis must cost a request a fraction of a second, not minutes:
                # each call fails after these (measured: 0.25 s hung at connect, 0.5 s hung
                # mid-answer, at once when refused; redis-py does not retry here).
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    # Logged (once per 30 s per process: see LOGGING below), not hidden.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- security headers and HTTPS ------------------------------------------------------------

# Only our own origin, no inline code: scripts are ES modules from /static/, and the few
# that must be inline carry the per-request nonce. Framing is refused everywhere; the embed
# widget's view overrides frame-ancestors for itself.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (nginx, a load balancer).
if envbool("BEHIND_PROXY", "False"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies append to X-Forwarded-For: the client address is read that many
# entries from the right (the left ones can be forged by the client).
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "0")

if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "True")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", str(365 * 24 * 3600))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "True")
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "True")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    # /healthz is asked by the load balancer over plain HTTP on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^ping$"]

# An email still queued or mid-send after this many seconds was left by a dead worker:
# `manage.py recover_emails`, run before the workers start, gives it a new task
# (events/signups/outbox.py).
EMAIL_SEND_TIMEOUT = envint("EMAIL_SEND_TIMEOUT", "120")

# The task queue is unhealthy when more than this many tasks wait to run.
HEALTH_MAX_TASK_BACKLOG = envint("HEALTH_MAX_TASK_BACKLOG", "5000")

# Keep rendered event and world pages in the cache (events/pagecache.py). Off only to
# measure the uncached cost (bench/).
PAGE_CACHE = envbool("PAGE_CACHE", "True")

# The zone cookie set by static/js/localtime.js and by the zone picker.
ZONE_COOKIE_NAME = "tz"
ZONE_COOKIE_MAX_AGE = 365 * 24 * 3600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"once_per_30s": {"()": "wavesite.logfilters.OncePerInterval", "seconds": 30}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    # django-redis logs every cache call it answers without Redis: once says it.
    "loggers": {"django_redis.cache": {"filters": ["once_per_30s"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# --- sign-up (events/signup.py) ------------------------------------------------------------

# The site's public address, for the links in emails: a worker builds them, outside any
# request. Defaults to the first ALLOWED_HOSTS entry over HTTPS in production.
SITE_URL = os.environ.get(
    "SITE_URL",
    "http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0].lstrip('.')}",
).rstrip("/")
# Sign-up attempts one client address may make in ten minutes. Generous, since a family,
# an office or a mobile network shares one address; a script runs into it at once.
SIGNUP_RATE_LIMIT = envint("SIGNUP_RATE_LIMIT", "30")
# New "I'm waving!" waves one client address (an IPv6 /64) may add to an event per minute
# (events/live/waves.py). A mobile network's carrier-grade NAT puts many people behind one
# IPv4 address, but the few of one event among them tap over minutes, not all in one;
# 60 a minute still lets a watch party of 900 on one Wi-Fi be counted within the window
# (a refused tap is asked to wait seconds and tried again), while a script from one
# address adds at most one a second. A repeated tap, which counts nothing, spends nothing.
WAVE_RATE_LIMIT = envint("WAVE_RATE_LIMIT", "60")
# Where the rate-limit counters live, so that every worker of every app server counts the
# same hits (events/signups/limits.py): "cache" (Redis, when REDIS_URL is set) or
# "database" (the LimitCounter table; the default without Redis, as a local-memory cache
# would give each gunicorn worker counters of its own).
RATE_LIMIT_STORE = os.environ.get("RATE_LIMIT_STORE", "cache" if REDIS_URL else "database")
if RATE_LIMIT_STORE not in ("cache", "database"):
    raise ImproperlyConfigured(
        f'RATE_LIMIT_STORE must be "cache" or "database", not {RATE_LIMIT_STORE!r}'
    )
if RATE_LIMIT_STORE == "cache" and not REDIS_URL:
    raise ImproperlyConfigured(
        'RATE_LIMIT_STORE="cache" needs REDIS_URL: a local-memory cache is not shared '
        "between worker processes"
    )

# --- sharing, the embed widget and participants' photos (issue 7) ---------------------------

# Sites that may show the widget /events/<slug>/embed/ in a frame: "*" (any site, the
# default) or a comma-separated list of origins such as https://museum.example. Every
# other page refuses to be framed (frame-ancestors 'none', X-Frame-Options DENY).
EMBED_FRAME_ANCESTORS = envlist("EMBED_FRAME_ANCESTORS", "*")
# Uploads: a photo is at most 10 MB (events/photos.py), refused from its Content-Length
# before Django reads it. Bigger files than this are spooled to a temporary file rather
# than held in memory; no form takes more than a few files at once (the admin's pictures).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 20
