# outcome_graph: set-up and the two jobs of the README.
#   make run    set up (.venv, the package, Graphviz) and check + render the bundled Thurrock plan
#   make test   set up (with the test tools) and run the test suite
# Both work on a fresh Debian machine with Python >= 3.11; system packages are installed with
# apt-get when missing (as root, or through sudo when available).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PLAN   ?= models/thurrock-cypp-2011-12.yaml
OUT    ?= build

.PHONY: run test lint format setup setup-test system-deps system-deps-test clean

run: setup
	@mkdir -p $(OUT)
	$(BIN)/outcome-graph check $(PLAN) --fail-on never
	$(BIN)/outcome-graph render $(PLAN) -o $(OUT)/logic-model.svg --findings
	@echo "diagram written to $(OUT)/logic-model.svg"

# The suite runs in as many processes as the machine has processors (pytest-xdist): JOBS=1 runs
# it in one.
JOBS   ?= auto

test: setup-test
	$(BIN)/python -m pytest -q -n $(JOBS)

# The linter alone (ruff: pyflakes' and bugbear's checks, import order, lines of at most 100
# characters and the formatter's layout, configured in pyproject.toml); the test suite runs it
# too, as it runs mypy.
lint: setup-test
	$(BIN)/ruff check src tests examples bench scripts
	$(BIN)/ruff format --check src tests examples bench scripts

# Lay the code out as the formatter does, and sort imports.
format: setup-test
	$(BIN)/ruff format src tests examples bench scripts
	$(BIN)/ruff check --select I --fix src tests examples bench scripts

setup: system-deps $(VENV)/.installed
setup-test: system-deps-test $(VENV)/.installed-test

# The system packages come first: on Debian and Ubuntu, `python3 -m venv` needs python3.X-venv.
$(VENV)/.installed: pyproject.toml | system-deps
	@echo "installing outcome-graph into $(VENV) (a minute the first time)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | system-deps-test
	@echo "installing outcome-graph and its test tools into $(VENV) (a minute or two the first time)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@touch $@ $(VENV)/.installed

system-deps:
	@PYTHON='$(PYTHON)' bash scripts/system-deps.sh

system-deps-test:
	@PYTHON='$(PYTHON)' OUTCOME_GRAPH_TEST_BROWSER=1 bash scripts/system-deps.sh

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .hypothesis
