# The two set-up commands of the README: `make demo` and `make test`. Both install into .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench serve

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

demo: $(VENV)/.installed        ## crawl the bundled sample site into exports/
	$(BIN)/python -m crawler.demo

test: $(VENV)/.installed        ## lint, type check, then the whole test suite
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed       ## speed and memory figures
	$(BIN)/python benchmarks/extract_pages.py
	$(BIN)/python benchmarks/crawl_site.py
	$(BIN)/python benchmarks/derived_outputs.py
	$(BIN)/python benchmarks/report_build.py

serve: $(VENV)/.installed       ## the sample site on http://127.0.0.1:8123
	$(BIN)/python -m crawler.sample_site.server --port 8123
