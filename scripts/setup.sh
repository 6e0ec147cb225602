#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine (Node 20 with npm assumed):
# pnpm at the version package.json pins, the workspace's packages, and (with --browser)
# Debian's Chromium for the browser tests. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

want=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$want" ]; then
  echo "installing pnpm@$want"
  npm install -g "pnpm@$want" >/dev/null
fi

CI=true pnpm install --frozen-lockfile

if [ "${1:-}" = "--browser" ] && [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium (Debian package) for the browser tests"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
