# The two commands of the README. Both set up .venv themselves on a fresh machine.
VENV ?= .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: site site-zensical serve test install validate cms

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

# The form at /admin/: Decap CMS and decap-server, pinned with their checksums in the lock.
admin/node_modules/.installed: admin/package-lock.json
	cd admin && npm ci --no-audit --no-fund --loglevel=error
	touch $@

tests/js/node_modules/.installed: tests/js/package-lock.json
	cd tests/js && npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Install and build the example site into site/ (validates all content first).
site: install admin/node_modules/.installed
	$(VENV)/bin/mkdocs build --strict

## Install and build the example site with Zensical instead: `quartier generate` writes a
## project without the hook into build/zensical/, Zensical builds build/zensical/site/,
## `quartier index` adds the search index.
ZENSICAL_PROJECT ?= build/zensical
site-zensical: install admin/node_modules/.installed
	$(VENV)/bin/quartier generate $(ZENSICAL_PROJECT)
	cd $(ZENSICAL_PROJECT) && $(abspath $(VENV))/bin/zensical build --clean
	$(VENV)/bin/quartier index $(ZENSICAL_PROJECT)/site

## Install and serve the example site on http://127.0.0.1:8000/, rebuilding on changes.
serve: install admin/node_modules/.installed
	$(VENV)/bin/mkdocs serve

## Install and check all content, as the pull-request check does.
validate: install
	$(VENV)/bin/quartier validate

## Install everything the tests need, check the types (mypy --strict) and run the tests.
test: install admin/node_modules/.installed tests/js/node_modules/.installed
	$(PY) -m mypy
	$(PY) -m pytest

## Edit in the form on this computer: decap-server (the local Git backend, on 127.0.0.1:8081)
## and the site on http://127.0.0.1:8000/admin/. Saving makes branches cms/… in this clone.
cms: install admin/node_modules/.installed
	@trap 'kill $$server' EXIT INT TERM; \
	MODE=git BIND_HOST=127.0.0.1 PORT=8081 GIT_REPO_DIRECTORY=$(CURDIR) node admin/node_modules/decap-server/dist/index.js & server=$$!; \
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000
