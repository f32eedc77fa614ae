# 雇用連携ディレクトリ — every target installs what it needs, idempotently.
#   make serve   build and serve the site at http://127.0.0.1:8000/ (live reload on data/ edits)
#   make build   write the static site to site/
#   make test    lint (ruff) and run the whole test suite (unit + headless-browser tests)
#   make bench   print the benchmark figures
#   make engine-check  build with $(ENGINE) and prove the other engine builds the same site (CI: ENGINE=mkdocs)
#   make lock    regenerate requirements.lock (from requirements.txt) and package-lock.json, then run the tests
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian's chromium by default; CHROMIUM=bundled uses Playwright's own build (e.g. on Ubuntu CI runners)
export CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1
# Builds of the same commit are byte-identical: the build date is the commit date.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
export PYTHONDONTWRITEBYTECODE := 1
# The engine that turns build/docs into HTML: properdocs (default, maintained) or mkdocs (1.6.1, last release 2024).
# ENGINE=mkdocs make build|serve|test, or the environment (generator/mkdocs_glue/engine.py).
export ENGINE ?= properdocs

.PHONY: serve build test bench deps browser clean lock engine-check

deps: $(VENV)/.installed node_modules/.installed

# Only what the lock names, with the hashes it records: a changed release of any package fails the install.
$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

# requirements.txt lists what we ask for (pinned); the lock adds every dependency and the hashes of its files.
lock: deps
	$(PY) -m uv pip compile --quiet --generate-hashes --python-version 3.11.7 --custom-compile-command "make lock" \
	  requirements.txt -o requirements.lock
	npm install --package-lock-only --no-audit --no-fund --loglevel=error
	$(MAKE) test

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

browser: deps
ifeq ($(CHROMIUM),bundled)
	$(PY) -m playwright install --with-deps chromium
else
	@[ -x "$(CHROMIUM)" ] || $(SUDO) apt-get install -y --no-install-recommends chromium || \
	  ($(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium)
endif
	@# the Nu HTML Checker (npm vnu-jar) runs on Java
	@command -v java >/dev/null || $(SUDO) apt-get install -y --no-install-recommends default-jre-headless || \
	  ($(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends default-jre-headless)

build: deps
	$(PY) -m generator build

serve: build
	$(PY) -m generator.mkdocs_glue.engine serve build/mkdocs.yml 127.0.0.1:8000

test: deps browser
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest -q

engine-check: deps
	$(PY) -m generator build
	$(PY) -m pytest -q tests/test_engine.py

bench: deps
	$(PY) bench/run.py

clean:
	rm -rf build site .pytest_cache
