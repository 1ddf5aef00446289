#!/usr/bin/env bash
# Start the development Solr 9 (core "ckan") on 127.0.0.1, or check an external one.
#
#   dev/solr/start.sh            build if needed, prepare the Solr home, start, wait
#   SOLR_URL=http://host:8983/solr/ckan dev/solr/start.sh   only check that URL answers
#
# Environment: SOLR_PORT (8983), STATE_DIR (<repo>/.state), SOLR_START_TIMEOUT (90 s),
# SOLR_CORES ("ckan ckan_test": the portal's core and the test suite's, same config).
# State (Solr home with the index, logs, pid file) lives in $STATE_DIR/solr.
# Idempotent: if our Solr is already up with the current config, it only prints the URL;
# if dev/solr/home or the launcher changed, it refreshes the home and restarts Solr.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
STATE_DIR="${STATE_DIR:-$REPO/.state}"
SOLR_STATE="$STATE_DIR/solr"
SOLR_HOME="$SOLR_STATE/home"
LOG_DIR="$SOLR_STATE/logs"
PID_FILE="$SOLR_STATE/solr.pid"
PORT="${SOLR_PORT:-8983}"
TIMEOUT="${SOLR_START_TIMEOUT:-90}"
CORE_URL="http://127.0.0.1:$PORT/solr/ckan"
CORES="${SOLR_CORES:-ckan ckan_test}"
LIB="$HERE/lib"
BUILD_STAMP="$LIB/.build-stamp"
CONF_STAMP="$SOLR_HOME/.conf-stamp"
MAIN_CLASS="ir.smarttehran.devsolr.SolrLauncher"

answers() { # URL of a core: true when it answers a ping or a search
  curl -fsS -m 5 -o /dev/null "$1/admin/ping?wt=json" 2>/dev/null \
    || curl -fsS -m 5 -o /dev/null "$1/select?q=*:*&rows=0&wt=json" 2>/dev/null
}

# --- external Solr: only check it --------------------------------------------------
if [ -n "${SOLR_URL:-}" ]; then
  if answers "${SOLR_URL%/}"; then
    echo "Solr: ${SOLR_URL%/} (external, not managed by this script)"
    exit 0
  fi
  echo "Solr at SOLR_URL=${SOLR_URL} does not answer (tried /admin/ping and /select)." >&2
  exit 1
fi

for tool in java mvn curl sha256sum; do
  command -v "$tool" >/dev/null || { echo "Solr could not start: '$tool' is not installed." >&2; exit 1; }
done

all_cores_answer() {
  local core
  for core in $CORES; do answers "http://127.0.0.1:$PORT/solr/$core" || return 1; done
}

