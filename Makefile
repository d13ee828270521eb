# Every target sets up what it needs: a .venv built from pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test fuzz check bench snapshots format clean

$(STAMP): pyproject.toml setup.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[klas,test,dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/wegwijzer

test: $(STAMP)
	$(BIN)/python -m pytest

# The property tests with fresh random examples (`make test` draws fixed ones).
fuzz: $(STAMP)
	WEGWIJZER_HYPOTHESIS=explore $(BIN)/python -m pytest -q \
		$$(grep -rl "@given" tests)

check: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m benchmarks

snapshots: $(STAMP)
	$(BIN)/python -m pytest tests/tui --snapshot-update

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
