# Newsroom: `make run` serves the site, `make test` runs every check.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# A Python >= 3.12: $(PYTHON) if given, else the first suitable one on PATH, else pyenv's newest.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 python; do \
	  command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	  && { command -v $$p; exit 0; }; done; \
	root=$$(pyenv root 2>/dev/null || echo "$$HOME/.pyenv"); \
	for p in $$(ls -d $$root/versions/3.1[2-9]*/bin/python 2>/dev/null | sort -rV); do \
	  $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; exit 0; }; done)

.PHONY: install run test lint format migrate seed superuser bench loadtest backup restore clean eval-ingest xss fuzz

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "No Python >= 3.12 found: install one or pass PYTHON=/path/to/python3.12" >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

migrate: install
	$(BIN)/python manage.py migrate --no-input

seed: migrate
	$(BIN)/python manage.py load_seeds

superuser: migrate
	$(BIN)/python manage.py ensure_superuser

run: seed superuser
	SITE_URL="$${SITE_URL:-http://$(HOST):$(PORT)}" $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Stored XSS with the whole payload corpus (make test runs a sample of every category).
xss: install
	XSS_CORPUS=full $(BIN)/python -m pytest tests/security/test_stored_xss.py -q -s

# Fuzzes every API operation from its OpenAPI schema (schemathesis, in-process, no server), on
# SQLite and, when DATABASE_URL is set, on PostgreSQL; each leg prints what it sent and got back.
FUZZ_EXAMPLES ?= 500
fuzz: install
	@status=0; \
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) env -u DATABASE_URL $(BIN)/python -m pytest tests/newsroom/api/test_fuzz.py -q || status=1; \
	if [ -n "$$DATABASE_URL" ]; then \
	  FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/newsroom/api/test_fuzz.py -q || status=1; \
	fi; \
	exit $$status

# Scores ingest on labelled cases; the shared seed counts too when it sits beside the checkout.
CASES ?= tests/ingest_cases $(wildcard ../shared/seed)
eval-ingest: install
	$(BIN)/python manage.py evaluate_ingest $(CASES)

clean:
	rm -rf $(VENV) db.sqlite3 media

# Load test of the public site and API under gunicorn; installs wrk from Debian when missing.
bench: install
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python bench/run.py

# 32 connections for 60 s on the story page and the API story list: 0 errors, p99 <= 300 ms.
loadtest: install
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python bench/loadtest.py

# The database (natural-key JSON lines) and MEDIA_ROOT in one archive: BACKUP_DIR/<UTC time>.tar.gz.
BACKUP_DIR ?= backups
backup: install
	$(BIN)/python manage.py backup --directory $(BACKUP_DIR)

# make restore BACKUP=backups/20260101T000000Z.tar.gz [REPLACE=1]: into an empty database and
# media folder; REPLACE=1 deletes what they hold first.
restore: migrate
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=path/to/backup.tar.gz [REPLACE=1]" >&2; exit 2; }
	$(BIN)/python manage.py restore $(BACKUP) $(if $(REPLACE),--replace)
