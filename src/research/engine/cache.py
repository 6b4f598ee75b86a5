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


NEWS = ("running again", "treated as absent")  # how a reason :func:`staleness` gives ends when a user should hear it


def entry_path(cache_dir: Path, name: str) -> Path:
    """The cache entry of one notebook (or country) in a cache folder."""
    return Path(cache_dir) / f"{name}.json"


def is_fresh(cache_dir: Path, name: str, key: str, output_dir: Path, digest=sha256_file, trust_stat: bool = False,
             ) -> bool:
    """True when the recorded execution is still valid (:func:`staleness` finds nothing)."""
    return staleness(cache_dir, name, key, output_dir, digest, trust_stat) is None


def staleness(cache_dir: Path, name: str, key: str, output_dir: Path, digest=sha256_file, trust_stat: bool = False,
              ) -> str | None:
    """Why the recorded execution cannot be reused, or None when it can.

    It can when the entry has the same key, its inputs are unchanged and each output is there with the SHA-256
    recorded when it was stored. A damaged entry counts as absent (the notebook runs again, and the next entry
    replaces it); a changed output is said, since something other than the build wrote it.

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
    trust_stat : bool
        Re-hash an output only when its size or modification time is not the one recorded when it was stored
        (:func:`_unchanged`). For outputs that stay where they were written (a sweep's profiles); never for a store
        that is published from, whose every file is hashed (a file set back to its recorded time would pass).
    """
    path = entry_path(cache_dir, name)
    if not path.exists():
        return "no cache entry"
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        inputs, outputs, hashes = entry.get("inputs", {}), entry.get("outputs", []), entry.get("hashes", {})
        if not (isinstance(inputs, dict) and isinstance(outputs, list) and isinstance(hashes, dict)
                and all(isinstance(v, str) for v in (*inputs, *inputs.values(), *outputs))):
            raise ValueError("wrong shape")
    except (OSError, ValueError, AttributeError, RecursionError):
        return f"cache entry {path} is damaged: treated as absent"
    if entry.get("key") != key:
        return "changed"
    stats = entry.get("stats") if isinstance(entry.get("stats"), dict) else {}
    entry_time = path.stat().st_mtime_ns
    for file, expected in inputs.items():
        input_path = paths.from_portable(file)
        if not input_path.is_file() or digest(input_path) != expected:
            return f"input {file} changed"
    for rel in outputs:
        out = Path(output_dir) / rel
        if not out.is_file() or out.is_symlink():
            return f"cached {rel} is missing"
        if (rel in hashes and not (trust_stat and _unchanged(out, stats.get(rel), entry_time))
                and sha256_file(out) != hashes[rel]):
            return f"cached {out} does not match the hash recorded when it was stored: running again"
    if outputs and not hashes:
        return "cache entry records no hashes (an older version's): running again"
    return None


def _stat(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_size, info.st_mtime_ns]


def _unchanged(path: Path, recorded, entry_time: int) -> bool:
    """True when ``path`` has the size and modification time recorded when it was stored, and that time is strictly
    before the entry's own (so no later write in the same clock tick can hide): its bytes need not be hashed again.

    Any write after the entry changes the time, so only a deliberate reset of it (``os.utime``) to the recorded
    nanosecond with the same size goes unseen; the hash is checked whenever the stat differs or is not recorded.
    """
    if not (isinstance(recorded, list) and len(recorded) == 2 and all(isinstance(v, int) for v in recorded)):
        return False
    return recorded[1] < entry_time and _stat(path) == recorded


def write_entry(cache_dir: Path, name: str, key: str, inputs: dict, outputs: list[str], digest: str | None = None,
                hashes: dict | None = None, output_dir: Path | None = None) -> None:
    """Record a successful execution, after its outputs are in place (so a crash in between only costs a re-run).

    ``hashes`` maps each output to the SHA-256 of its bytes as stored (checked before the output is used again).
    ``digest``, if given, is one hash over the outputs' bytes (the build's store records it, so that its published
    marker changes whenever an output does). With ``output_dir`` (the folder the outputs are relative to), each
    output's size and modification time are recorded too, so that a check finding them unchanged skips the hash.
    """
    stats = {rel: _stat(Path(output_dir) / rel) for rel in outputs} if output_dir is not None and hashes else {}
    entry = {"key": key, "inputs": inputs, "outputs": outputs, **({"digest": digest} if digest else {}),
             **({"hashes": hashes} if hashes else {}), **({"stats": stats} if stats else {})}
    write_atomic(entry_path(cache_dir, name), json.dumps(entry, indent=1, sort_keys=True))
