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

# Every built-in file format into exports/ (FORMAT:FILE-SUFFIX), then the chronology as a table.
EXPORTS := json:json csv:csv xlsx:xlsx ics:ics markdown:md html:html timelinejs:timelinejs.json

run: $(STAMP)
	@for pair in $(EXPORTS); do \
		format=$${pair%%:*}; suffix=$${pair#*:}; \
		$(BIN)/timeline build seeds/ -f $$format -o exports/timeline.$$suffix || exit 1; \
		echo "wrote exports/timeline.$$suffix" >&2; \
	done
	$(BIN)/timeline build seeds/ -f table
	@echo "timeline is installed in $(VENV); '. $(VENV)/bin/activate' puts it on your PATH (see README.md)" >&2

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info
