"""Decide whether a notebook's last good execution is still valid, without importing anything heavy."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from research import paths
from research.hashing import sha256_file, sha256_json, sha256_tree


def environment_key() -> str:
    """Return one hash over the Python version, the package source and the installed distributions."""
    dists = []
    for entry in sys.path:
        if entry.endswith("site-packages") and os.path.isdir(entry):
            dists += sorted(n for n in os.listdir(entry) if n.endswith((".dist-info", ".egg-info")))
    return sha256_json(
        {"python": sys.version, "package": sha256_tree(paths.PACKAGE_DIR), "distributions": dists}
    )


def static_key(notebook: Path, parameters: dict, references: Path, env_key: str) -> str:
    """Return the part of a notebook's cache key known before it runs."""
    return sha256_json(
        {
            "notebook": sha256_file(notebook),
            "parameters": parameters,
            "references": sha256_file(references) if Path(references).exists() else None,
            "environment": env_key,
        }
    )


def entry_path(cache_dir: Path, name: str) -> Path:
    return Path(cache_dir) / f"{name}.json"


def is_fresh(cache_dir: Path, name: str, key: str, output_dir: Path) -> bool:
    """True when the recorded execution has the same key, its inputs are unchanged and its outputs exist."""
    path = entry_path(cache_dir, name)
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return False
    if entry.get("key") != key:
        return False
    for file, digest in entry.get("inputs", {}).items():
        path = paths.from_portable(file)
        if not path.exists() or sha256_file(path) != digest:
            return False
    return all((Path(output_dir) / rel).exists() for rel in entry.get("outputs", []))


def write_entry(cache_dir: Path, name: str, key: str, inputs: dict, outputs: list[str]) -> None:
    """Record a successful execution (written atomically, after its outputs are in place)."""
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = cache_dir / f".{name}.json.tmp"
    tmp.write_text(json.dumps({"key": key, "inputs": inputs, "outputs": outputs}, indent=1, sort_keys=True))
    tmp.replace(entry_path(cache_dir, name))
