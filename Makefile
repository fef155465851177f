# dekg: two commands on a fresh machine — `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEKG := $(BIN)/dekg
# The managed Neo4j, its password and the jar cache live in DEKG_DATA_DIR
# (default ~/.local/share/dekg), the same place the dekg command looks when run by hand.
export DEKG_DATA_DIR ?= $(HOME)/.local/share/dekg
SEED := examples/cyprus-mail-blinken-lavrov.txt

.PHONY: help setup lint format test demo bench neo4j-provision browser-deps bench-deps viewer clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/activate requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

setup: $(VENV)/.installed  ## create .venv and install the locked dependencies (hash-checked)

neo4j-provision: setup  ## download and verify the Neo4j server jars (cached in DEKG_DATA_DIR)
	$(DEKG) neo4j provision

lint: setup  ## ruff + mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: setup  ## apply ruff's formatting and safe fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

browser-deps:  ## headless Chromium for the viewer test (Debian; needs root)
	@bash scripts/browser-deps.sh

test: setup lint neo4j-provision browser-deps  ## lint, then every test (a real Neo4j is started by the tests)
	$(BIN)/pytest

demo: setup neo4j-provision  ## start Neo4j, ingest the seed article, serve the API on :8000
	$(DEKG) neo4j start
	@bash scripts/demo-key.sh
	$(DEKG) ingest $(SEED)
	@bash scripts/demo-banner.sh
	DEKG_API_KEYS="$${DEKG_API_KEYS:-$$(cat $(DEKG_DATA_DIR)/api-key)}" $(DEKG) serve --host 127.0.0.1 --port 8000

bench-deps:  ## wrk, the API benchmark's load generator (Debian; needs root, else stops with a message)
	@bash scripts/bench-deps.sh

bench: setup neo4j-provision bench-deps  ## throughput and memory benchmarks (ratios, side by side)
	$(BIN)/python benchmarks/run_all.py

viewer:  ## rebuild the viewer bundle in api/static from web/ (needs npm)
	cd web && npm ci && npm run build

clean:  ## remove the venv (the Neo4j data in DEKG_DATA_DIR is kept)
	rm -rf $(VENV)
