#!/usr/bin/env bash
# Starts (or stops) the background job worker of the demo portal: CKAN's default queue
# and the privacy screening queue (big uploads, DataStore loads). Idempotent.
# Usage: dev/worker.sh start|stop [CONFIG]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=${STATE_DIR:-$ROOT/.state}
PID="$STATE/worker.pid"
LOG="$STATE/worker.log"
INI=${2:-$ROOT/demo.ini}
mkdir -p "$STATE"

running() { [ -f "$PID" ] && kill -0 "$(cat "$PID")" 2>/dev/null; }

case "${1:-start}" in
  start)
    if running; then echo "Worker: running (pid $(cat "$PID"))"; exit 0; fi
    setsid nohup "$ROOT/.venv/bin/ckan" -c "$INI" jobs worker default smarttehran:privacy \
      >>"$LOG" 2>&1 </dev/null &
    echo $! >"$PID"
    sleep 2
    if ! running; then
      echo "ERROR: the job worker could not start. Last lines of $LOG:" >&2
      tail -n 20 "$LOG" >&2
      exit 1
    fi
    echo "Worker: queues default, smarttehran:privacy (pid $(cat "$PID"), log $LOG)"
    ;;
  stop)
    if running; then kill "$(cat "$PID")"; echo "Worker: stopped"; fi
    rm -f "$PID"
    ;;
  *) echo "usage: $0 start|stop [CONFIG]" >&2; exit 2 ;;
esac
