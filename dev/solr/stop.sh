#!/usr/bin/env bash
# Stop the development Solr started by dev/solr/start.sh (found through its pid file).
# Idempotent: does nothing when it is not running. Never touches a Solr it did not start.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
STATE_DIR="${STATE_DIR:-$REPO/.state}"
PID_FILE="$STATE_DIR/solr/solr.pid"
MAIN_CLASS="ir.smarttehran.devsolr.SolrLauncher"

pid="$(cat "$PID_FILE" 2>/dev/null || true)"
if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null \
   || ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS"; then
  rm -f "$PID_FILE"
  echo "Solr is not running (nothing started by dev/solr/start.sh)."
  exit 0
fi

kill -TERM "$pid"
for _ in $(seq 60); do
  kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; echo "Solr stopped (pid $pid)."; exit 0; }
  sleep 0.5
done
echo "Solr (pid $pid) did not stop within 30 s; killing it."
kill -KILL "$pid" 2>/dev/null || true
rm -f "$PID_FILE"
