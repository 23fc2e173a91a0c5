# Two commands for a newcomer: `make site` builds everything, `make test` runs the tests.
# Each target installs what it needs: a virtual environment and, when missing, Debian packages.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# What the build needs (WeasyPrint's Pango), then what the tests add (a real browser, the Nu
# Html Checker's Java, Poppler to read PDFs back).
SITE_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0
TEST_PACKAGES := $(SITE_PACKAGES) chromium poppler-utils default-jre-headless

.PHONY: site test test-fast check serve generate bench schema lint clean site-deps test-deps node-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

site-deps: PACKAGES = $(SITE_PACKAGES)
test-deps: PACKAGES = $(TEST_PACKAGES)
site-deps test-deps:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installation des paquets Debian manquants :$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# The assistant's Python runtime (Pyodide) is fetched with npm and compiled by Node.js, once.
node-deps:
	@command -v node >/dev/null && command -v npm >/dev/null || { \
	  echo "Installation de Node.js et npm (assistant de rédaction)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }

## site: the whole site, its PDFs and the example filled documents, in site/
site: $(STAMP) site-deps node-deps
	$(PY) -m generator site

## check: validate every data file and page
check: $(STAMP)
	$(PY) -m generator check

## serve: preview on http://127.0.0.1:8000/, regenerated on every change
serve: $(STAMP) node-deps
	$(PY) -m generator serve

## test: lint, data check and the test suite (strict build of the real site, PDFs, browser)
test: $(STAMP) test-deps node-deps
	$(PY) -m ruff check generator tests
	$(PY) -m generator check
	$(PY) -m pytest -q

## test-fast: what a maintainer runs while editing, in under a minute (no site build,
## no PDF layout, no browser)
test-fast: $(STAMP)
	$(PY) -m ruff check generator tests
	$(PY) -m generator check
	$(PY) -m pytest -q -m "not slow and not pdf and not browser"

## bench: timings and peak memory of the build, check, preview and documents
bench: $(STAMP) test-deps node-deps
	$(PY) benchmarks/run.py

## schema: JSON Schemas of every data file, for editors
schema: $(STAMP)
	$(PY) -m generator schema -o schemas

clean:
	rm -rf build site out .pytest_cache
