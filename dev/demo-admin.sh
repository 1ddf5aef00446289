#!/usr/bin/env bash
# Creates the demo sysadmin once and prints how to log in. The password is random,
# kept in .state/demo-admin.txt (not in the repository).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CKAN="$ROOT/.venv/bin/ckan -c $ROOT/demo.ini"
CRED="$ROOT/.state/demo-admin.txt"
mkdir -p "$ROOT/.state"
if [ ! -f "$CRED" ]; then
  echo "admin $(openssl rand -base64 12 | tr -d '/+=')" > "$CRED"
  chmod 600 "$CRED"
fi
read -r user password < "$CRED"
# `ckan user show` exits 0 even for a missing user: look for the name in its output.
if ! $CKAN user show "$user" 2>/dev/null | grep -q "name=$user"; then
  $CKAN user add "$user" "password=$password" "email=$user@smarttehran.local" "fullname=مدیر سامانه" \
    >"$ROOT/.state/demo-admin.log" 2>&1 || { echo "Could not create the demo sysadmin; see .state/demo-admin.log" >&2; exit 1; }
fi
$CKAN sysadmin add "$user" >/dev/null 2>&1 || true
echo "Log in at http://127.0.0.1:5000/user/login as '$user' with password '$password' (kept in .state/demo-admin.txt)"
