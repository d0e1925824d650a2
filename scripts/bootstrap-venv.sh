#!/usr/bin/env bash
# Create the virtual environment and install Parallax with its test tools.
# Usage: PYTHON=python3 scripts/bootstrap-venv.sh .venv
set -euo pipefail
venv="${1:-.venv}"
python="${PYTHON:-python3}"
if [ -z "$python" ] || ! command -v "$python" >/dev/null 2>&1; then
  echo "error: Parallax needs Python 3.11 or newer, and none was found on PATH." >&2
  echo "hint: install it (Debian/Ubuntu: sudo apt-get install python3) or run: make PYTHON=/path/to/python3.11" >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "error: $python is $("$python" --version 2>&1); Parallax needs Python 3.11 or newer." >&2
  echo "hint: run make PYTHON=/path/to/python3.11" >&2
  exit 1
fi
if ! "$python" -m venv "$venv" 2>/dev/null; then
  # Debian splits venv's pip bootstrap into python3-venv.
  rm -rf "$venv"
  if command -v apt-get >/dev/null 2>&1; then
    sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    echo "Installing python3-venv..."
    $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq python3-venv
  fi
  "$python" -m venv "$venv"
fi
# Old pips (23.x) fail on some dependency trees (lxml extras); a current one does not.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[dev,semantic,cluster]'
echo "Installed Parallax $("$venv/bin/parallax" --version | cut -d' ' -f2) into $venv"
