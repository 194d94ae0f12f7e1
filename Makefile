# Two commands for a new user: `make brief` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: brief test golden bench-env bench-smoke bench clean lock

brief: $(STAMP)
	$(BIN)/briefing build

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The environment is rebuilt whenever the lock files or the project metadata change.
$(STAMP): requirements.lock requirements-test.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock -r requirements-test.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Rewrite the golden files of tests/test_brief.py after a deliberate change; review the diff.
golden: $(STAMP)
	$(BIN)/briefing build --date 2025-10-05 --format md,html --out tests/golden

# A separate environment for bench/: the runtime one stays free of benchmark tools.
BENCH := .venv-bench
bench-env: $(BENCH)/.installed
$(BENCH)/.installed: requirements.lock requirements-bench.lock pyproject.toml
	test -x $(BENCH)/bin/python || $(PYTHON) -m venv $(BENCH)
	$(BENCH)/bin/python -m pip install --quiet -r requirements.lock -r requirements-bench.lock
	$(BENCH)/bin/python -m pip install --quiet --no-deps -e .
	touch $@

# The selection benchmark (bench/quality.py) needs the DUC data: BENCH_DATA points at it.
BENCH_DATA ?= ../shared/bench
bench-smoke: $(BENCH)/.installed
	$(BENCH)/bin/python bench/quality.py $(BENCH_DATA) --limit 2
bench: $(BENCH)/.installed
	$(BENCH)/bin/python bench/quality.py $(BENCH_DATA) --write

# Re-pin every dependency from pyproject.toml (needs network access to the registry).
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/pip install --quiet pip-tools
	.lockenv/bin/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
	.lockenv/bin/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links --allow-unsafe --extra test -c requirements.lock -o requirements-test.lock pyproject.toml
	.lockenv/bin/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links --extra bench -c requirements.lock -o requirements-bench.lock pyproject.toml
	rm -rf .lockenv

clean:
	rm -rf $(VENV) $(BENCH) build *.egg-info
