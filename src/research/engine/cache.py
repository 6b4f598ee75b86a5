"""Cache keys, and whether a notebook's last good execution is still valid (nothing heavy is imported here)."""

from __future__ import annotations

import json
from pathlib import Path

from research import paths
from research.files import sha256_file, sha256_json, write_atomic


def environment_key() -> str:
    """Return one hash over what the build depends on (:func:`research.engine.environment.environment_key`)."""
    from research.engine.environment import environment_key as key

    return key()


def static_key(notebook: Path, parameters: dict, references: Path, env_key: str, digest=sha256_file) -> str:
    """Return the part of a notebook's cache key known before it runs (the data it reads is checked after).

    ``digest`` is the SHA-256 of a file (a sweep keying many countries on one notebook passes a memoised one).
    """
    return sha256_json(
        {
            "notebook": digest(notebook),
            "parameters": parameters,
            "references": digest(references) if Path(references).exists() else None,
            "environment": env_key,
        }
    )


def entry_path(cache_dir: Path, name: str) -> Path:
    """The cache entry of one notebook (or country) in a cache folder."""
    return Path(cache_dir) / f"{name}.json"


def is_fresh(cache_dir: Path, name: str, key: str, output_dir: Path, digest=sha256_file) -> bool:
    """True when the recorded execution has the same key, its inputs are unchanged and its outputs exist.

    Parameters
    ----------
    cache_dir : Path
        Folder of the cache entries.
    name : str
        The notebook (or country) whose entry to read.
    key : str
        Its static key now (:func:`static_key`).
    output_dir : Path
        Folder its recorded outputs are relative to.
    digest : callable
        The SHA-256 of a file (a caller checking many entries on the same inputs can pass a memoised one).
    """
    try:
        entry = json.loads(entry_path(cache_dir, name).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return False
    if entry.get("key") != key:
        return False
    for file, expected in entry.get("inputs", {}).items():
        path = paths.from_portable(file)
        if not path.exists() or digest(path) != expected:
            return False
    return all((Path(output_dir) / rel).exists() for rel in entry.get("outputs", []))


def write_entry(cache_dir: Path, name: str, key: str, inputs: dict, outputs: list[str], digest: str | None = None) -> None:
    """Record a successful execution, after its outputs are in place (so a crash in between only costs a re-run).

    ``digest``, if given, is one hash over the outputs' bytes (the build's store records it, so that its published
    marker changes whenever an output does).
    """
    entry = {"key": key, "inputs": inputs, "outputs": outputs, **({"digest": digest} if digest else {})}
    write_atomic(entry_path(cache_dir, name), json.dumps(entry, indent=1, sort_keys=True))
