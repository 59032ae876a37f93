"""Shared plumbing for the peer benchmarks: JSON-lines results, the BLAS kernel in use, datasets.

Every peer script prints one JSON object per measured row on stdout, with the same keys
as `foresight bench ... --json` ("name", "value", "unit", plus extra context), and its
progress on stderr. A peer whose library cannot be imported prints a single row with
"unavailable": the reason, and exits 0, so the harness can carry on with the rest.
"""

import json
import os
import platform
import sys
import time


def emit(name, value, unit, **extra):
    """Prints one result row as a JSON line on stdout (flushed, so the harness sees it at once)."""
    row = {"name": name, "value": value, "unit": unit}
    row.update(extra)
    print(json.dumps(row), flush=True)


def log(message):
    """Progress and diagnostics go to stderr, keeping stdout for results."""
    print(message, file=sys.stderr, flush=True)


def unavailable(peer, reason):
    """Reports that a peer library is missing or broken, then exits cleanly."""
    emit(peer, None, "unavailable", unavailable=reason)
    log(f"peer unavailable: {peer}: {reason}")
    sys.exit(0)


def require(peer, *modules):
    """Imports the given modules, or reports the peer unavailable with the import error."""
    imported = []
    for module in modules:
        try:
            imported.append(__import__(module, fromlist=["_"]))
        except Exception as error:  # ImportError, or a broken native extension
            unavailable(peer, f"cannot import {module}: {error.__class__.__name__}: {error}")
    return imported


def blas_kernel():
    """The OpenBLAS core type numpy runs on (threadpoolctl), e.g. 'Haswell' or 'SkylakeX'."""
    try:
        import numpy  # noqa: F401  (loads the BLAS library so threadpoolctl can see it)
        import threadpoolctl
        for pool in threadpoolctl.threadpool_info():
            if pool.get("user_api") == "blas":
                return f"{pool.get('internal_api')} {pool.get('architecture')}"
    except Exception as error:
        return f"unknown ({error.__class__.__name__})"
    return "none"


def context():
    """Facts recorded with every row: kernel, interpreter, OpenBLAS variables."""
    return {
        "blas_kernel": blas_kernel(),
        "python": platform.python_version(),
        "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE", "unset"),
    }


def load_regression_dataset(path):
    """Reads the predictive-coding benchmark dataset exported by `foresight bench pc --export`.

    Returns float32 arrays (x_train [N, 14], y_train [N, 12], x_test, y_test), checking the
    names, ranks and matching row counts so a wrong file is a clear error naming the tensor.
    """
    from safetensors.numpy import load_file
    import numpy as np

    tensors = load_file(path)
    arrays = []
    for name in ("x_train", "y_train", "x_test", "y_test"):
        if name not in tensors:
            raise SystemExit(f"{path}: missing tensor '{name}' (have {sorted(tensors)})")
        array = tensors[name]
        if array.ndim != 2:
            raise SystemExit(f"{path}: tensor '{name}' has shape {array.shape}, expected [rows, features]")
        arrays.append(np.ascontiguousarray(array, dtype=np.float32))
    x_train, y_train, x_test, y_test = arrays
    if x_train.shape[0] != y_train.shape[0] or x_test.shape[0] != y_test.shape[0]:
        raise SystemExit(f"{path}: x and y row counts differ ({x_train.shape}, {y_train.shape}, {x_test.shape}, {y_test.shape})")
    return x_train, y_train, x_test, y_test


class Stopwatch:
    """Wall-clock seconds on the monotonic performance counter."""

    def __init__(self):
        self.start = time.perf_counter()

    def elapsed(self):
        return time.perf_counter() - self.start
