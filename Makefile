# The two commands of the README: `make demo` and `make test`. Both create the
# virtual environment on first use and are quick on a second run.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
DEMO_OUT ?= build/demo

.PHONY: demo test tour bench bench-large clean install

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip
	@$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/esfgraph build data/pages --out $(DEMO_OUT)

# The import contracts (pyproject.toml, [tool.importlinter]) first, then the tests.
test: $(STAMP)
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q

# The README's tour, run in a temporary folder: every printed output must be as in the README.
tour: $(STAMP)
	$(PY) scripts/readme_tour.py

bench: $(STAMP)
	$(PY) benchmarks/run.py --sizes 1000 10000

bench-large: $(STAMP)
	$(PY) benchmarks/run.py --sizes 100000

clean:
	rm -rf build .pytest_cache
