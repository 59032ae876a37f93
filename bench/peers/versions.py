"""Prints the peers' library versions on one line (for the machine table), '-' for a missing one."""

from importlib import metadata

PACKAGES = ("pymunk", "pygame", "jax", "jaxlib", "pcx", "optax", "numpy", "safetensors")


def version(package):
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "missing"


if __name__ == "__main__":
    import platform
    print(f"Python {platform.python_version()}; " + ", ".join(f"{p} {version(p)}" for p in PACKAGES))
