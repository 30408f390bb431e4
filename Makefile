# Daily commands: `make run`, `make test`, `make bench`, `make lint`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Checks the system packages each target needs (and installs them where it may): scripts/system_packages.py.
# `make run ALLOW_MISSING=1` goes on without them.
SYSTEM_CHECK = ALLOW_MISSING=$(ALLOW_MISSING) $(PYTHON) scripts/system_packages.py
PORT ?= 8000

.PHONY: install run test bench lint messages

$(STAMP): pyproject.toml
	@$(SYSTEM_CHECK) install
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## Set up an SQLite database under var/, load the demo and serve on http://127.0.0.1:8000 (with a task worker);
## `make run PORT=8001` for another port
run:
	@$(SYSTEM_CHECK) run
	@$(MAKE) --no-print-directory install
	mkdir -p var
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py loaddemo
	DEBUG=1 $(BIN)/python manage.py db_worker & worker=$$!; trap "kill $$worker" EXIT INT TERM; \
	  DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## The whole test suite (SQLite; PostgreSQL when DATABASE_URL is set)
test:
	@$(SYSTEM_CHECK) test
	@$(MAKE) --no-print-directory install
	$(BIN)/python -m pytest

## Every benchmark; rewrites docs/benchmarks.md
bench: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run.py

## ruff, including the complexity check (C901, see pyproject.toml)
lint: install
	$(BIN)/ruff check .

## Refresh and compile every translation catalogue (needs gettext). makemessages puts each string in the
## catalogue nearest its file: an app's own locale/, or the project catalogue (locale/) for the rest.
messages:
	@$(SYSTEM_CHECK) messages
	@$(MAKE) --no-print-directory install
	DEBUG=1 $(BIN)/python manage.py makemessages -l zh_Hans --no-obsolete \
	  --ignore='.venv/*' --ignore='tests/*' --ignore='bench/*' --ignore='var/*'
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv
