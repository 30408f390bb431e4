# Daily commands: `make run`, `make test`, `make bench`, `make lint`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test bench lint messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## Set up an SQLite database under var/, load the demo and serve on http://127.0.0.1:8000 (with a task worker)
run: install
	mkdir -p var
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py loaddemo
	DEBUG=1 $(BIN)/python manage.py db_worker & worker=$$!; trap "kill $$worker" EXIT INT TERM; \
	  DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

## The whole test suite (SQLite; PostgreSQL when DATABASE_URL is set)
test: install
	$(BIN)/python -m pytest

## Every benchmark; rewrites docs/benchmarks.md
bench: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run.py

lint: install
	$(BIN)/ruff check .

## Refresh and compile every translation catalogue (needs gettext). Each area with its own
## locale/ keeps its strings; the project catalogue (locale/) takes the rest.
messages: install
	@set -e; areas=$$(find . -path ./.venv -prune -o -path ./var -prune -o -type d -name locale -print | sed 's|/locale$$||' | sort); \
	for area in $$areas; do \
	  ignores=""; \
	  for other in $$areas; do case "$$other" in "$$area"/*) ignores="$$ignores --ignore=$${other#$$area/}/*";; esac; done; \
	  (cd $$area && DEBUG=1 $(CURDIR)/$(BIN)/python $(CURDIR)/manage.py makemessages -l zh_Hans --no-obsolete \
	    --ignore='.venv/*' --ignore='tests/*' --ignore='bench/*' --ignore='var/*' $$ignores); \
	done
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv
