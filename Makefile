# `make run` builds the seed chronology in every built-in format; `make test` runs the test suite.
# Both create the virtual environment .venv on first use (only python3 and make are needed).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test venv clean

venv: $(STAMP)

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/timeline build seeds/ -o exports/timeline.json
	$(BIN)/timeline build seeds/ -o exports/timeline.csv
	$(BIN)/timeline build seeds/ -o exports/timeline.xlsx
	$(BIN)/timeline build seeds/ -o exports/timeline.ics
	$(BIN)/timeline build seeds/ -f table

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info