hash_tree() { # stable hash of files (paths relative to $1) under the given subpaths
  local base="$1"; shift
  (cd "$base" && find "$@" -type f ! -name '.*' -print0 | LC_ALL=C sort -z \
     | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}

our_pid() { # prints the pid of our running launcher, if any
  [ -f "$PID_FILE" ] || return 1
  local pid; pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS" || return 1
  echo "$pid"
}

fail() { # message; prints the launcher's output and log location, exits 1
  echo "Solr could not start: $1" >&2
  if [ -s "$LOG_DIR/console.log" ]; then
    echo "--- last 30 lines of $LOG_DIR/console.log ---" >&2
    tail -n 30 "$LOG_DIR/console.log" >&2
    echo "---" >&2
  fi
  echo "Full log: $LOG_DIR/solr.log" >&2
  exit 1
}

mkdir -p "$SOLR_STATE" "$LOG_DIR"

# --- 1. build the launcher and copy its runtime jars (only when sources changed) ------
want_build="$(hash_tree "$HERE" pom.xml src)"
if [ "$(cat "$BUILD_STAMP" 2>/dev/null || true)" != "$want_build" ] || ! ls "$LIB"/smarttehran-dev-solr-*.jar >/dev/null 2>&1; then
  echo "Building the Solr launcher (Maven; first run downloads ~90 MB to ~/.m2) ..."
  rm -rf "$LIB"
  if ! (cd "$HERE" && mvn -B -q package dependency:copy-dependencies -DskipTests \
          -DincludeScope=runtime -DoutputDirectory="$LIB" >"$LOG_DIR/build.log" 2>&1 \
        && cp target/smarttehran-dev-solr-*.jar "$LIB"/); then
    echo "Solr could not start: the Maven build failed. Last lines of $LOG_DIR/build.log:" >&2
    grep -E '^\[ERROR\]' "$LOG_DIR/build.log" | head -n 30 >&2 || tail -n 30 "$LOG_DIR/build.log" >&2
    exit 1
  fi
  echo "$want_build" >"$BUILD_STAMP"
fi

# --- 2. is the right Solr already running? ---------------------------------------------
want_conf="$(hash_tree "$HERE/home" .) $CORES"
have_conf="$(cat "$CONF_STAMP" 2>/dev/null || true)"
if pid="$(our_pid)"; then
  started_build="$(cat "$SOLR_STATE/running-build" 2>/dev/null || true)"
  if [ "$have_conf" = "$want_conf" ] && [ "$started_build" = "$want_build" ]; then
    for _ in $(seq "$TIMEOUT"); do   # it may still be starting (another start.sh call)
      if all_cores_answer; then echo "Solr: ${CORE_URL%/ckan}/{${CORES// /,}}"; exit 0; fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
  fi
  echo "Restarting Solr (configuration or launcher changed, or it stopped answering) ..."
  "$HERE/stop.sh" >/dev/null
elif answers "$CORE_URL"; then
  echo "Solr: $CORE_URL (already running, but not started by this script: no live pid in $PID_FILE)"
  exit 0
fi

# --- 3. prepare the Solr home: config from dev/solr/home, index kept in ckan/data -----
if [ "$have_conf" != "$want_conf" ]; then
  mkdir -p "$SOLR_HOME"
  cp "$HERE/home/solr.xml" "$SOLR_HOME/solr.xml"
  for core in $CORES; do  # every core gets the same config; its index stays in <core>/data
    mkdir -p "$SOLR_HOME/$core"
    rm -rf "$SOLR_HOME/$core/conf"
    cp -R "$HERE/home/ckan/conf" "$SOLR_HOME/$core/conf"
    printf '# Written by dev/solr/start.sh from dev/solr/home/ckan.\nname=%s\n' "$core" \
      >"$SOLR_HOME/$core/core.properties"
  done
  if [ -n "$have_conf" ] && [ -d "$SOLR_HOME/ckan/data" ]; then
    echo "Solr configuration refreshed from dev/solr/home. If the schema changed, re-index:"
    echo "  ckan -c <ini> search-index rebuild"
  fi
  echo "$want_conf" >"$CONF_STAMP"
fi

# --- 4. start it and wait for the core -------------------------------------------------
: >"$LOG_DIR/console.log"
t0=$(date +%s)
setsid nohup java -Xms512m -Xmx512m \
  -Dsolr.log.dir="$LOG_DIR" \
  -Dlog4j2.configurationFile="$HERE/log4j2.xml" \
  -Dsolr.solr.home="$SOLR_HOME" \
  -cp "$LIB/*" "$MAIN_CLASS" "$SOLR_HOME" "$PORT" \
  >>"$LOG_DIR/console.log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$PID_FILE"
echo "$want_build" >"$SOLR_STATE/running-build"

for _ in $(seq $((TIMEOUT * 2))); do
  if ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$PID_FILE"
    fail "the Java process exited."
  fi
  if all_cores_answer; then
    echo "Solr: ${CORE_URL%/ckan}/{${CORES// /,}} (started in $(( $(date +%s) - t0 )) s, pid $pid, logs in $LOG_DIR)"
    exit 0
  fi
  sleep 0.5
done
"$HERE/stop.sh" >/dev/null || true
fail "the core did not answer within ${TIMEOUT} s."
