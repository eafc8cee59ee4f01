# Two commands matter: `make run` (demo on SQLite) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint bench screens clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

# The demo runs as production does (DEBUG off), so it needs a secret key: a random one kept in var/secret_key,
# unless SECRET_KEY is already set. No key from the source code is ever used.
# Likewise the SM4 key that seals personal data (phones, e-mail addresses): var/data_key unless TICMS_DATA_KEY is set.
# Mail goes to files in var/mail (one per message) unless EMAIL_BACKEND says otherwise (docs/operations.md).
RUN_ENV = SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" TICMS_DATA_KEY="$${TICMS_DATA_KEY:-$$(cat var/data_key)}" \
	EMAIL_BACKEND="$${EMAIL_BACKEND:-file}"

run: install var/secret_key var/data_key
	$(RUN_ENV) $(BIN)/ticms createdb
	$(RUN_ENV) $(BIN)/ticms migrate --noinput
	$(RUN_ENV) $(BIN)/ticms collectstatic --noinput -v 0
	$(RUN_ENV) $(BIN)/ticms demo
	@# The worker sends messages and runs the scheduled jobs; it stops with the server.
	$(RUN_ENV) $(BIN)/ticms worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(BIN)/ticms serve --bind $(HOST):$(PORT)

var/secret_key:
	mkdir -p var
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

var/data_key:
	mkdir -p var
	umask 077 && $(PYTHON) -c "import base64, secrets; print(base64.b64encode(secrets.token_bytes(16)).decode())" > $@

# Two processes (this machine has two cores): the suite takes half the time; every test is safe in parallel.
PYTEST_ARGS ?= -n 2
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

# Screenshots of every role's workbench, a list, a record and an error page at 1440 and 390 px (docs/screens/).
screens: install
	$(BIN)/python -m pytest tests/browser/screens.py -q -p no:cacheprovider

clean:
	rm -rf $(VENV) var staticfiles
