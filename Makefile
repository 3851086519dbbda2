# Quick start on a fresh Debian 12:   make run     (then http://127.0.0.1:8000/)
#                                     make test
# Everything else: `make help`, docs/operations.md.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# Debian's Python 3.11 when present, else python3.11 from PATH; override with PYTHON=...
PYTHON ?= $(or $(wildcard /usr/bin/python3.11),$(shell command -v python3.11 2>/dev/null))
VENV := .venv
VPY := $(VENV)/bin/python
PORT ?= 8000
SEED_RESIDENTS ?= 2000
PYTEST_ARGS ?=
BENCH_ARGS ?=
DRILL_ARGS ?=
MYPY_TARGETS ?= .

# Debian needs python3-venv for `python3.11 -m venv` (ensurepip); only asked for when missing.
PY_PKGS = $(shell if [ -z "$(PYTHON)" ]; then echo python3.11 python3-venv; \
	elif ! "$(PYTHON)" -c 'import ensurepip, venv' >/dev/null 2>&1; then echo python3-venv; fi)
RUN_PKGS = $(PY_PKGS) libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
	fonts-ipamj-mincho fonts-ipaexfont
TEST_PKGS = $(RUN_PKGS) chromium poppler-utils
PG_PKGS = postgresql
STACK_PKGS = $(RUN_PKGS) postgresql redis-server

ENSURE := scripts/ensure-debian-packages.sh
WITH_PG := scripts/with-postgres.sh
# Tests always run with JUKI_TESTING=1, eager Celery, and (make test) SQLite.
TEST_ENV := env -u DATABASE_URL -u CELERY_BROKER_URL -u DJANGO_DEBUG JUKI_TESTING=1
# pytest exits 5 when it collected nothing; ALLOW_NO_TESTS=1 turns that into success.
PYTEST_STATUS = s=$$?; if [ $$s -eq 5 ] && [ "$(ALLOW_NO_TESTS)" = 1 ]; then \
	echo "pytest collected no tests (allowed by ALLOW_NO_TESTS=1)"; exit 0; fi; exit $$s

.PHONY: help venv run test test-pg lint bench drill stack sample-forms clean distclean \
	_run-packages _test-packages _stack-packages _var

help:
	@echo "make run            demo server on http://127.0.0.1:$(PORT)/ (SQLite, DEBUG, demo city)"
	@echo "make test           whole test suite on SQLite (PYTEST_ARGS='-m \"not browser\"' etc.)"
	@echo "make test-pg        the same suite on a throwaway PostgreSQL"
	@echo "make lint           ruff, mypy, lint-imports, makemigrations --check"
	@echo "make bench          bench/*.py on a throwaway PostgreSQL (BENCH_ARGS=...)"
	@echo "make drill          fault drill: kill -9 web/Celery workers, stop PostgreSQL (DRILL_ARGS=...)"
	@echo "make stack          production shape on loopback: PostgreSQL, Redis, gunicorn, Celery"
	@echo "make sample-forms   sample certificates as PDF into out/forms/"
	@echo "make clean          caches and generated output; make distclean also .venv/ and var/"

_run-packages:
	@$(ENSURE) $(RUN_PKGS)

_test-packages:
	@$(ENSURE) $(TEST_PKGS)

_stack-packages:
	@$(ENSURE) $(STACK_PKGS)

# SQLite (var/db.sqlite3) and generated files live here; settings do not create it.
_var:
	@mkdir -p "$${JUKI_VAR_DIR:-var}"

# Creates .venv/ when missing and reinstalls when pyproject.toml is newer than .venv/.installed
# (scripts/venv.sh keeps that stamp; quiet when up to date).
venv:
	@PYTHON="$(PYTHON)" scripts/venv.sh

run: _run-packages venv _var
	DJANGO_DEBUG=1 $(VPY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(VPY) manage.py seed_demo --residents $(SEED_RESIDENTS) --if-empty
	DJANGO_DEBUG=1 $(VPY) manage.py seed_cards
	DJANGO_DEBUG=1 $(VPY) manage.py runserver 127.0.0.1:$(PORT)

test: _test-packages venv _var
	$(TEST_ENV) $(VENV)/bin/pytest $(PYTEST_ARGS); $(PYTEST_STATUS)

test-pg: _test-packages venv _var
	@$(ENSURE) $(PG_PKGS)
	$(TEST_ENV) $(WITH_PG) $(VENV)/bin/pytest $(PYTEST_ARGS); $(PYTEST_STATUS)

lint: _run-packages venv
	$(VENV)/bin/ruff check .
	JUKI_TESTING=1 $(VENV)/bin/mypy $(MYPY_TARGETS)
	$(VENV)/bin/lint-imports
	DATABASE_URL='sqlite://:memory:' JUKI_TESTING=1 $(VPY) manage.py makemigrations --check --dry-run

# One throwaway cluster for all benchmarks; each script sets Django up itself (bench/pdf.py
# also starts its own Redis on a free loopback port and two Celery workers). The fault
# drill starts its own stack and takes minutes: `make drill`, not part of `make bench`.
BENCH_NOT_IN_BENCH := bench/fault_drill.py
bench: _run-packages venv _var
	@$(ENSURE) $(PG_PKGS) redis-server
	@files=($(filter-out $(BENCH_NOT_IN_BENCH),$(sort $(wildcard bench/[!_]*.py)))); \
	if [ $${#files[@]} -eq 0 ]; then echo "no bench/*.py"; exit 0; fi; \
	env -u CELERY_BROKER_URL -u DJANGO_DEBUG JUKI_TESTING=1 PG_SHARED_BUFFERS=2GB $(WITH_PG) bash -c \
	  'set -e; for f in "$$@"; do echo "== $$f"; $(VPY) "$$f" $(BENCH_ARGS); done' bench "$${files[@]}"

stack: _stack-packages venv _var
	scripts/stack.sh

# kill -9 of a web and a Celery worker and PostgreSQL stopped for 10 s during approvals,
# on its own stack in a temp dir (other ports than make stack); see bench/README.md.
drill: _stack-packages venv
	env -u DATABASE_URL -u CELERY_BROKER_URL -u DJANGO_DEBUG -u JUKI_TESTING \
		$(VPY) bench/fault_drill.py $(DRILL_ARGS)

sample-forms: _run-packages venv _var
	DJANGO_DEBUG=1 $(VPY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(VPY) manage.py sample_forms out/forms

clean:
	rm -rf out test-results .mypy_cache .ruff_cache .pytest_cache .hypothesis \
		var/staticfiles *.egg-info
	find . -path ./.venv -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +

# Also the virtualenv and var/ (the SQLite demo database and make stack's PostgreSQL data).
distclean: clean
	rm -rf $(VENV) var
