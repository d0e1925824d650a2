#!/usr/bin/env bash
# Install axe-core (npm, pinned in tests/axe/package-lock.json) for the accessibility tests.
set -euo pipefail
cd "$(dirname "$0")/../tests/axe"
if [ -f node_modules/axe-core/axe.min.js ]; then
  exit 0
fi
if [ "${PARALLAX_SKIP_BROWSER:-}" = 1 ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    echo "Installing Debian's npm for the accessibility tests..."
    export DEBIAN_FRONTEND=noninteractive
    $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq --no-install-recommends npm >/dev/null
  else
    echo "error: npm is needed to install axe-core for the accessibility tests." >&2
    echo "hint: install Node.js and npm, or set PARALLAX_SKIP_BROWSER=1 to skip browser tests." >&2
    exit 1
  fi
fi
npm ci --no-audit --no-fund --loglevel=error
