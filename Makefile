# Two commands matter: `make run` (demo on SQLite) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

run: install
	$(BIN)/ticms migrate --noinput
	$(BIN)/ticms collectstatic --noinput -v 0
	$(BIN)/ticms demo
	$(BIN)/ticms serve --bind $(HOST):$(PORT)

test: install
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

# The served stack against a bare-Django reference (docs/benchmarks.md). BENCH_SCALE=1.0 is the province size.
BENCH_SCALE ?= 0.1
BENCH_DBS ?= sqlite,postgresql
bench: install
	BENCH_SCALE=$(BENCH_SCALE) BENCH_DBS=$(BENCH_DBS) $(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) var staticfiles
