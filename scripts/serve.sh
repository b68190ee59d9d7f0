#!/usr/bin/env bash
# Production start on one box: migrate, collect static files, then the task worker and
# gunicorn side by side; stopping one (Ctrl-C, SIGTERM) stops both.
# Needs the production environment: SECRET_KEY, ALLOWED_HOSTS, and usually DATABASE_URL,
# REDIS_URL, BEHIND_PROXY (see README). DEBUG is forced off.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG=False
BIN=${BIN:-.venv/bin}
WORKERS=${TASK_WORKERS:-1}

"$BIN/python" manage.py check --deploy --fail-level WARNING
"$BIN/python" manage.py migrate --no-input
"$BIN/python" manage.py collectstatic --no-input --verbosity 0
# Emails a worker that died (a crash, a lost machine) left queued or mid-send: new tasks.
"$BIN/python" manage.py recover_emails

pids=()
for _ in $(seq "$WORKERS"); do
    "$BIN/python" manage.py db_worker --queue-name '*' &
    pids+=($!)
done
"$BIN/gunicorn" -c gunicorn.conf.py wavesite.wsgi &
pids+=($!)
trap 'kill "${pids[@]}" 2>/dev/null; wait' INT TERM
wait -n "${pids[@]}"
kill "${pids[@]}" 2>/dev/null || true
wait
