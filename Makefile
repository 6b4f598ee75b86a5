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
.PHONY: help paper test test-fast lint browser fonts validate clean lab preview verify manifest venv profiles diff explain dist

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

paper: $(STAMP) fonts ## build output/ (notebooks, figures, tables, paper.html, paper.pdf); DATA_DIR=, OUTPUT_DIR=, REFERENCES= to re-run elsewhere
	@$(BIN)/research build --data-dir "$(DATA_DIR)" --output-dir "$(OUTPUT_DIR)" --references "$(REFERENCES)" -j $(JOBS) $(BUILD_ARGS)

profiles: $(STAMP) ## a profile per country in OUTPUT_DIR/profiles/ (COUNTRIES=KHM,VNM to choose; SCHEDULER=tcp://host:8786 for Dask)
	@$(BIN)/research sweep --data-dir "$(DATA_DIR)" --output-dir "$(OUTPUT_DIR)" --references "$(REFERENCES)" -j $(JOBS) \
		$(if $(COUNTRIES),--countries "$(COUNTRIES)") $(if $(SCHEDULER),--scheduler "$(SCHEDULER)")

# Both tiers run in two processes (pytest-xdist), one per core. The slow tier is shared out file by file
# (--dist loadfile): a module's builds stay in one process, and each process builds the session's report once. The
# files go out longest first, in the order tests/conftest.py collects them (--no-loadscope-reorder keeps that order).
test: lint browser fonts ## everything: ruff, the import contract, the fast tests, then the slow end-to-end ones
	$(BIN)/python -m pytest -m "not slow" -n $(TEST_WORKERS)
	$(BIN)/python -m pytest -m slow -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

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

# The report quotes Chinese and Japanese texts; the body fonts have no such glyphs, so print needs a CJK font (Noto
# CJK, OFL, as Debian packages it). Installed here when we may (as root, with apt); otherwise stop with the command.
fonts: ## make sure a font with Chinese and Japanese glyphs is there (installs Debian's fonts-noto-cjk as root)
	@if ! fc-list ':lang=zh' family 2>/dev/null | grep -q 'Noto Serif CJK\|Noto Sans CJK'; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's fonts-noto-cjk for the report's Chinese and Japanese text"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; \
	  else \
	    echo "the report's Chinese and Japanese text needs a CJK font; install it with: sudo apt-get install fonts-noto-cjk" >&2; exit 1; \
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

# JupyterLab goes into .venv on first use; it is no requirement of the build, so the build's
# environment key (the package's own requirement graph) is the same after as before: the next `make paper` runs
# nothing. JupyterLab refuses to run as root without --allow-root (the usual case in a container), and opens no
# browser here: open the URL it prints (with its token). LAB_PORT=, LAB_ARGS= to change.
LAB_PORT ?= 8888
LAB_ARGS ?=
lab: $(STAMP) ## open JupyterLab on the notebooks (installs it into .venv on first use)
	@$(BIN)/python -c "import jupyterlab" 2>/dev/null || \
		$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[lab]'
	$(BIN)/jupyter lab --notebook-dir=notebooks --no-browser --ip=127.0.0.1 --port=$(LAB_PORT) \
		$$( [ "$$(id -u)" = "0" ] && echo --allow-root ) $(LAB_ARGS)

# The live preview renders into .preview/ (never output/, and takes no lock on it): HTML only, PDF and DOCX wait
# for `make paper`. PREVIEW_PORT=0 picks a free port.
PREVIEW_PORT ?= 8000
preview: $(STAMP) ## serve the edition's HTML on 127.0.0.1:PREVIEW_PORT and rebuild it on every edit (notebooks, data, references, package)
	@$(BIN)/research preview --data-dir "$(DATA_DIR)" --references "$(REFERENCES)" --port $(PREVIEW_PORT) -j $(JOBS)

# Checked as a build checks its output folder: never the data, the notebooks, the package, nor a folder no build made.
clean: ## remove OUTPUT_DIR (output/ and the build cache; keeps .venv), refusing any folder that holds inputs
	@if [ -x $(BIN)/research ]; then $(BIN)/research clean --output-dir "$(OUTPUT_DIR)" --data-dir "$(DATA_DIR)"; \
	else PYTHONPATH=src $(PYTHON) -m research clean --output-dir "$(OUTPUT_DIR)" --data-dir "$(DATA_DIR)"; fi
