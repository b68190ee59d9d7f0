#!/usr/bin/env bash
# Start the servers the test suite can use, idempotently, and wait until they answer.
#   scripts/services.sh            PostgreSQL 15 (role and database "wavesite") and Redis
#   scripts/services.sh postgres   only PostgreSQL;   scripts/services.sh redis   only Redis
# Prints the DATABASE_URL / REDIS_URL to use. Installs redis-server from apt when missing. Exits non-zero, loudly, when a server cannot be started.
# Needs root (or the postgres user) on Debian with postgresql-15 installed, as on CI.
set -euo pipefail

PG_VERSION=${PG_VERSION:-15}
PG_URL="postgres://wavesite:wavesite@127.0.0.1:5432/wavesite"

fail() { echo "services.sh: $*" >&2; exit 1; }

start_postgres() {
    command -v pg_ctlcluster >/dev/null || fail "PostgreSQL is not installed (apt-get install postgresql-$PG_VERSION)."
    # Exit code 2 means "already running": fine.
    pg_ctlcluster "$PG_VERSION" main start || [ $? -eq 2 ] || fail "could not start PostgreSQL $PG_VERSION."
    pg_isready -h 127.0.0.1 -t 30 >/dev/null || fail "PostgreSQL did not answer on 127.0.0.1:5432 within 30 s."
    as_postgres() { su postgres -c "$1"; }
    if [ "$(as_postgres "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='wavesite'\"")" != "1" ]; then
        # CREATEDB lets Django's test runner create test_wavesite.
        as_postgres "psql -qc \"CREATE ROLE wavesite LOGIN PASSWORD 'wavesite' CREATEDB\"" \
            || fail "could not create the role wavesite."
    fi
    if [ "$(as_postgres "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='wavesite'\"")" != "1" ]; then
        as_postgres "createdb -O wavesite wavesite" || fail "could not create the database wavesite."
    fi
    PGPASSWORD=wavesite psql -h 127.0.0.1 -U wavesite -d wavesite -tAc "SELECT 1" >/dev/null \
        || fail "PostgreSQL is up but the wavesite role cannot log in over TCP."
    echo "PostgreSQL ready: DATABASE_URL=$PG_URL"
}

start_redis() {
    if ! command -v redis-server >/dev/null; then
        echo "services.sh: installing redis-server from apt"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null) \
            || fail "could not install redis-server (apt-get needs root and the Debian mirror)."
    fi
    if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
        redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save "" --appendonly no \
            >/dev/null || fail "could not start redis-server."
        for _ in $(seq 50); do
            redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break
            sleep 0.1
        done
    fi
    [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ] \
        || fail "Redis did not answer on 127.0.0.1:6379."
    echo "Redis ready: REDIS_URL=redis://127.0.0.1:6379/0"
}

case "${1:-all}" in
    postgres) start_postgres ;;
    redis) start_redis ;;
    all) start_postgres; start_redis ;;
    *) fail "usage: scripts/services.sh [all|postgres|redis]" ;;
esac
