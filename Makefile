# Two entry points for a fresh machine: `make demo` and `make test`.
VENV  := .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SUDO  := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PYTHON ?= python3

.PHONY: demo test setup system clean mutation

demo: setup
	$(VENV)/bin/zwgk demo

test: setup
	$(PY) -m pytest -q

setup: system $(STAMP)

# Playwright drives Debian's Chromium (its own browser download is not available); CJK fonts render
# Chinese pages and screenshots.
system:
	@if ! command -v chromium >/dev/null || [ ! -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

# Mutation score of checks/, extraction, dates and scope (slow, not part of CI): see README
mutation: setup
	$(PY) -m pip install -q -e '.[mutation]'
	$(VENV)/bin/mutmut run --max-children 2
	$(PY) benchmarks/mutation.py

clean:
	rm -rf $(VENV) .pytest_cache runs mutants
