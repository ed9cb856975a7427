# Two commands: `make book` builds the course site, `make test` runs every test suite.
# Both create .venv/ and install what they need on first use.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
JB     := $(VENV)/bin/jupyter-book
HTML   := _build/html
PORT   ?= 8000
HOST   ?= 127.0.0.1
CHROMIUM ?= /usr/bin/chromium

.PHONY: book serve test unit lint notebooks nbval build-strict browser chromium clean clean-cache venv test-deps axe update-axe help

help:
	@echo "make book   build the course site into $(HTML)/ (strict)"
	@echo "make test   run every test suite: lint, unit, nbval, strict build, browser"
	@echo "make serve  serve $(HTML)/ on http://127.0.0.1:$(PORT)/ (HOST=0.0.0.0 for a workshop LAN)"

# --- environments -------------------------------------------------------------

$(VENV)/.installed: requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	@touch $@

# JupyterLite's build tools, for the in-browser exercises that `make book` builds.
$(VENV)/.installed-lite: $(VENV)/.installed requirements-lite.txt
	$(PIP) install --quiet -r requirements-lite.txt
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(PIP) install --quiet -r requirements-test.txt
	@touch $@

venv: $(VENV)/.installed

test-deps: $(VENV)/.installed-test $(VENV)/.installed-lite chromium axe

# axe-core for the accessibility audits, the version tests/browser/package.json pins (npm).
AXE := tests/browser/node_modules/axe-core/package.json
axe: $(AXE)
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Move the pin to the newest axe-core release (then run `make browser` and commit both files).
update-axe:
	cd tests/browser && npm install --save-exact --no-audit --no-fund axe-core@latest

# Debian's Chromium for the browser tests (never Playwright's own download).
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "Installing Chromium from Debian (needs root or sudo)..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@test -x $(CHROMIUM) || { echo "Chromium is missing at $(CHROMIUM)"; exit 1; }

# --- the book -----------------------------------------------------------------

book: $(VENV)/.installed $(VENV)/.installed-lite
	$(JB) build . --builder html -W -n --keep-going
	$(PY) scripts/build_lite.py --out $(HTML)/lite
	@echo
	@echo "The course site is in $(HTML)/. Open $(CURDIR)/$(HTML)/index.html in a browser, or run 'make serve'."

serve: $(VENV)/.installed
	@test -f $(HTML)/index.html || $(MAKE) book
	@if [ "$(HOST)" != "127.0.0.1" ]; then \
	  echo "WARNING: serving on $(HOST): every device on this network can read the whole site."; \
	  echo "Use it only on a workshop network you trust, and stop it (Ctrl-C) afterwards."; \
	fi
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(PY) -m http.server $(PORT) --bind $(HOST) --directory $(HTML)

# Re-execute the exercise notebooks and store their outputs (what nbval compares against).
notebooks: $(VENV)/.installed
	$(PY) scripts/refresh_notebooks.py exercises/*.ipynb

# --- tests --------------------------------------------------------------------

test: test-deps
	$(MAKE) -k lint unit nbval build-strict browser

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check toolkit tests benchmarks scripts
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

unit: $(VENV)/.installed-test
	$(PY) -m pytest toolkit tests --ignore=tests/browser -q

nbval: $(VENV)/.installed-test
	TOOLKIT_ANSWERS_DIR=$$(mktemp -d) $(PY) -m pytest --nbval $$(find book exercises -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*') -q

build-strict: book

browser: $(VENV)/.installed-test chromium axe
	@test -f $(HTML)/index.html || $(MAKE) book
	$(PY) -m pytest tests/browser -q

clean:
	rm -rf _build

clean-cache:
	rm -rf _build/.jupyter_cache
