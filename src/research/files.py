"""SHA-256 digests of files and values, and the one atomic write every output goes through."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path


def sha256_file(path) -> str:
    """Return the hex SHA-256 of a file's bytes.

    Parameters
    ----------
    path : path-like
        The file.

    Returns
    -------
    str
        64 hexadecimal digits.
    """
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def sha256_json(value) -> str:
    """Return the hex SHA-256 of a value's canonical JSON form (sorted keys; other objects as ``str``)."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def sha256_tree(root: Path, pattern: str = "*") -> str:
    """Return one SHA-256 over the relative names and bytes of the files under ``root`` matching ``pattern``.

    Byte-code caches (``__pycache__``, ``.pyc``) are left out: they change with every interpreter run.
    """
    digest = hashlib.sha256()
    root = Path(root)
    for path in sorted(root.rglob(pattern)):
        if "__pycache__" in path.parts or not path.is_file() or path.suffix == ".pyc":
            continue
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def write_atomic(path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` through a temporary name and a rename, so no reader ever sees half a file.

    Parameters
    ----------
    path : path-like
        The target; its folder is created if needed.
    data : bytes or str
        The content (text is written as UTF-8).

    Returns
    -------
    Path
        The target.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    os.replace(tmp, path)
    return path


def write_json(path, value) -> Path:
    """Write ``value`` as indented, key-sorted UTF-8 JSON with a final newline, atomically (see :func:`write_atomic`)."""
    return write_atomic(path, json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def read_json(path, what: str, kind: type = dict):
    """Read a JSON file the tools wrote (a manifest, a cache entry, a notebook), of top-level type ``kind``.

    Raises
    ------
    research.errors.UnreadableFileError
        In one line naming the file, when it is missing, not UTF-8, not JSON (truncated, nested absurdly deep) or
        not of the expected shape.
    """
    from research.errors import UnreadableFileError

    try:
        value = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UnreadableFileError(f"{path}: no such file (expected {what})") from None
    except IsADirectoryError:
        raise UnreadableFileError(f"{path}: is a folder, not {what}") from None
    except UnicodeDecodeError:
        raise UnreadableFileError(f"{path}: is not UTF-8 text, so not {what}") from None
    except json.JSONDecodeError as exc:
        raise UnreadableFileError(f"{path}:{exc.lineno}:{exc.colno}: is not {what}: {exc.msg} "
                                  "(truncated or damaged?)") from None
    except RecursionError:
        raise UnreadableFileError(f"{path}: is not {what}: nested too deeply to read") from None
    if not isinstance(value, kind):
        names = {dict: "object", list: "array", str: "string"}
        raise UnreadableFileError(f"{path}: is not {what}: a JSON {names.get(type(value), type(value).__name__)} "
                                  f"where a JSON {names.get(kind, kind.__name__)} was expected")
    return value
