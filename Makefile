# Parallax: `make serve` and `make test` set up everything they need on a fresh machine.
SHELL := /bin/bash
VENV  := .venv
BIN   := $(VENV)/bin
STAMP := $(VENV)/.installed
# The first Python >= 3.11 on PATH.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$p; break; }; done)
PORT ?= 8000

.PHONY: help venv site serve test lint typecheck browser eval bench fuzz clean

help:
	@echo "make serve   build the demo story and serve it on http://127.0.0.1:$(PORT)/"
	@echo "make test    lint, type-check and run the tests, the slow ones in CI or with ALL=1 (installs Chromium if missing)"
	@echo "make site    build the site into site/"
	@echo "make venv    create .venv with Parallax and its test tools"
	@echo "make eval    measure alignment and article extraction; writes docs/evaluation.md and docs/extraction.md"
	@echo "make bench   speed, memory and growth beside the alternatives (~12 min); writes docs/benchmarks.md"
	@echo "make fuzz    build time of hostile inputs grown by 2x steps (~3 min); writes its table in docs/security.md"

venv: $(STAMP)

$(STAMP): pyproject.toml
	@PYTHON="$(PYTHON)" scripts/bootstrap-venv.sh $(VENV)
	@touch $(STAMP)

site: venv
	$(BIN)/parallax build

serve: venv
	$(BIN)/parallax serve --port $(PORT)

lint: venv
	$(BIN)/ruff check generator tests scripts benchmarks

typecheck: venv
	$(BIN)/mypy

browser:
	@scripts/ensure-chromium.sh
	@scripts/ensure-axe.sh

# Here `make test` leaves out the tests marked slow (end-to-end suites, about three of its eleven minutes
# on a 2-core machine); CI runs them too (.ci/run sets CI=1), and so does `make test ALL=1`.
PYTEST_ARGS ?= $(if $(or $(CI),$(ALL)),,-m "not slow")

test: venv browser lint typecheck
	$(BIN)/pytest $(PYTEST_ARGS)

eval: venv
	$(BIN)/python -m benchmarks.eval_alignment --write
	$(BIN)/python -m benchmarks.eval_extraction --write
	$(BIN)/python -m benchmarks.eval_speakers --write

bench: venv
	@scripts/bench-venv.sh .venv-bench
	$(BIN)/python -m benchmarks.bench --write
	$(BIN)/python -m benchmarks.cluster_bench --write

fuzz: venv
	$(BIN)/python -m benchmarks.fuzz --write

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache tests/artifacts
