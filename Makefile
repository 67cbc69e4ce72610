# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-postgres lint typecheck security check browser screenshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip==25.3"
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

## make run: install, create the SQLite database, load the demo and serve http://127.0.0.1:8000
run: $(STAMP)
	$(BIN)/safeguard demo

## Debian's Chromium for the browser tests (installed only when missing).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy safeguard conftest.py

## Security scans: bandit on the code (tests excluded) fails on any medium or high
## finding — justify a false positive with `# nosec BNNN` and a reason; pip-audit checks
## the installed packages against the known-vulnerability data PyPI publishes.
security: $(STAMP)
	$(BIN)/bandit -q -r safeguard -x '*/tests/*' -ll
	$(BIN)/pip-audit --skip-editable --progress-spinner off

## make test: install everything and run lint, types, security scans and the whole suite
test: $(STAMP) browser lint typecheck security
	$(BIN)/python -m pytest -q -n 2 -p no:cacheprovider

## make screenshots: refresh the user guide's screenshots (docs/images). Only the browser
## tests run, with SAFEGUARD_SCREENSHOTS=1; without it they write them to a temporary folder.
screenshots: $(STAMP) browser
	SAFEGUARD_SCREENSHOTS=1 $(BIN)/python -m pytest -q -n 2 -p no:cacheprovider safeguard/*/tests/test_*browser*.py

## make test-postgres: the whole suite on PostgreSQL in a fresh database (PG_URL names the server)
test-postgres: $(STAMP) browser
	bash .ci/postgres

clean:
	rm -rf $(VENV) build .mypy_cache .ruff_cache .hypothesis
