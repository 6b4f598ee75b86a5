"""SHA-256 of files and of small JSON-able values, used by the cache and the manifest."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def sha256_file(path) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_json(value) -> str:
    """Return the hex SHA-256 of a value's canonical JSON form."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def sha256_tree(root: Path, pattern: str = "*") -> str:
    """Return one SHA-256 over the relative names and bytes of the files under ``root`` matching ``pattern``."""
    digest = hashlib.sha256()
    root = Path(root)
    for path in sorted(root.rglob(pattern)):
        if "__pycache__" in path.parts or not path.is_file() or path.suffix == ".pyc":
            continue
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
