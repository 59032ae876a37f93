# Foresight: the two commands of the README, and the peer benchmarks.
#   make demo   simulate the default world, train a world model, evaluate, write the report
#   make test   the test suite
# Both install missing Debian packages first (scripts/install-deps).

SWIFT ?= swift
RELEASE_BIN = .build/release/foresight

.PHONY: demo test build deps clean

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build -c release --product foresight

demo: build
	$(RELEASE_BIN) demo

# The dataset interop test reads a dataset with Python's safetensors: scripts/python-env
# makes .build/pyenv (numpy + safetensors from PyPI); without it that test says it was skipped
# (and fails under CI=true).
test: deps
	@scripts/python-env >/dev/null || echo "make test: no Python environment for the interop test (it will say so)" >&2
	$(SWIFT) test -c release -Xswiftc -enable-testing

clean:
	rm -rf .build
