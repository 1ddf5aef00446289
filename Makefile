# The two commands: `make demo` (the Persian portal at http://127.0.0.1:5000) and
# `make test` (the whole suite against real PostgreSQL, Solr and Redis).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
CKAN   := $(BIN)/ckan
STATE  := .state
HOST   ?= 127.0.0.1
PORT   ?= 5000
# An existing Solr can replace ours (dev/services.sh then only checks it answers).
ifdef SOLR_URL
export CKAN_SOLR_URL := $(SOLR_URL)
endif
# Tests never touch the demo databases: CKAN_TEST_* name existing test databases.
TEST_ENV := env -u CKAN_SQLALCHEMY_URL -u CKAN_DATASTORE_WRITE_URL -u CKAN_DATASTORE_READ_URL \
	$(if $(CKAN_TEST_SQLALCHEMY_URL),CKAN_SQLALCHEMY_URL=$(CKAN_TEST_SQLALCHEMY_URL)) \
	$(if $(CKAN_TEST_DATASTORE_WRITE_URL),CKAN_DATASTORE_WRITE_URL=$(CKAN_TEST_DATASTORE_WRITE_URL)) \
	$(if $(CKAN_TEST_DATASTORE_READ_URL),CKAN_DATASTORE_READ_URL=$(CKAN_TEST_DATASTORE_READ_URL))

INSTALLED := $(VENV)/.installed

.PHONY: help install system services stop demo serve dev-serve db admin seed test lint i18n clean

help:
	@echo "make demo      install everything, start services, load seed data, serve http://$(HOST):$(PORT)"
	@echo "make test      install everything, start services, run ruff and the whole test suite"
	@echo "make services  start PostgreSQL, Redis and Solr (what is missing) and print their URLs"
	@echo "make stop      stop the portal, the job worker and the services this project started"
	@echo "make dev-serve CKAN's development server (one request at a time) on http://$(HOST):$(PORT)"

system:
	@bash dev/system-packages.sh

$(INSTALLED): pyproject.toml setup.py | system
	@echo "Python: creating $(VENV) and installing the package with its dependencies"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install -q --upgrade pip wheel setuptools
	@$(BIN)/pip install -q -e ".[dev]"
	@touch $@

# axe-core for the browser tests (tests/browser/), pinned by dev/browser/package-lock.json.
AXE := dev/browser/node_modules/axe-core/axe.min.js
$(AXE): dev/browser/package.json dev/browser/package-lock.json | system
	@echo "npm: axe-core into dev/browser/node_modules"
	@npm ci --prefix dev/browser --no-audit --no-fund --silent
	@touch $@

install: $(INSTALLED) i18n $(AXE)

i18n: $(INSTALLED)
	@$(BIN)/python setup.py -q compile_i18n

services: system
	@bash dev/services.sh start

stop:
	@bash dev/serve.sh stop demo.ini $(HOST) $(PORT)
	@-pkill -f "[c]kan -c demo.ini run" 2>/dev/null || true
	@bash dev/worker.sh stop
	@bash dev/services.sh stop

# Written once (its SECRET_KEY signs sessions and API tokens); dev/demo-options.ini is
# merged in again whenever it changes.
demo.ini: dev/demo-options.ini | $(INSTALLED)
	@if [ ! -f demo.ini ]; then \
	  echo "CKAN: writing demo.ini"; \
	  $(CKAN) generate config demo.ini >/dev/null && \
	  $(CKAN) config-tool demo.ini "ckan.storage_path=$(CURDIR)/$(STATE)/storage" "SECRET_KEY=$$(openssl rand -hex 24)" >/dev/null; \
	else echo "CKAN: merging dev/demo-options.ini into demo.ini"; fi
	@$(CKAN) config-tool demo.ini -f dev/demo-options.ini >/dev/null
	@touch demo.ini

db: install services demo.ini
	@mkdir -p $(STATE)/storage
	@$(CKAN) -c demo.ini db init
	@$(CKAN) -c demo.ini db upgrade -p smarttehran
	@bash dev/services.sh datastore-permissions demo.ini datastore_default
	@# Datasets already in the databases but not in this Solr core (a new clone or a wiped
	@# core against existing demo databases) would be missing from every page and search.
	@echo "Search index: adding the datasets missing from it"
	@$(CKAN) -c demo.ini search-index rebuild --only-missing

admin: db
	@bash dev/demo-admin.sh

# Loaded as the demo sysadmin: CKAN hides the site user's activity, so seeding as the site
# user left every dataset's activity stream empty.
seed: db admin
	@$(CKAN) -c demo.ini smarttehran seed --user "$$(cut -d' ' -f1 $(STATE)/demo-admin.txt)"
	@# Previews for resources loaded before their view plugins were on (none are duplicated).
	@echo "Views: creating the missing data previews"
	@$(CKAN) -c demo.ini views create --yes --no-default-filters

# gunicorn with several workers (dev/serve.sh, dev/gunicorn.conf.py); docs/operations.md.
serve:
	@bash dev/worker.sh start demo.ini
	@echo "Portal: http://$(HOST):$(PORT)  (gunicorn; Ctrl-C stops it; 'make stop' stops the services)"
	@bash dev/serve.sh run demo.ini $(HOST) $(PORT)

# CKAN's development server, for development only: one request at a time.
dev-serve:
	@bash dev/worker.sh start demo.ini
	@$(CKAN) -c demo.ini run --host $(HOST) --port $(PORT) --disable-reloader

demo: admin seed serve

lint: $(INSTALLED)
	@$(BIN)/ruff check ckanext tests bench dev setup.py

test: install services lint
	@$(TEST_ENV) bash dev/services.sh datastore-permissions test-ckan.ini datastore_test
	@$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf build dist *.egg-info $(STATE)/test-storage
