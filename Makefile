# Two commands for a newcomer: `make site` builds everything, `make test` runs the tests.
# Each target installs what it needs: a virtual environment and, when missing, Debian packages.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LOCK := requirements/lock.txt
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# What the build needs: WeasyPrint's Pango, and HarfBuzz's subsetter for the PDFs' fonts
# (without it WeasyPrint falls back to fontTools with a warning, which the build refuses).
SITE_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
# What the tests add: a real browser and the atomics library of Playwright's own Node.js, the
# Nu Html Checker's Java, Poppler to read PDFs back, LibreOffice to open every DOCX, with
# Liberation fonts standing in for Arial as they do on most Linux desktops.
TEST_PACKAGES := $(SITE_PACKAGES) chromium libatomic1 default-jre-headless poppler-utils \
	libreoffice-writer-nogui fonts-liberation2

.PHONY: site test test-fast check serve generate bench schema lint clean lock site-deps test-deps \
	node-deps

# The venv follows the lock: every package pinned with its hashes, then the project itself.
$(STAMP): $(LOCK) pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

## lock: re-resolve requirements/lock.txt from pyproject.toml (UPGRADE=1: newest allowed versions)
lock: $(STAMP)
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
	  --generate-hashes --custom-compile-command "make lock" --quiet $(if $(UPGRADE),--upgrade) \
	  --output-file $(LOCK)

# Installs the Debian packages of $(1) that are missing. Not their recommendations: the lists
# above name all that the build and the tests need (a fresh machine proves it).
define debian_packages
@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
  if [ -n "$$missing" ]; then \
    echo "Installation des paquets Debian manquants :$$missing"; \
    $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
  fi
endef

site-deps:
	$(call debian_packages,$(SITE_PACKAGES))

# The tests also need the Nu Html Checker: pinned, verified, fetched once from the npm registry.
test-deps:
	$(call debian_packages,$(TEST_PACKAGES))
	@$(PYTHON) tools/vnu_jar.py --quiet

# The assistant's Python runtime (Pyodide) is fetched with npm and compiled by Node.js, once.
node-deps:
	@command -v node >/dev/null && command -v npm >/dev/null || { \
	  echo "Installation de Node.js et npm (assistant de rédaction)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm; }

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
	$(PY) -m ruff check generator tests tools
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
