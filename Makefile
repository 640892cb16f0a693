# The two commands of the README. Both set up .venv themselves on a fresh machine.
VENV ?= .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: site site-mkdocs site-properdocs site-zensical site-folder switch-builder serve test test-newest lint lock lock-upgrade install install-builder validate cms bench

# Installs come from the lock: pip installs uv from requirements/uv.txt (with hashes),
# uv installs every other package at the version and hash uv.lock records. `--locked`
# stops when uv.lock no longer matches pyproject.toml (run `make lock`).
# LOCK_EXTRAS=site installs only what building the site needs (the deploy workflow).
LOCK_EXTRAS ?= test
UV := $(VENV)/bin/uv
$(UV): requirements/uv.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/uv.txt
	touch $@

$(VENV)/.installed: pyproject.toml uv.lock $(UV)
	UV_PROJECT_ENVIRONMENT=$(abspath $(VENV)) $(VENV)/bin/uv sync --quiet --locked --inexact --python $(abspath $(PY)) $(addprefix --extra ,$(LOCK_EXTRAS))
	touch $@

install: $(VENV)/.installed

# The form at /admin/: Decap CMS and decap-server, pinned with their checksums in the lock.
admin/node_modules/.installed: admin/package-lock.json
	cd admin && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The search index: Pagefind 1.6.0, pinned with its checksums in search/package-lock.json
# (deterministic output; the newest wheel on PyPI, 1.5.2, is not).
search/node_modules/.installed: search/package-lock.json
	cd search && npm ci --no-audit --no-fund --loglevel=error
	touch $@

tests/js/node_modules/.installed: tests/js/package-lock.json
	cd tests/js && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The builder: mkdocs, properdocs or zensical (README, "Builders"). One setting chooses it
# for the project, QUARTIER_BUILDER in the deploy workflow; `make site` and `make serve`
# follow it, `make site BUILDER=properdocs` overrides it for one command, and
# `make switch-builder BUILDER=properdocs` rewrites it. Per builder: the extra it
# installs and the folder its site is written to.
DEPLOY_WORKFLOW ?= .github/workflows/deploy.yml
ifndef BUILDER
BUILDER := $(or $(shell sed -n 's/^  QUARTIER_BUILDER: *//p' $(DEPLOY_WORKFLOW) 2>/dev/null),mkdocs)
endif
BUILDERS := mkdocs properdocs zensical
EXTRA.mkdocs := site
EXTRA.properdocs := properdocs
EXTRA.zensical := zensical
ZENSICAL_PROJECT ?= build/zensical
SITE_FOLDER.mkdocs := site
SITE_FOLDER.properdocs := site
SITE_FOLDER.zensical := $(ZENSICAL_PROJECT)/site
ifeq ($(filter $(BUILDER),$(BUILDERS)),)
$(error BUILDER=$(BUILDER): one of $(BUILDERS))
endif

## Install only what building the site with $(BUILDER) needs (the deploy workflow).
install-builder: LOCK_EXTRAS = $(EXTRA.$(BUILDER))
install-builder: install

## Print the folder `make site` writes the site of $(BUILDER) to (the deploy workflow's artifact).
site-folder:
	@echo $(SITE_FOLDER.$(BUILDER))

## Switch the project to $(BUILDER): rewrites QUARTIER_BUILDER in the deploy workflow,
## the one setting the published site, `make site` and `make serve` follow.
switch-builder:
	perl -pi -e 's/^(  QUARTIER_BUILDER:).*/$$1 $(BUILDER)/' $(DEPLOY_WORKFLOW)
	@grep '^  QUARTIER_BUILDER:' $(DEPLOY_WORKFLOW)

## Install and build the example site into site/ with $(BUILDER) (validates all content first).
site: site-$(BUILDER)

## ... with MkDocs 1.6.1 and the hook.
site-mkdocs: install admin/node_modules/.installed search/node_modules/.installed
	$(VENV)/bin/mkdocs build --strict

