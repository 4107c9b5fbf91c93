# Everything a fresh machine needs, from Python and make alone.
#   make site   build both languages into site/
#   make test   run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The environment belongs to this folder (its marker names the folder): a copied or moved project,
# whose .venv still points at the original, sets up its own.
READY := $(VENV)/.installed-$(shell printf '%s' "$(CURDIR)" | cksum | cut -d' ' -f1)
PORT ?= 8000
# The Nu Html Checker (tests/real_site/test_validators.py), pinned by tests/validators/package-lock.json.
VALIDATORS := tests/validators
VNU_READY := $(VALIDATORS)/node_modules/.installed
# The other engines the export is built with (tests/real_site/test_engines.py), each in its own environment.
ENGINES := .venv-engines
ENGINES_READY := $(ENGINES)/properdocs/.installed $(ENGINES)/zensical/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: lock site publish offline freeze test test-browser accessibility-report check serve export schema lint format clean bench bench-smoke

# Every package comes from requirements.lock, each checked against the hashes recorded there (pip refuses a
# file whose hash differs); nothing else is installed (--no-deps: the lock holds every package, and pip check
# says if one is missing); then the project itself, built by the setuptools the lock installed.
# `make lock` rewrites the locks.
PIP := $(BIN)/pip install --quiet --disable-pip-version-check
$(READY): pyproject.toml requirements.lock
	@if ls $(VENV)/.installed-* >/dev/null 2>&1 && ! test -e $@; then \
		echo "$(VENV) was set up for another folder (this one was copied or moved): setting up its own."; \
		rm -rf $(VENV); fi
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes --no-deps -r requirements.lock
	$(PIP) --no-deps --no-build-isolation -e .
	$(BIN)/pip check
	rm -f $(VENV)/.installed*
	touch $@

# --ignore-scripts: vnu-jar's install script would download a Java runtime; the system's Java runs it.
# Without npm the validator test is skipped (and fails with CI set).
$(VNU_READY): $(VALIDATORS)/package.json $(VALIDATORS)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd $(VALIDATORS) && npm ci --ignore-scripts --no-audit --no-fund && touch node_modules/.installed; \
	else \
		echo "npm is not installed: the HTML validator test will be skipped"; \
	fi

site: $(READY)  ## build both languages into site/ (replaced only if both build cleanly); SITE_URL=… optional
	$(BIN)/briefing build

offline: $(READY)  ## the copy that works from a folder (file://), search included: site-offline/ and site-offline.zip, then site/ linking it
	$(BIN)/briefing offline
	$(BIN)/briefing build

freeze: $(READY)  ## keep the current edition's data in editions/<edition date>/ before starting the next edition
	$(BIN)/briefing freeze $(if $(AGAIN),--again)

publish: $(READY)  ## build site/ for its address (with the offline copy) and record the published addresses: make publish SITE_URL=https://…/
	$(BIN)/briefing offline
	$(BIN)/briefing publish

$(ENGINES)/%/.installed: tests/engines/%.txt
	rm -rf $(ENGINES)/$*
	$(PYTHON) -m venv $(ENGINES)/$*
	$(ENGINES)/$*/bin/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $<
	$(ENGINES)/$*/bin/pip check
	touch $@

# Rewrite requirements.lock and tests/engines/*.txt with pip-tools (pip-compile), keeping every version they
# pin (to move one, edit pyproject.toml or tests/engines/*.in first) and adding the hash of every file of
# every package. pip-compile runs in an environment of its own; the project's line for itself is left out.
PIP_TOOLS := .venv-lock
lock:
	test -x $(PIP_TOOLS)/bin/pip-compile || ($(PYTHON) -m venv $(PIP_TOOLS) && $(PIP_TOOLS)/bin/pip install --quiet pip-tools==7.7.0)
	$(PIP_TOOLS)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --all-build-deps --extra test --extra pdf \
		--strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
	sed -i '/^# WARNING: pip install will require/,/^    # via file:/d' requirements.lock
	for engine in properdocs zensical; do \
		$(PIP_TOOLS)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links \
			-o tests/engines/$$engine.txt tests/engines/$$engine.in || exit 1; done

test: $(READY) $(VNU_READY) $(ENGINES_READY)  ## every test, the browser tests, the validators and the other engines included
	$(BIN)/python -m pytest

test-browser: $(READY)  ## only the real-browser tests (Chromium): a few minutes; screenshots in test-artifacts/
	$(BIN)/python -m pytest tests/browser

accessibility-report: $(READY)  ## run the browser tests, then rewrite docs/*/accessibility.md from their results
	$(BIN)/python -m pytest tests/browser || status=$$?; \
	$(BIN)/python tests/browser/report.py && exit $${status:-0}

check: $(READY)  ## validate data/ without building
	$(BIN)/briefing check

serve: $(READY)  ## live preview of both languages at http://127.0.0.1:8000/ (PORT=… for another); shows data errors on the page
	$(BIN)/briefing serve --port $(PORT)

export: $(READY)  ## write generated Markdown + hook-free configs: make export OUT=folder
	@test -n "$(OUT)" || (echo "usage: make export OUT=<folder>" >&2; exit 2)
	$(BIN)/briefing export $(OUT)

schema: $(READY)  ## rewrite schema/*.json from the models (commit the result)
	$(BIN)/briefing schema

bench: $(READY)  ## benchmark ×1, ×10, ×100 against plain MkDocs (under 30 min); writes benchmarks/RESULTS.md
	$(BIN)/python -m benchmarks.run --out benchmarks/RESULTS.md

bench-smoke: $(READY)  ## the benchmark at ×1, once (CI); writes test-artifacts/bench/RESULTS.md
	$(BIN)/python -m benchmarks.run --scales 1 --runs 1 --out test-artifacts/bench/RESULTS.md

lint: $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(READY)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:  ## remove the built site, the offline copy and the build caches (the next build is cold)
	rm -rf site site-offline site-offline.zip .site-build-* .site-offline-build-* .site-previous .site.cache .site-offline.cache
