# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint typecheck unit bench diagram pictures mutation mutation-report clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(BIN)/.dev-installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(BIN)/.installed $@

run: $(BIN)/.installed
	$(BIN)/python -m bot run

test: $(BIN)/.dev-installed lint typecheck unit

lint: $(BIN)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(BIN)/.dev-installed
	$(BIN)/mypy

unit: $(BIN)/.dev-installed
	$(BIN)/pytest

bench: $(BIN)/.dev-installed
	$(BIN)/python -m tests.benchmark

# Mutation testing (not part of `make test`): mutmut changes dialogs/ and storage/ one small
# edit at a time and runs the fast tests that reach the changed function. MODULE=dialogs/holds.py
# runs one module (or several, space-separated); SAMPLE='*[05]' keeps one mutant in five of
# every function. Results stay in mutants/ (ignored by git); a run retries every mutant it names.
MODULE ?=
SAMPLE ?= *
mutation: $(BIN)/.dev-installed
	set -f; $(BIN)/mutmut run $$($(BIN)/python -m tests.mutation_report pattern '$(MODULE)' '$(SAMPLE)')
	$(BIN)/python -m tests.mutation_report report $(MODULE)

mutation-report: $(BIN)/.dev-installed
	$(BIN)/python -m tests.mutation_report report $(MODULE)

diagram: $(BIN)/.installed
	$(BIN)/python -m dialogs.diagram > docs/interview.md

pictures: $(BIN)/.installed
	$(BIN)/python -m bot.pictures.sheet docs/exercises.png

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache mutants
