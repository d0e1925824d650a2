#!/usr/bin/env bash
# Make sure Debian's Chromium is at /usr/bin/chromium for the browser tests (no browser downloads).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "${PARALLAX_SKIP_BROWSER:-}" = 1 ]; then
  echo "PARALLAX_SKIP_BROWSER=1: browser tests will be skipped." >&2
  exit 0
fi
sudo_cmd=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd="sudo"
  else
    echo "error: /usr/bin/chromium is missing and this user cannot install packages." >&2
    echo "hint: run 'apt-get install chromium' as root once, or set PARALLAX_SKIP_BROWSER=1 to skip browser tests." >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: /usr/bin/chromium is missing and this is not a Debian-like system (no apt-get)." >&2
  echo "hint: install Chromium so that /usr/bin/chromium exists, or set PARALLAX_SKIP_BROWSER=1." >&2
  exit 1
fi
echo "Installing Debian's chromium for the browser tests..."
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "Installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
