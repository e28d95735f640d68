# sangrah — `make html` builds the archive, `make test` runs every test.
# Both set up what they need first: a virtual environment with the pinned
# Python packages, and node_modules with the pinned npm packages.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
SITEURL ?=

RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP     := $(VENV)/.dev-installed
NPM_STAMP     := node_modules/.installed

.PHONY: help setup html import publish serve test bench clean
.DEFAULT_GOAL := html

help:
	@echo "make html      set up, import content/dumps into content/posts, build output/"
	@echo "make test      set up, run the whole test suite"
	@echo "make serve     build, then preview at http://localhost:$(PORT)/"
	@echo "make publish SITEURL=https://USER.github.io/REPO   build for GitHub Pages"
	@echo "make import    only turn dumps into posts (report in content/posts/.sangrah/)"
	@echo "make bench     benchmarks (figures printed, nothing asserted)"
	@echo "make clean     remove output/ and caches (posts and dumps stay)"

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(RUNTIME_STAMP): requirements.txt constraints.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	@touch $@

$(DEV_STAMP): requirements-dev.txt constraints.txt $(RUNTIME_STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	@touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(RUNTIME_STAMP) $(NPM_STAMP)

html: setup
	$(PY) -m pelican content -s pelican.conf.py

import: setup
	PYTHONPATH=plugins $(PY) -m sangrah_import -s pelican.conf.py

publish: setup
	@test -n "$(SITEURL)" || { echo "usage: make publish SITEURL=https://USER.github.io/REPO"; exit 2; }
	SITEURL="$(SITEURL)" $(PY) -m pelican content -s publish.conf.py

serve: html
	$(PY) -m pelican --listen --port $(PORT) -s pelican.conf.py

test: setup $(DEV_STAMP)
	$(PY) -m pytest

bench: setup $(DEV_STAMP)
	PYTHONPATH=plugins $(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf output cache .pytest_cache .hypothesis
	find . -name __pycache__ -type d -not -path "./$(VENV)/*" -not -path "./node_modules/*" -prune -exec rm -rf {} +
