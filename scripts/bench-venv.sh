#!/usr/bin/env bash
# The benchmark's own environment: the tools Parallax is measured against (Pelican, CollateX).
# They are not Parallax's dependencies (CollateX is GPL-3): they live in .venv-bench only.
# Usage: scripts/bench-venv.sh [.venv-bench]
set -euo pipefail
venv="${1:-.venv-bench}"
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  'pelican==4.12.0' 'markdown==3.11.3' 'collatex==2.3' 'python-Levenshtein>=0.25'
echo "Benchmark tools ready in $venv: $("$venv/bin/python" -m pip list 2>/dev/null | grep -i -E '^(pelican|collatex) ' | tr -s ' ' | tr '\n' ' ')"
