# JobWise: `make run` serves the API, `make test` runs the tests. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install browser run migrate test check lint typecheck format clean demo bench

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "JobWise needs Python 3.11 or newer: run 'make PYTHON=python3.12 ...'"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependency list changes, so repeated runs start at once.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install JobWise with its dev tools

# The browser tests (tests/web) drive Debian's Chromium through Playwright; Playwright's own
# browser download is not used. Without Chromium (and no way to install it) they skip, saying so.
CHROMIUM := /usr/bin/chromium
browser: ## Install Chromium for the browser tests when it is missing (apt-get, as root)
	@if [ -x $(CHROMIUM) ]; then exit 0; fi; \
	if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "Installing Chromium for the browser tests (tests/web)"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get install -y -q chromium >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; } \
			|| echo "Chromium could not be installed: the browser tests will be skipped."; \
	else \
		echo "$(CHROMIUM) is missing and apt-get (as root) is not available: the browser tests will be skipped."; \
	fi

# No --host/--port here: jobwise reads HOST and PORT from the environment, then .env, and make
# passes `make run PORT=9000` to it through the environment.
run: install ## Migrate the database and serve the API (HOST, PORT, JOBWISE_DATA_DIR from the environment or .env)
	$(BIN)/jobwise serve

migrate: install ## Migrate the database to the latest revision
	$(BIN)/jobwise migrate

test: install browser ## Run the tests (browser tests included) on SQLite, and on PostgreSQL when JOBWISE_TEST_DATABASE_URL is set
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	@if [ -n "$$JOBWISE_TEST_DATABASE_URL" ]; then \
		echo "== the same suite on PostgreSQL ($$JOBWISE_TEST_DATABASE_URL) =="; \
		JOBWISE_TEST_BACKEND=postgresql $(BIN)/python -m pytest $(PYTEST_ARGS); \
	else \
		echo "PostgreSQL run skipped: set JOBWISE_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to enable it."; \
	fi

demo: install ## Run the whole journey on a fresh temporary database; files go to ./demo-output/
	$(BIN)/jobwise demo

bench: install ## Run every benchmark in bench/, print one table, write bench/results.json
	$(BIN)/python bench/run_all.py

lint: install ## ruff lint and format check; the import layers (lint-imports, contracts in pyproject.toml)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports --no-cache --no-logo

typecheck: install ## mypy
	$(BIN)/mypy

check: lint typecheck test ## ruff, mypy and the tests

format: install ## Format the code
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests migrations bench

clean: ## Remove the virtualenv, local data and the demo's files
	rm -rf $(VENV) var demo-output .pytest_cache .mypy_cache .ruff_cache
