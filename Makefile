# Satu Layanan: `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
LANES ?=

.DEFAULT_GOAL := help
.PHONY: help check-python install demo test lint bench chromium redis clean messages e2e-tools

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

check-python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Error: $(PYTHON) not found. Install Python 3.11 or newer, or run make PYTHON=/path/to/python3.11"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || { echo "Error: Python 3.11 or newer is needed; $(PYTHON) is $$($(PYTHON) -c 'import platform; print(platform.python_version())'). Run make PYTHON=/path/to/python3.11"; exit 1; }

$(VENV)/.installed: pyproject.toml | check-python
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: check-python $(VENV)/.installed ## Create .venv and install the portal with its dev tools

demo: install ## Install, migrate, load the demo content, print an admin login, serve on 127.0.0.1:8000
	@$(PY) -m portal.devenv
	@$(PY) manage.py demo --host $(HOST) --port $(PORT)

test: install chromium redis e2e-tools ## Install and run the whole suite: SQLite, PostgreSQL and browser lanes
	@$(PY) tests/lanes.py $(LANES)

e2e-tools: ## Browser-test tools from npm (axe-core) into tests/e2e/node_modules
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/e2e --no-audit --no-fund --silent; \
	else \
		echo "Note: npm is missing: the accessibility tests will be skipped (and fail under CI=true)."; \
	fi

lint: install ## ruff, migrations and the deploy check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

messages: install ## Refresh locale/ catalogues from the code (needs GNU gettext) and compile them
	$(PY) manage.py makemessages -l id -l en --no-obsolete --ignore='.venv/*' --ignore='tests/*' --ignore='test-output/*'
	$(PY) manage.py compile_catalogues

bench: install ## Benchmarks on demand: make bench [BENCH=portal [ARGS="--db postgres"]]
	@$(PY) -m tests.bench $(BENCH) $(ARGS)

chromium: ## Install Debian's Chromium for the browser lane (where missing and allowed)
	@if [ -x /usr/bin/chromium ] || [ -n "$$CHROMIUM_PATH" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium for the browser lane..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Note: /usr/bin/chromium is missing and cannot be installed here (needs root and apt-get): the browser lane will be skipped."; \
	fi

redis: ## Install Debian's redis-server for the tests that share state between processes
	@if command -v redis-server >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's redis-server for the shared-state tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; \
	else \
		echo "Note: redis-server is missing and cannot be installed here (needs root and apt-get): the shared-state tests will be skipped."; \
	fi

clean: ## Remove the virtual environment and test output (keeps .env and the demo database)
	rm -rf $(VENV) test-output .pytest_cache
