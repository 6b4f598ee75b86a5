"""The one reader of ``datapackage.json``: every module that needs a descriptor asks here, none opens the file."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from research import paths
from research.data.problems import Problem
from research.errors import DataValidationError

PROJECT_DESCRIPTOR = paths.DATA_DIR / paths.DATAPACKAGE_NAME


def read_descriptor(path) -> dict:
    """Parse one ``datapackage.json``, once per version of the file (the cache is keyed by path, mtime and size).

    Parameters
    ----------
    path : path-like
        The descriptor file.

    Returns
    -------
    dict
        The parsed descriptor, shared between callers: read it, never change it.

    Raises
    ------
    DataValidationError
        With one problem (the file's name and why) if the file is missing, unreadable or not valid JSON.
    """
    path = Path(path)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DataValidationError([Problem(path.name, None, None, None, "file is missing")]) from None
    except OSError as exc:
        raise DataValidationError([Problem(path.name, None, None, None, f"cannot be read ({exc.strerror})")]) from None
    return _parsed(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _parsed(path: Path, version: int, size: int) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataValidationError([Problem(path.name, None, None, None, "file is missing")]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise DataValidationError([Problem(path.name, line, None, None, f"is not valid JSON ({exc})")]) from None
    except OSError as exc:
        raise DataValidationError([Problem(path.name, None, None, None, f"cannot be read ({exc.strerror})")]) from None


def project_descriptor() -> dict:
    """The project's ``data/datapackage.json``: the one schema every data folder is validated against."""
    return read_descriptor(PROJECT_DESCRIPTOR)


def descriptor_path(data_dir) -> Path:
    """The descriptor that applies to a data folder: its own copy when it has one, else the project's.

    A copy in the folder may only repeat the project's (:func:`research.data.contained.project_package` refuses any
    other), so a folder without one is read exactly as a folder with one.
    """
    own = Path(data_dir) / paths.DATAPACKAGE_NAME
    return own if own.exists() or own.is_symlink() else PROJECT_DESCRIPTOR


def folder_descriptor(data_dir) -> dict:
    """The parsed descriptor that applies to a data folder (see :func:`descriptor_path`)."""
    return read_descriptor(descriptor_path(data_dir))
