# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run serve test setup lint format clean

# `make run` installs only what the app runs; `make test` adds the test tools.
$(INSTALLED): setup.cfg
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $(INSTALLED)

$(TEST_INSTALLED): $(INSTALLED)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(TEST_INSTALLED)

setup: $(INSTALLED)
	$(FLASK) translate compile
	$(FLASK) setup

run: setup
	$(FLASK) run --host $(HOST) --port $(PORT)

# Production: gunicorn, WEB_WORKERS processes of WEB_THREADS threads (1: sync workers),
# private logs (docs/deploy.md). Put it behind a reverse proxy that terminates TLS.
serve: setup
	$(BIN)/gunicorn --config python:directory.serving.gunicorn_conf --bind $(HOST):$(PORT) wsgi:app

# Browser tests drive Debian's Chromium (Playwright's own browser download cannot work here).
CHROMIUM ?= /usr/bin/chromium

$(CHROMIUM):
	if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi

# PostgreSQL tests start a throwaway cluster from Debian's `postgresql` package (tests/postgres.py).
PG_BIN ?= /usr/lib/postgresql/15/bin

$(PG_BIN)/initdb:
	if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq postgresql; \
	else sudo apt-get update -qq && sudo apt-get install -y -qq postgresql; fi

# The suite runs twice: on SQLite (the embedded default), then on PostgreSQL.
test: $(TEST_INSTALLED) $(CHROMIUM) $(PG_BIN)/initdb
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(FLASK) translate compile
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest
	CHROMIUM=$(CHROMIUM) PG_BIN=$(PG_BIN) $(BIN)/python -m pytest --database=postgresql

format: $(TEST_INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
