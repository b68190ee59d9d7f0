# wavesite — the two commands a newcomer needs are `make run` and `make test`.
# Everything else here is what those two call.

VENV      := .venv
BIN       := $(VENV)/bin
PY        := $(BIN)/python
STAMP     := $(VENV)/.installed
# Found once, only when the virtual environment has to be made (see scripts/find-python.sh).
PYTHON    ?= $(shell scripts/find-python.sh)
HOST      ?= 127.0.0.1
PORT      ?= 8000

# Development defaults; a real deployment sets its own environment (see README).
export DEBUG ?= True
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: messages run test setup migrate seed demo lint format services serve clean browser-deps lock upgrade

# The task worker sends the emails (printed here in development) and stops with the server.
# Links in the emails point at this server.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: setup migrate seed  ## serve the site on http://127.0.0.1:8000, with the email worker
	@$(PY) manage.py recover_emails
	@echo "Starting the email worker and the web server; Ctrl+C stops both."
	@$(PY) manage.py db_worker --queue-name default,email & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup  ## lint, check and run the whole test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	@# Imports flow one way (the contracts in pyproject.toml, the map in docs/architecture.md).
	$(BIN)/lint-imports
	@# axe-core and the HTML checker for tests/browser; without them (or without Chromium)
	@# those tests are skipped, and pytest says so at the top and the bottom of its report.
	@if command -v npm >/dev/null; then scripts/browser-deps.sh --npm \
		|| echo "npm ci failed: the accessibility and HTML checks will be skipped"; \
	else echo "npm not found: the accessibility and HTML checks will be skipped"; fi
	$(BIN)/pytest

setup: $(STAMP)  ## the virtual environment, and the translations compiled (Babel, no gettext)
	@$(PY) manage.py compile_catalogues --verbosity 0

# For translators: the catalogues again from the code and templates (needs GNU gettext's
# xgettext; the site itself never does). Then fill in locale/*/LC_MESSAGES/*.po.
LANGUAGE_CODES := es fr de pt_BR ja zh_Hans hi ar
messages: setup  ## locale/*.po from the code (needs GNU gettext), ready to translate
	$(PY) manage.py makemessages --no-obsolete --no-wrap --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'staticfiles/*' --ignore 'bench/*' --ignore 'tests/*' $(addprefix --locale ,$(LANGUAGE_CODES))
	$(PY) manage.py makemessages --no-obsolete --no-wrap -d djangojs --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'staticfiles/*' --ignore 'bench/*' --ignore 'tests/*' $(addprefix --locale ,$(LANGUAGE_CODES))

# What the browser tests need (Chromium, Java, axe-core, vnu-jar), installed where missing.
browser-deps:  ## needs root for apt-get; `make test` then runs tests/browser too
	scripts/browser-deps.sh

# Rebuilt only when a lock file changes, so a second `make run` is quick. The .txt files
# are locks (every package, transitive ones too, with hashes): pip refuses anything else.
$(STAMP): requirements.txt requirements-dev.txt
	@test -n "$(PYTHON)" || { echo "No Python 3.12+ found: see the message above." >&2; exit 1; }
	@test -x $(PY) || { echo "Creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	@touch $@

# The .in files name what we use; these write the locks from them. `make lock` after an
# edit keeps every other version; `make upgrade` moves the packages we do not name (the
# transitive ones) to their newest releases. A direct dependency moves by editing its == pin.
PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
lock: setup  ## requirements*.in → requirements*.txt (pinned, hashed)
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-dev.txt requirements-dev.in

upgrade: setup  ## transitive dependencies to their newest releases, locked again; then make test
	$(PIP_COMPILE) --upgrade --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --upgrade --output-file requirements-dev.txt requirements-dev.in

migrate: setup
	$(PY) manage.py migrate --no-input

seed: setup  ## cities, the real 2013 events and one sample event; never changes existing rows
	$(PY) manage.py load_cities
	$(PY) manage.py seed_events
	$(PY) manage.py dev_superuser

# Made-up participants (flagged is_generated) so the dashboard has a crowd to show; with the
# development settings above, so it needs no SECRET_KEY. `make demo N=200000` for more.
N ?= 20000
demo: migrate seed  ## add N (20,000) made-up participants to the sample event
	$(PY) manage.py fake_participants sample-wave $(N)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

services:  ## start PostgreSQL for the test suite (see scripts/services.sh)
	scripts/services.sh

serve: setup  ## production start: gunicorn + task worker (needs SECRET_KEY, ALLOWED_HOSTS…)
	scripts/serve.sh

clean:
	rm -rf $(VENV) .pytest_cache
