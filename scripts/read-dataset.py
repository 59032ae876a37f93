#!/usr/bin/env python3
"""Reads a Foresight dataset with numpy and safetensors, checks it, prints a JSON summary.

    python scripts/read-dataset.py DATASET_FOLDER

Checks every shard listed in manifest.json against its CRC-32 (when recorded) and the
documented layout (tensor names, dtypes and shapes [episodes, steps(+1), ...]), and the
manifest's contact fraction against the contacts tensor; exits with status 1 and a message
naming the file on any mismatch.
The summary (stdout) gives, per tensor, the dtype, the shape of all shards concatenated
and the float64 sum, plus a few individual values (floats as exact decimal strings, seeds as
unsigned decimal strings), so another program can compare.
"""
import json
import pathlib
import sys
import zlib

import numpy as np
from safetensors.numpy import load_file


def fail(path, message):
    print(f"{path}: {message}", file=sys.stderr)
    sys.exit(1)


def expected_tensors(manifest, episodes):
    steps = manifest["steps_per_episode"]
    tensors = {
        f"obs.{kind}": ([episodes, steps + 1] + entry["shape"], np.uint8 if kind == "pixels" else np.float32)
        for kind, entry in manifest["observations"].items()
    }
    tensors["actions"] = ([episodes, steps] + manifest["action"]["shape"], np.float32)
    tensors["rewards"] = ([episodes, steps], np.float32)
    tensors["contacts"] = ([episodes, steps], np.uint8)
    tensors["terminated"] = ([episodes, steps], np.uint8)
    tensors["episode_seed"] = ([episodes], np.int64)
    return tensors


def main(folder):
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format_version") != 1:
        fail(manifest_path, f"format_version: expected 1, found {manifest.get('format_version')}")
    parts = {}
    for shard in manifest["shards"]:
        path = folder / shard["file"]
        if "crc32" in shard:
            checksum = zlib.crc32(path.read_bytes())
            if checksum != shard["crc32"]:
                fail(path, f"crc32: the file is damaged: {checksum}, manifest.json records {shard['crc32']}")
        tensors = load_file(str(path))
        expected = expected_tensors(manifest, shard["episodes"])
        if set(tensors) != set(expected):
            fail(path, f"tensors {sorted(tensors)} differ from the documented {sorted(expected)}")
        for name, (shape, dtype) in expected.items():
            if list(tensors[name].shape) != shape:
                fail(path, f"{name}: expected shape {shape}, found {list(tensors[name].shape)}")
            if tensors[name].dtype != dtype:
                fail(path, f"{name}: expected dtype {np.dtype(dtype).name}, found {tensors[name].dtype.name}")
            parts.setdefault(name, []).append(tensors[name])
    arrays = {name: np.concatenate(chunks) for name, chunks in parts.items()}
    if arrays["episode_seed"].shape[0] != manifest["episodes"]:
        fail(manifest_path, f"episodes: {manifest['episodes']}, shards hold {arrays['episode_seed'].shape[0]}")
    contact_fraction = float(arrays["contacts"].astype(np.float64).mean())
    if abs(contact_fraction - manifest["contact_fraction"]) > 1e-12:
        fail(manifest_path, f"contact_fraction: {manifest['contact_fraction']}, contacts tensor gives {contact_fraction}")
    state = arrays["obs.state"]
    summary = {
        "episodes": int(state.shape[0]),
        "contact_fraction": contact_fraction,
        "tensors": {
            name: {"dtype": array.dtype.name, "shape": list(array.shape), "sum": float(array.astype(np.float64).sum())}
            for name, array in sorted(arrays.items())
        },
        "first_state": [repr(float(x)) for x in state[0, 0]],
        "last_state": [repr(float(x)) for x in state[-1, -1]],
        "last_action": [repr(float(x)) for x in arrays["actions"][-1, -1]],
        "episode_seeds": [str(int(seed) & 0xFFFF_FFFF_FFFF_FFFF) for seed in arrays["episode_seed"]],
    }
    if "obs.pixels" in arrays:
        summary["last_pixel"] = [int(x) for x in arrays["obs.pixels"][-1, -1, -1, -1]]
    print(json.dumps(summary))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(pathlib.Path(sys.argv[1]))
