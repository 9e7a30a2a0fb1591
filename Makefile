# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEV    := DEBUG=1 ETJANST_TESTLEGITIMATION=1

.PHONY: run test lint format install clean bench

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=25.1"
	$(PY) -m pip install --quiet -c constraints.txt -e . --group dev
	touch $(STAMP)

install: $(STAMP)

## Start a working system with demo data on SQLite, Celery tasks run eagerly.
run: $(STAMP)
	mkdir -p var
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py seed_demo
	@echo "Bistånd körs på http://127.0.0.1:8000 – logga in med t.ex. handlaggare1 / bistand-demo"
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

## Lint, migration check and the full test suite (PostgreSQL when DATABASE_URL points there).
test: $(STAMP) lint
	$(PY) -m pytest -p no:cacheprovider

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) scripts/kontrollera_hanvisningar.py
	$(PY) scripts/funktionsimporter.py
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

## Load the project (gunicorn, production settings) and the bare-Django floor at 10 connections;
## DATABASE_URL must point at PostgreSQL filled by `manage.py seed_scale` (docs/prestanda.md).
bench: $(STAMP)
	bench/run.sh

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var
