# Foresight: the two commands of the README, and the peer benchmarks.
#   make demo   simulate the default world, train a world model, evaluate, write the report
#   make test   the test suite
#   make bench  Foresight next to the Python peers (pymunk, PCX, JAX); writes docs/benchmarks.md
# Both install missing Debian packages first (scripts/install-deps).

SWIFT ?= swift
RELEASE_BIN = .build/release/foresight

.PHONY: demo test test-mpi build deps clean bench

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

# The tests that run foresight on 2 and 3 ranks under mpirun: Open MPI (scripts/install-deps --mpi) and
# a build with the MPI trait, kept in its own build folder so it does not undo the plain build.
test-mpi:
	@scripts/install-deps --mpi
	$(SWIFT) test --scratch-path .build/mpi --traits Viewer,MPI --filter DistributedCommandTests

bench: deps
	@scripts/bench

clean:
	rm -rf .build
