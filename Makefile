# Two commands do all the set-up (see README.md):
#   make run    install what is needed and start the app on the embedded SQLite store with the samples
#   make test   install what is needed and run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test test-fast bench lint format clean

$(VENV)/.runtime: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(BIN)/python -m esg_workbench app

test: $(VENV)/.dev
	$(BIN)/python -m pytest

# The inner loop: everything but the slow tests (browser, PostgreSQL, LibreOffice, AppTest sweeps over
# every page, fuzzing, subprocesses); well under a minute. CI runs the whole suite (make test).
test-fast: $(VENV)/.dev
	$(BIN)/python -m pytest -m "not slow and not browser and not postgres" -q

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(VENV)/.dev
	for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
