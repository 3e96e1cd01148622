# One entry point for set-up, the sandbox demo, tests and figures.
# Needs Python 3.11+ on the PATH, and either the Pulumi CLI (3.187.0 or newer) or Go 1.26+
# to build it; everything else is installed into ./venv (the virtualenv Pulumi.yaml names,
# so a real `pulumi up` reuses it), ./.sandbox and the CLI cache (~/.cache/cognito-auth).
PYTHON ?= python3
VENV := venv
PY := $(VENV)/bin/python
STACK ?= dev

.PHONY: setup cli languages automation-examples emulator chromium web idp-fixture demo down test test-unit test-integration test-e2e docs lint bench constraints clean

# Re-installs only when a requirements file changes.
$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "cognito-auth needs Python 3.11 or newer: run make PYTHON=python3.11 (or newer)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	touch $@

setup: $(VENV)/.installed

## The Pulumi CLI the sandbox runs: PATH's when new enough, else built once from Go modules.
## (Called, not run with -m: the sandbox package imports the module first, and -m warns.)
cli: setup
	$(PY) -c 'import sys; from sandbox.pulumi_cli import main; sys.exit(main())'

## The language hosts the examples in other languages need (sandbox/language-hosts/go.mod,
## beside the CLI's version), built once into the same cache outside the repository.
languages: cli
	$(PY) -m sandbox.language_hosts

## The TypeScript and Go examples, run through their SDKs' Automation API (their language
## hosts are refused): sandbox/sdkgen (Pulumi's codegen, pinned by its go.sum) built once
## into the cache, the TypeScript example's npm packages (npm ci of its package-lock.json,
## again only when the lock changes) and the Go example's modules (its go.sum).
TS_EXAMPLE := examples/typescript
$(TS_EXAMPLE)/node_modules/.installed: $(TS_EXAMPLE)/package.json $(TS_EXAMPLE)/package-lock.json
	cd $(TS_EXAMPLE) && npm ci --no-audit --no-fund
	touch $@

automation-examples: cli $(TS_EXAMPLE)/node_modules/.installed
	$(PY) -m sandbox.component_sdk
	cd examples/go && GOFLAGS=-mod=readonly go mod download

## The emulator's own virtualenv (.sandbox/venv), pinned apart from the project's.
emulator: setup
	$(PY) -c 'from sandbox import Emulator; Emulator().install()'

## Headless Chromium from Debian's packages, for the browser test (tests/e2e/test_web_app.py).
## Nothing to do when /usr/bin/chromium exists; else apt-get, which needs root (CI is root).
chromium:
	@test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] || \
	  { echo "the browser test needs Debian's Chromium: run sudo make chromium (or apt-get install chromium)"; exit 1; }; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

## The web example's npm packages, exactly as examples/web/package-lock.json pins them
## (Node.js 20 and npm); re-installed only when the lock changes.
WEB := examples/web
$(WEB)/node_modules/.installed: $(WEB)/package.json $(WEB)/package-lock.json
	cd $(WEB) && npm ci --no-audit --no-fund
	touch $@

web: $(WEB)/node_modules/.installed

## The local OpenID Connect provider the federation e2e test signs in with (node-oidc-provider,
## pinned by tests/fixtures/oidc-idp/package-lock.json); needs node and npm.
IDP_FIXTURE := tests/fixtures/oidc-idp
$(IDP_FIXTURE)/node_modules/.installed: $(IDP_FIXTURE)/package.json $(IDP_FIXTURE)/package-lock.json
	npm ci --prefix $(IDP_FIXTURE) --no-audit --no-fund --ignore-scripts
	touch $@

idp-fixture: $(IDP_FIXTURE)/node_modules/.installed

## The main job on the local sandbox: the real `pulumi up` of the dev stack into ministack
## (started on 127.0.0.1, installed on first use), then the sign-up/sign-in check.
demo: setup
	$(PY) -m sandbox up --stack $(STACK)
	$(PY) -m sandbox check --stack $(STACK)

## Destroy the sandbox's unprotected stacks and stop its emulator.
down: setup
	$(PY) -m sandbox down

## The whole test suite: unit and wiring tests, the package built into fresh venvs, then
## end to end through the engine. Separate pytest processes: Pulumi's mocks are
## process-wide and must not meet the real runtime.
test: test-unit test-integration test-e2e

## Everything that needs no emulator, no CLI and no pip: well under a minute.
test-unit: setup
	$(PY) -m pytest -q --ignore=tests/e2e -m "not integration"

test-integration: setup
	$(PY) -m pytest -q --ignore=tests/e2e -m integration

test-e2e: setup cli languages automation-examples web chromium idp-fixture
	$(PY) -m pytest tests/e2e

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
	rm -rf $(VENV) .pytest_cache .ruff_cache .sandbox .artifacts $(WEB)/node_modules $(WEB)/dist
