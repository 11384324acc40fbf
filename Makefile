# Lotse: `make run` sets up and starts Lotse; `make test` sets up and runs the whole test suite.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export TOKENIZERS_PARALLELISM := false

.PHONY: run test lint fix setup ingest bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# CPU PyTorch first: an unpinned torch would pull gigabytes of CUDA packages.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

ingest: setup
	$(BIN)/lotse ingest

run: setup
	$(BIN)/lotse run

# The code gates first (configured in pyproject.toml): a new lint or type finding fails the build.
lint: setup
	$(BIN)/ruff check bot ingest tests bench scripts
	$(BIN)/ruff format --check bot ingest tests bench scripts
	$(BIN)/mypy

# The safe fixes: import order, modern syntax, formatting. Review the diff before committing.
fix: setup
	$(BIN)/ruff check --fix bot ingest tests bench scripts
	$(BIN)/ruff format bot ingest tests bench scripts

test: lint
	bash scripts/ensure-postgres.sh
	$(BIN)/python -m pytest -q

eval: setup ingest
	$(BIN)/lotse eval retrieval
	$(BIN)/lotse eval triage
	$(BIN)/lotse eval posts

bench: setup
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) data .pytest_cache