## ... with ProperDocs, the maintained continuation of MkDocs 1.6: the same hook, theme and
## output folder. Named with -f: ProperDocs looks for properdocs.yml first.
site-properdocs: install admin/node_modules/.installed search/node_modules/.installed
	$(VENV)/bin/properdocs build --strict -f mkdocs.yml

## ... with Zensical: `quartier generate --zensical` writes a project without the hook
## into a staging folder beside build/zensical/, runs `zensical build` and the search index
## there, and replaces build/zensical/ (site/ included) only when all of it succeeded: a
## failed build leaves the previous site as it was.
site-zensical: install admin/node_modules/.installed search/node_modules/.installed
	$(VENV)/bin/quartier generate --zensical $(ZENSICAL_PROJECT)

## Install and serve the example site on http://127.0.0.1:8000/, rebuilding on changes:
## with MkDocs, or with ProperDocs when BUILDER=properdocs (`zensical serve` would not see
## content/ change, so BUILDER=zensical serves with MkDocs).
SERVER := $(if $(filter properdocs,$(BUILDER)),properdocs,mkdocs)
serve: install admin/node_modules/.installed search/node_modules/.installed
	$(VENV)/bin/$(SERVER) serve -f mkdocs.yml

## Install and check all content, as the pull-request check does.
validate: install
	$(VENV)/bin/quartier validate

## Install everything the tests need, check formatting and lint (ruff), the types
## (mypy --strict), then run the tests.
test: install admin/node_modules/.installed search/node_modules/.installed tests/js/node_modules/.installed lint
	$(PY) -m mypy
	$(PY) -m pytest

## Formatting and lint over the whole repository (settings under [tool.ruff]).
lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

## The benchmark in about a minute: N = 500 events, Quartier's build against the MkDocs
## floor, three alternating rounds (medians). Prints the ratio and how it compares with the
## newest earlier run in bench/results/, where this one is kept (date and commit in the name).
bench: install search/node_modules/.installed
	$(PY) bench/run.py --events 500 --repeat 3 --results bench/results

## Update the lock after a change to pyproject.toml (moves only what the change needs).
lock: $(UV)
	$(UV) lock

## Update the lock to the newest versions pyproject.toml allows, every extra, with hashes.
lock-upgrade: $(UV)
	$(UV) lock --upgrade
	@echo "uv.lock updated; review with: git diff uv.lock, then make test"

## The newest releases, on purpose: a separate environment without the lock (what a fresh
## `pip install -e ".[test]"` gets today), then the same checks as `make test`. The
## versions it ran with are in $(NEWEST)/versions.txt. The weekly workflow runs this.
NEWEST ?= .venv-newest
test-newest: admin/node_modules/.installed search/node_modules/.installed tests/js/node_modules/.installed
	rm -rf $(NEWEST)
	python3 -m venv $(NEWEST)
	$(NEWEST)/bin/python -m pip install --quiet --upgrade pip
	$(NEWEST)/bin/python -m pip install --quiet --upgrade -e ".[test]"
	$(NEWEST)/bin/python -m pip freeze --exclude-editable > $(NEWEST)/versions.txt
	$(NEWEST)/bin/ruff format --check .
	$(NEWEST)/bin/ruff check .
	$(NEWEST)/bin/python -m mypy
	$(NEWEST)/bin/python -m pytest

## Edit in the form on this computer: decap-server (the local Git backend, on 127.0.0.1:8081)
## and the site on http://127.0.0.1:8000/admin/. The form works in its own clone, .formular/
## (made or brought up to date by `quartier cms --local-copy`): its branches cms/… and what
## "Veröffentlichen" merges stay there; this folder, committed or not, is never touched.
## Take published entries over with `git pull .formular main`.
cms: install admin/node_modules/.installed search/node_modules/.installed
	@copy=$$($(VENV)/bin/quartier cms --local-copy) || exit 1; \
	trap 'kill $$server' EXIT INT TERM; \
	MODE=git BIND_HOST=127.0.0.1 PORT=8081 GIT_REPO_DIRECTORY="$$copy" node admin/node_modules/decap-server/dist/index.js & server=$$!; \
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000
