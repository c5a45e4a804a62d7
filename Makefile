# Saylo Hire — the two commands are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
# Every target here is a developer's: local defaults (DEBUG on, local-memory caches, console mail).
# A server sets nothing of the kind and so runs with DEBUG off (README, "Production").
export SAYLO_RUNTIME ?= local

.PHONY: run test lint bench loadtest setup worker agent check-deploy clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip

$(VENV)/.deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install -qq -r requirements.txt
	touch $@

$(VENV)/.deps-dev: requirements-dev.txt requirements-agent.txt $(VENV)/.deps
	$(BIN)/pip install -qq -r requirements-dev.txt
	touch $@

## setup: virtualenv, requirements, migrations and the demo account
setup: $(VENV)/.deps
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo

## run: set everything up, then serve on http://127.0.0.1:$(PORT) with the task worker
run: setup
	scripts/ensure-tesseract
	PORT=$(PORT) BIN=$(BIN) scripts/run-local

## worker: only the task worker (when the web server runs elsewhere)
worker: setup
	scripts/ensure-tesseract
	$(BIN)/python manage.py db_worker

$(VENV)/.deps-agent: requirements-agent.txt $(VENV)/.deps
	$(BIN)/pip install -qq -r requirements-agent.txt
	touch $@

## agent: the live video interview agent worker (LiveKit Agents; needs the video settings)
agent: $(VENV)/.deps-agent
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py run_interview_agent start

## test: set up with the dev requirements and run the whole suite, on TEST_WORKERS processes (pytest-xdist; 0: in this one)
TEST_WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
test: $(VENV)/.deps-dev
	scripts/ensure-chromium
	scripts/ensure-tesseract
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

## lint: ruff, the layering contracts (import-linter, pyproject.toml) and the import-cycle check
lint: $(VENV)/.deps-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python scripts/import_cycles.py

## bench: performance measurements, printed as a table
bench: $(VENV)/.deps-dev
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python scripts/bench.py

## loadtest: every page rendered cold under 20 logged-in clients on gunicorn + PostgreSQL, against the profile page and /healthz (benchmarks/loadtest.py)
loadtest: $(VENV)/.deps-dev
	$(BIN)/python -m benchmarks.loadtest

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
