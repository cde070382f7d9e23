# The README's commands. Each does its own setup: a .venv with the pinned dependencies.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WAREHOUSE ?= warehouse/govmeet.duckdb
BENCH_N ?= 100000

.PHONY: install run test test-browser bench dashboard dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)  ## parse the bundled sample into $(WAREHOUSE) and print a summary
	$(BIN)/govmeet run --warehouse $(WAREHOUSE)

test: $(STAMP)  ## the whole test suite
	$(BIN)/python -m pytest

bench: $(STAMP)  ## throughput, memory and rerun figures at BENCH_N documents
	BENCH_N=$(BENCH_N) $(BIN)/python -m bench

dev: $(STAMP)  ## the Dagster UI with the asset graph, sensor and schedule
	DAGSTER_HOME=$${DAGSTER_HOME:-$(CURDIR)/.dagster_home} sh -c 'mkdir -p $$DAGSTER_HOME && cp -n dagster.yaml $$DAGSTER_HOME/ 2>/dev/null; $(BIN)/dagster dev'

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/.build .dagster_home
