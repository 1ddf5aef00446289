#!/usr/bin/env bash
# Serves the portal with gunicorn, the way `make demo` serves it (dev/gunicorn.conf.py:
# several workers, each request cut off after GUNICORN_TIMEOUT seconds). Test fixtures
# that need the portal "as the demo serves it" call this script with their own config,
# host and port, and stop it the same way:
#
#   dev/serve.sh run   [INI] [HOST] [PORT]   in the foreground (Ctrl-C stops it; make serve)
#   dev/serve.sh start [INI] [HOST] [PORT]   in the background; returns once the portal
#                                            answers (exit 1, log shown, when it does not)
#   dev/serve.sh stop  [INI] [HOST] [PORT]   stops the one on that port (its pid file)
#   dev/serve.sh status [INI] [HOST] [PORT]
#
# Arguments default to the environment: CKAN_INI (demo.ini), HOST (127.0.0.1), PORT (5000).
# Pid file .state/gunicorn-PORT.pid, log (start) .state/gunicorn-PORT.log; STATE_DIR moves
# both. GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_TIMEOUT: see dev/gunicorn.conf.py.
# The RQ workers are separate (dev/worker.sh). CKAN's development server stays for
# development only: make dev-serve.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=${STATE_DIR:-$ROOT/.state}
CMD=${1:-run}
INI=$(realpath -m "${2:-${CKAN_INI:-$ROOT/demo.ini}}")
HOST=${3:-${HOST:-127.0.0.1}}
PORT=${4:-${PORT:-5000}}
PID="$STATE/gunicorn-$PORT.pid"
LOG="$STATE/gunicorn-$PORT.log"
WAIT=${SERVE_WAIT:-120}
mkdir -p "$STATE"

running() { [ -f "$PID" ] && kill -0 "$(cat "$PID")" 2>/dev/null; }
answers() { curl -fs -o /dev/null --max-time 5 "http://$HOST:$PORT/api/3/action/status_show"; }
gunicorn() {
  CKAN_INI="$INI" GUNICORN_BIND="$HOST:$PORT" exec "$ROOT/.venv/bin/gunicorn" \
    --config "$ROOT/dev/gunicorn.conf.py" --pid "$PID" "$@"
}

case "$CMD" in
  run)
    [ -f "$INI" ] || { echo "ERROR: no config file $INI" >&2; exit 1; }
    if running; then echo "Portal: already served on $HOST:$PORT (pid $(cat "$PID"))"; exit 0; fi
    gunicorn
    ;;
  start)
    [ -f "$INI" ] || { echo "ERROR: no config file $INI" >&2; exit 1; }
    if running; then echo "Portal: already served on $HOST:$PORT (pid $(cat "$PID"))"; exit 0; fi
    (gunicorn --daemon --access-logfile "$LOG" --error-logfile "$LOG")
    for _ in $(seq "$WAIT"); do
      if answers; then echo "Portal: http://$HOST:$PORT (gunicorn pid $(cat "$PID"), log $LOG)"; exit 0; fi
      sleep 1
    done
    echo "ERROR: the portal did not answer on $HOST:$PORT within ${WAIT}s. Last lines of $LOG:" >&2
    tail -n 30 "$LOG" >&2
    exit 1
    ;;
  stop)
    if running; then
      kill -TERM "$(cat "$PID")"
      for _ in $(seq 40); do running || break; sleep 0.5; done
      echo "Portal on port $PORT: stopped"
    fi
    rm -f "$PID"
    ;;
  status)
    if running && answers; then echo "Portal: http://$HOST:$PORT (pid $(cat "$PID"))"; exit 0; fi
    echo "Portal on port $PORT: not running"; exit 3
    ;;
  *) echo "usage: $0 run|start|stop|status [INI] [HOST] [PORT]" >&2; exit 2 ;;
esac
