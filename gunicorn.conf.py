"""gunicorn for wavesite: `make serve`, or `gunicorn -c gunicorn.conf.py wavesite.wsgi`.

Put nginx (or a load balancer) in front: sync workers stall on slow or lingering clients.
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Measured on 2 cores: 2–3 sync workers serve the most; one more than the cores by default.
workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = 10_000
max_requests_jitter = 1_000
# Request log with timing: client, request line, status, bytes, duration in milliseconds.
accesslog = os.environ.get("ACCESS_LOG", "-")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
# Load the app before forking: the ephemeris and the zone catalogue are shared pages.
preload_app = True
