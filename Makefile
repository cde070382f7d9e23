# The README's commands. Each does its own setup: a .venv with the pinned dependencies.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WAREHOUSE ?= warehouse/govmeet.duckdb
BENCH_N ?= 100000
DASHBOARD_PORT ?= 8501
DASHBOARD_ADDRESS ?= 127.0.0.1
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install run test test-browser bench dashboard dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,dashboard,stata]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)  ## parse the bundled sample into $(WAREHOUSE) and print a summary
	$(BIN)/govmeet run --warehouse $(WAREHOUSE)

test: $(STAMP)  ## the whole test suite
	$(BIN)/python -m pytest

bench: $(STAMP)  ## throughput, memory and rerun figures at BENCH_N documents
	BENCH_N=$(BENCH_N) $(BIN)/python -m bench

dashboard: $(STAMP)  ## the dashboard on http://$(DASHBOARD_ADDRESS):$(DASHBOARD_PORT), reading $(WAREHOUSE) (or $$GOVMEET_WAREHOUSE)
	GOVMEET_WAREHOUSE=$${GOVMEET_WAREHOUSE:-$(WAREHOUSE)} $(BIN)/streamlit run dashboard/app.py \
		--server.address $(DASHBOARD_ADDRESS) --server.port $(DASHBOARD_PORT) --server.headless true --browser.gatherUsageStats false --client.toolbarMode minimal

test-browser: $(STAMP)  ## the dashboard in headless Chromium; installs Debian's chromium (and CJK fonts) if missing
	command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk; }
	$(BIN)/python -m pytest tests/test_dashboard.py -k browser -rs

dev: $(STAMP)  ## the Dagster UI with the asset graph, sensor and schedule
	DAGSTER_HOME=$${DAGSTER_HOME:-$(CURDIR)/.dagster_home} sh -c 'mkdir -p $$DAGSTER_HOME && cp -n dagster.yaml $$DAGSTER_HOME/ 2>/dev/null; $(BIN)/dagster dev'

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/.build .dagster_home
