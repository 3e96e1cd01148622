# One entry point for set-up, the sandbox demo, tests and figures.
# Needs only Python 3.11+ on the PATH; everything else is installed into ./venv
# (the virtualenv Pulumi.yaml names, so `pulumi up` reuses it) and ./.sandbox.
PYTHON ?= python3
VENV := venv
PY := $(VENV)/bin/python
STACK ?= dev

.PHONY: setup demo down test test-unit docs lint bench constraints clean

# Re-installs only when a requirements file changes.
$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "cognito-auth needs Python 3.11 or newer: run make PYTHON=python3.11 (or newer)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	touch $@

setup: $(VENV)/.installed

## The main job on the local sandbox: the real program's resources created in ministack
## (installed into .sandbox/ on first use), then the auth check against them.
demo: setup
	$(PY) -m sandbox up --stack $(STACK)
	$(PY) -m sandbox check --stack $(STACK)

## Stop the sandbox's emulator and remove its state.
down: setup
	$(PY) -m sandbox down

## The whole test suite.
test: setup
	$(PY) -m pytest

## Everything that needs no emulator, no CLI and no pip: well under a minute.
test-unit: setup
	$(PY) -m pytest -q --ignore=tests/e2e -m "not integration"

## Pulumi.yaml's config block and the README's settings and outputs tables, written from
## the declarations in components/ (tests/test_docs.py fails when they are stale).
docs: setup
	$(PY) -m tools.docs

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## Start-up figures quoted in the README (medians over fresh interpreters).
bench: setup
	$(PY) bench/startup.py

## Re-pin every transitive version after changing a requirements file.
constraints: setup
	{ echo "# Every package of the dev environment at the version the suite was last run with;"; \
	  echo "# pip install -c constraints.txt keeps installs reproducible. Regenerate with make constraints."; \
	  $(PY) -m pip freeze; } > constraints.txt

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .sandbox
