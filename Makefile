# Quick start: `make serve` previews the site at http://127.0.0.1:8000, `make test` runs every test.
# Both set themselves up on a fresh machine: a virtual environment from the locked versions in
# constraints.txt, and (for tests) the Debian packages the browser tests need.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Quiet the engines' notices: Material's end of life (NO_MKDOCS_2_WARNING) and ProperDocs' "MkDocs 2"
# notice, which it honours only as "true" (docs-dev/engines.md).
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
# Tests leave the checkout as they found it: bytecode goes here, not into __pycache__ folders.
# The suite on every CPU, one test file to a worker (pytest-xdist): on CI's 2 cores about 7 minutes.
PARALLEL ?= -n auto --dist loadfile
PYCACHE := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/newsdesk/pycache

.PHONY: serve build build-properdocs test check-content setup lock clean edit

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

# --dirty: an edit to a post rebuilds only the pages and feeds that show it (see changes.py).
# SERVE_HOST: where the preview listens. 127.0.0.1 keeps it to this computer; the dev container
# (.devcontainer/devcontainer.json) sets 0.0.0.0, so that the port it forwards reaches the preview.
SERVE_HOST ?= 127.0.0.1
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr $(SERVE_HOST):8000

# The browser editor (docs-dev/editor.md): the preview at :8000/admin/ and decap-server on 127.0.0.1:8081
# only, working in its own clone .editor/repo (drafts are branches cms/... there), never in this folder.
# A publish is fast-forwarded into this folder's main when it is on main with no changes.
edit: $(STAMP) node_modules/.package-lock.json
	PORT=8081 BIND_HOST=127.0.0.1 NEWSDESK_CHECKOUT=$(CURDIR) node scripts/editor/server.js & \
	server=$$!; trap 'kill $$server' EXIT INT TERM; \
	NEWSDESK_EDITOR=true $(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

# npm's own record of what it installed: the editor's script and decap-server, at the locked versions.
node_modules/.package-lock.json: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --silent

build: $(STAMP) node_modules/.package-lock.json  # the editor's script, copied into /admin/
	$(BIN)/mkdocs build --strict

# The same site from the same mkdocs.yml with ProperDocs, the maintained fork of MkDocs 1.x: the way
# out if MkDocs or Material stop working (docs-dev/engines.md). -f: no note asking for properdocs.yml.
build-properdocs: $(STAMP)
	$(BIN)/properdocs build --strict -f mkdocs.yml

# pytest exits 5 when it collects no tests. This project always has tests, so that is a defect:
# fail, and say why instead of make's bare "Error 5".
test: $(STAMP)
	bash scripts/setup-system.sh
	npm ci --ignore-scripts --no-audit --no-fund --silent  # axe-core, vnu-jar; no scripts: vnu-jar's would download a JRE
	PYTHONPYCACHEPREFIX="$(PYCACHE)" $(BIN)/pytest $(PARALLEL) || { status=$$?; [ $$status -ne 5 ] || \
		echo "make test: pytest collected no tests (exit 5); there must be tests, so this fails" >&2; \
		exit $$status; }

# The fast path for content (docs-dev/publishing.md): what CI runs for a pull request that changes
# only posts, docs pages and pictures, or authors.yml. Pages changed since BASE get axe.
BASE ?= main
check-content: $(STAMP) node_modules/.package-lock.json
	bash scripts/setup-system.sh
	PYTHONPYCACHEPREFIX="$(PYCACHE)" $(BIN)/python scripts/check_content.py --base $(BASE)

# The quick loop while changing code: everything but the browser tests and the modules that build
# many whole sites (tests/conftest.py's SLOW). CI and `make test` run them all.
test-fast: $(STAMP)
	PYTHONPYCACHEPREFIX="$(PYCACHE)" $(BIN)/pytest $(PARALLEL) -m "not browser and not slow" -q

# Refresh constraints.txt after changing a pin in pyproject.toml.
lock:
	tmp=$$(mktemp -d) && python3 -m venv $$tmp && \
	$$tmp/bin/pip install --quiet --disable-pip-version-check -e '.[test]' && \
	$$tmp/bin/pip freeze --exclude-editable --exclude newsdesk | sort -f > constraints.txt; \
	status=$$?; rm -rf $$tmp; exit $$status

clean:
	rm -rf $(VENV) site
