# since-oct7: `make reports` builds every report, `make test` runs every test.
# Each target creates .venv from requirements.lock when it is missing or out of date.

.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ARGS ?=
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: help reports test lab bench lint clean hooks

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml lab/overrides.json
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "setting up $(VENV) from requirements.lock (log: $(VENV)/install.log)…"
	@$(PY) -m pip install --disable-pip-version-check -r requirements.lock > $(VENV)/install.log 2>&1 \
		|| { tail -n 30 $(VENV)/install.log; echo "pip install failed: see $(VENV)/install.log"; exit 1; }
	@$(PY) -m pip install --disable-pip-version-check --no-deps -e . >> $(VENV)/install.log 2>&1 \
		|| { tail -n 30 $(VENV)/install.log; exit 1; }
	@$(PY) -c "from analysis.publish.kernel import ensure_kernel; ensure_kernel()"
	@$(PY) -c "from analysis.publish.html_export import ensure_template; ensure_template()"
	@mkdir -p $(VENV)/share/jupyter/lab/settings && cp lab/overrides.json $(VENV)/share/jupyter/lab/settings/
	@touch $@

# Notebooks stay without outputs in git even after a user runs and saves them in JupyterLab.
hooks: $(STAMP)
	@git rev-parse --git-dir > /dev/null 2>&1 && { git config --get filter.nbstripout.clean > /dev/null \
		|| $(PY) -m nbstripout --install; } || true

reports: $(STAMP) hooks ## build every report into reports/ (options: ARGS="--force --jobs 2 --only overview")
	@$(PY) -m analysis build $(ARGS)

test: $(STAMP) hooks ## run the whole test suite (browser tests need /usr/bin/chromium)
	@$(PY) -m pytest $(ARGS)

lab: $(STAMP) hooks ## open JupyterLab on notebooks/ with the project's kernel
	@$(PY) -m jupyter lab --notebook-dir=notebooks $(ROOT_FLAG) $(ARGS)

bench: $(STAMP) ## measure the build and the large-data path (see bench/README.md)
	@$(PY) bench/run.py $(ARGS)

lint: $(STAMP) ## ruff, the import layers, and mypy on analysis/
	@$(PY) -m ruff check analysis tests bench scripts
	@$(VENV)/bin/lint-imports
	@$(PY) -m mypy analysis

clean: ## remove built reports and caches (keeps .venv)
	rm -rf reports/*.html reports/.manifest.json reports/failed .cache test-output
