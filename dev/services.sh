#!/usr/bin/env bash
# Starts (or stops) the services the portal needs, all on 127.0.0.1:
#   PostgreSQL 15 (Debian cluster 15/main), Redis, Solr 9 (dev/solr/start.sh).
# Any of them can be an existing service instead:
#   CKAN_SQLALCHEMY_URL, CKAN_DATASTORE_WRITE_URL, CKAN_DATASTORE_READ_URL,
#   CKAN_TEST_SQLALCHEMY_URL, CKAN_REDIS_URL, SOLR_URL.
# Usage: dev/services.sh start|stop|status. Running it twice is harmless.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=${STATE_DIR:-$ROOT/.state}
mkdir -p "$STATE"

PG_VERSION=15
PG_CLUSTER=main
PG_PORT=${PG_PORT:-5432}
DB_USER=ckan_default
DB_PASS=${CKAN_DB_PASSWORD:-pass}
REDIS_PORT=${REDIS_PORT:-6379}

fail() { # service, reason, log
  echo "ERROR: $1 could not start: $2" >&2
  if [ -n "${3:-}" ] && [ -f "$3" ]; then
    echo "--- last lines of $3 ---" >&2; tail -n 30 "$3" >&2; echo "---" >&2
    echo "Full log: $3" >&2
  fi
  exit 1
}

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

pg_log() { echo "/var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log"; }

start_postgres() {
  if [ -n "${CKAN_SQLALCHEMY_URL:-}" ]; then
    echo "PostgreSQL: using CKAN_SQLALCHEMY_URL (not started here)"; return
  fi
  command -v pg_ctlcluster >/dev/null || fail PostgreSQL "pg_ctlcluster not found (run dev/system-packages.sh)"
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$PG_VERSION $PG_CLUSTER$"; then
    pg_createcluster "$PG_VERSION" "$PG_CLUSTER" -p "$PG_PORT" >/dev/null || fail PostgreSQL "could not create cluster"
  fi
  if ! pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1==v && $2==c {print $4}' | grep -q online; then
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start >/dev/null 2>&1 \
      || fail PostgreSQL "pg_ctlcluster $PG_VERSION $PG_CLUSTER start failed" "$(pg_log)"
    touch "$STATE/postgres.started-by-us"
  fi
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break; sleep 1; done
  pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || fail PostgreSQL "not accepting connections on 127.0.0.1:$PG_PORT" "$(pg_log)"
  # Role and databases, created when missing.
  as_postgres psql -p "$PG_PORT" -qtAc "SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'" | grep -q 1 \
    || as_postgres psql -p "$PG_PORT" -qc "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASS'"
  as_postgres psql -p "$PG_PORT" -qtAc "SELECT 1 FROM pg_roles WHERE rolname='datastore_default'" | grep -q 1 \
    || as_postgres psql -p "$PG_PORT" -qc "CREATE ROLE datastore_default LOGIN PASSWORD '$DB_PASS'"
  for db in ckan_default datastore_default ckan_test datastore_test; do
    as_postgres psql -p "$PG_PORT" -qtAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
      || as_postgres createdb -p "$PG_PORT" -O "$DB_USER" -E utf-8 -T template0 "$db"
  done
  echo "PostgreSQL: postgresql://$DB_USER@127.0.0.1:$PG_PORT/ckan_default (+ datastore_default, ckan_test, datastore_test)"
}

datastore_permissions() { # needs the venv and a config; called by the Makefile after db init
  local ini=$1 db=$2
  "$ROOT/.venv/bin/ckan" -c "$ini" datastore set-permissions 2>/dev/null | as_postgres psql -p "$PG_PORT" -q -d "$db" >/dev/null \
    || fail PostgreSQL "could not set DataStore permissions on $db"
  # The read role's own statement limit, for what reaches PostgreSQL outside CKAN's
  # search (CKAN sets a shorter one per statement: docs/operations.md).
  as_postgres psql -p "$PG_PORT" -qc "ALTER ROLE ${DATASTORE_READ_ROLE:-datastore_default} SET statement_timeout = '30s'" >/dev/null \
    || fail PostgreSQL "could not set the statement timeout of ${DATASTORE_READ_ROLE:-datastore_default}"
}

start_redis() {
  if [ -n "${CKAN_REDIS_URL:-}" ]; then
    echo "Redis: using CKAN_REDIS_URL (not started here)"; return
  fi
  if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    echo "Redis: redis://127.0.0.1:$REDIS_PORT/0 (already running)"; return
  fi
  command -v redis-server >/dev/null || fail Redis "redis-server not found (run dev/system-packages.sh)"
  mkdir -p "$STATE/redis"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
    --dir "$STATE/redis" --pidfile "$STATE/redis.pid" --logfile "$STATE/redis.log" \
    --save "" --appendonly no >/dev/null || fail Redis "redis-server did not start" "$STATE/redis.log"
  for _ in $(seq 20); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.5; done
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 || fail Redis "no answer on 127.0.0.1:$REDIS_PORT" "$STATE/redis.log"
  echo "Redis: redis://127.0.0.1:$REDIS_PORT/0"
}

stop_redis() {
  if [ -f "$STATE/redis.pid" ] && kill -0 "$(cat "$STATE/redis.pid")" 2>/dev/null; then
    kill "$(cat "$STATE/redis.pid")"; echo "Redis: stopped"
  fi
  rm -f "$STATE/redis.pid"
}

stop_postgres() {
  if [ -f "$STATE/postgres.started-by-us" ]; then
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop >/dev/null 2>&1 || true
    rm -f "$STATE/postgres.started-by-us"; echo "PostgreSQL: stopped"
  fi
}

case "${1:-start}" in
  start)
    start_postgres
    start_redis
    bash "$ROOT/dev/solr/start.sh"
    ;;
  stop)
    bash "$ROOT/dev/solr/stop.sh" || true
    stop_redis
    stop_postgres
    ;;
  status)
    pg_isready -h 127.0.0.1 -p "$PG_PORT" || true
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null || echo "Redis: not running"
    curl -fsS "${SOLR_URL:-http://127.0.0.1:8983/solr/ckan}/admin/ping" >/dev/null 2>&1 && echo "Solr: up" || echo "Solr: not running"
    ;;
  datastore-permissions)
    datastore_permissions "$2" "$3"
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
