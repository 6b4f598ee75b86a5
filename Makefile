# cambodia-cyberlaw: `make paper` builds the report, `make test` runs the tests; both set up .venv first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA_DIR ?= data
OUTPUT_DIR ?= output
REFERENCES ?= references.bib
JOBS ?= 0
BUILD_ARGS ?=
COUNTRIES ?=
SCHEDULER ?=
TEST_WORKERS ?= 2

.DEFAULT_GOAL := help
.PHONY: help paper test test-fast lint browser validate clean lab verify manifest venv profiles diff explain dist

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	@# pip compiles what it installs but not the editable package itself: compiled once here, every command
	@# starts without compiling it, even where PYTHONDONTWRITEBYTECODE is set.
	@$(BIN)/python -m compileall -q src
	@touch $(STAMP)

venv: $(STAMP) ## create .venv and install the package with its dependencies

paper: $(STAMP) ## build output/ (notebooks, figures, tables, paper.html, paper.pdf); DATA_DIR=, OUTPUT_DIR=, REFERENCES= to re-run elsewhere
	@$(BIN)/research build --data-dir "$(DATA_DIR)" --output-dir "$(OUTPUT_DIR)" --references "$(REFERENCES)" -j $(JOBS) $(BUILD_ARGS)

profiles: $(STAMP) ## a profile per country in OUTPUT_DIR/profiles/ (COUNTRIES=KHM,VNM to choose; SCHEDULER=tcp://host:8786 for Dask)
	@$(BIN)/research sweep --data-dir "$(DATA_DIR)" --output-dir "$(OUTPUT_DIR)" --references "$(REFERENCES)" -j $(JOBS) \
		$(if $(COUNTRIES),--countries "$(COUNTRIES)") $(if $(SCHEDULER),--scheduler "$(SCHEDULER)")

# Both tiers run in two processes (pytest-xdist), one per core. The slow tier is shared out file by file
# (--dist loadfile): a module's builds stay in one process, and each process builds the session's report once.
test: lint browser ## everything: ruff, the import contract, the fast tests, then the slow end-to-end ones
	$(BIN)/python -m pytest -m "not slow" -n $(TEST_WORKERS)
	$(BIN)/python -m pytest -m slow -n $(TEST_WORKERS) --dist loadfile

test-fast: lint ## ruff, the import contract and the unit tests (under a minute; no notebook is executed)
	$(BIN)/python -m pytest -m "not slow" -n $(TEST_WORKERS)

lint: $(STAMP) ## ruff, the import contract in pyproject.toml (imports only go down the data flow), and no dead code
	$(BIN)/ruff check src tests benchmarks lint
	$(BIN)/lint-imports --no-cache
	$(BIN)/python lint/deadcode.py

# The browser tests open paper.html in Debian's headless Chromium. Installed here when we may (as root, with apt);
# otherwise stop at once with the command that installs it.
browser: ## make sure headless Chromium is there for the browser tests (installs Debian's package as root)
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium package for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "the browser tests need Chromium; install it with: sudo apt-get install chromium" >&2; exit 1; \
	  fi; \
	fi

validate: $(STAMP) ## validate the data in DATA_DIR against data/datapackage.json and references.bib
	@$(BIN)/research validate "$(DATA_DIR)" --references "$(REFERENCES)"

verify: $(STAMP) ## rebuild from scratch in a temporary folder and compare with reproducibility/manifest.json
	@$(BIN)/research verify

diff: $(STAMP) ## what changed between two editions: make diff OLD=folder-or-manifest NEW=folder-or-manifest (writes OUTPUT_DIR/diff.html)
	@test -n "$(OLD)" -a -n "$(NEW)" || { echo "usage: make diff OLD=old-output-or-manifest NEW=new-output-or-manifest" >&2; exit 2; }
	@mkdir -p "$(OUTPUT_DIR)"
	@$(BIN)/research diff "$(OLD)" "$(NEW)" --output "$(OUTPUT_DIR)/diff.html"

dist: paper ## bundle the edition as dist/cambodia-cyberlaw-VERSION.zip (report, data package, notebooks, source, RO-Crate metadata)
	@$(BIN)/research dist --output-dir "$(OUTPUT_DIR)" --dist-dir dist

explain: $(STAMP) ## where a number comes from: make explain NAME=n_vague_in_force (rows, sources, quotations)
	@test -n "$(NAME)" || { echo "usage: make explain NAME=value-name" >&2; exit 2; }
	@$(BIN)/research explain "$(NAME)" --data-dir "$(DATA_DIR)" --output-dir "$(OUTPUT_DIR)"

manifest: paper ## rebuild, then make output/manifest.json the reference in reproducibility/ (intended changes only)
	@$(BIN)/research manifest --output-dir "$(OUTPUT_DIR)"

lab: $(STAMP) ## open JupyterLab on the notebooks (installs jupyterlab into .venv on first use)
	@$(BIN)/python -c "import jupyterlab" 2>/dev/null || $(BIN)/python -m pip install --quiet -e '.[lab]'
	$(BIN)/jupyter lab notebooks/

# Checked as a build checks its output folder: never the data, the notebooks, the package, nor a folder no build made.
clean: ## remove OUTPUT_DIR (output/ and the build cache; keeps .venv), refusing any folder that holds inputs
	@if [ -x $(BIN)/research ]; then $(BIN)/research clean --output-dir "$(OUTPUT_DIR)" --data-dir "$(DATA_DIR)"; \
	else PYTHONPATH=src $(PYTHON) -m research clean --output-dir "$(OUTPUT_DIR)" --data-dir "$(DATA_DIR)"; fi
