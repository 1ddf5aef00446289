#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those that are missing.
# Safe to run twice. Needs root (or sudo) only when something is missing.
set -euo pipefail

need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

for pkg in postgresql-15 postgresql-contrib redis-server libpq-dev gcc make \
           openjdk-17-jdk-headless maven libmagic1 gettext chromium chromium-driver; do
  have_pkg "$pkg" || need+=("$pkg")
done
# Node and npm fetch axe-core for the browser tests; a Node from elsewhere (NodeSource,
# nvm) is fine too.
if ! command -v npm >/dev/null; then
  have_pkg nodejs || need+=(nodejs)
  need+=(npm)
fi
# A JDK and Maven from elsewhere (sdkman, Temurin) are fine too.
if command -v javac >/dev/null && command -v mvn >/dev/null; then
  need=("${need[@]/openjdk-17-jdk-headless}"); need=("${need[@]/maven}")
fi
pkgs=()
for p in "${need[@]}"; do [ -n "$p" ] && pkgs+=("$p"); done

if [ ${#pkgs[@]} -eq 0 ]; then
  echo "System packages: all present."
  exit 0
fi
echo "System packages: installing ${pkgs[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
echo "System packages: done."
