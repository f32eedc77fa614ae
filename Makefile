# 雇用連携ディレクトリ — every target installs what it needs, idempotently.
# Every command README.md and CONTRIBUTING.md print is one of these (tests/test_documented_commands.py).
#   make serve [PORT=8000]    build and serve the site at http://127.0.0.1:PORT/ (live reload on data/ edits)
#   make preview [PORT=8000]  build and serve site/ itself as published (search included)
#   make build [WAIT=600]     write the static site to site/ (waiting up to WAIT s for another build)
#   make check                validate data/ and list every error at once
#   make changes [REF=main]   the records added, removed and changed since REF, as Markdown
#   make schemas              regenerate the editors' JSON Schemas in schemas/
#   make test                 lint (ruff) and run the whole test suite (unit + headless-browser tests)
#   make bench                print the benchmark figures
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
PORT ?= 8000
# empty: the generator's defaults (the last tag or origin/main; 600 s)
REF ?=
WAIT ?=
# the folder build writes the site to and preview serves
SITE ?= site

.PHONY: serve preview build check changes schemas test bench deps browser clean lock engine-check

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
	$(PY) -m generator build --site $(SITE) $(if $(WAIT),--wait $(WAIT))

serve: build
	$(PY) -m generator.mkdocs_glue.engine serve build/mkdocs.yml 127.0.0.1:$(PORT)

preview: build
	@echo "$(SITE)/ を http://127.0.0.1:$(PORT)/ で表示します（Ctrl+C で終了）"
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory $(SITE)

check: $(VENV)/.installed
	@$(PY) -m generator check

changes: $(VENV)/.installed
	@$(PY) -m generator changes $(REF)

schemas: $(VENV)/.installed
	$(PY) -m generator.schemas

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
