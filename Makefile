# Civicdesk: `make run` serves the demo, `make test` runs the whole suite (lint included).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: install run test lint format bench clean

NPM_PACKAGES := htmx.org@2.0.8 axe-core@4.10

$(BIN)/civicdesk: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@# Front-end libraries come from the npm registry, never pasted into the repo. Without them
	@# the pages still work (no live inbox refresh) and the accessibility browser tests skip.
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --prefix $(VENV)/npm --no-save --no-audit --no-fund $(NPM_PACKAGES); \
	else echo "npm not found: htmx and axe-core not installed"; fi
	touch $(BIN)/civicdesk

install: $(BIN)/civicdesk

run: install
	$(BIN)/civicdesk migrate --noinput
	$(BIN)/civicdesk demo
	@echo "Civicdesk on http://127.0.0.1:$(PORT)/ (Ctrl-C stops the server and the worker)"
	$(BIN)/civicdesk serve --port $(PORT)

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

format: install
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

test: lint
	$(BIN)/pytest

bench: install
	@# The `bench` extra (presidio-analyzer) is for the moderation comparison only, never run time.
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) var
