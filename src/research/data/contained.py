"""The data folder is contained: its tables are read under the project's schema, from files inside the folder.

Whatever folder a build is given, its data are checked against the project's ``data/datapackage.json``: a copy of the
descriptor in the folder may only repeat it (a looser copy, an enumeration removed, is refused with the differences
listed). Every resource path is relative, has no ``..`` and names a file that, symbolic links followed, lies inside
the folder: nothing outside it is read, and nothing outside it is echoed in an error.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

from research import paths
from research.data import descriptor
from research.data.filekind import file_kind_problem
from research.data.problems import Problem
from research.data.schema import Table, read_package
from research.errors import DataValidationError

_ABSENT = object()


def _label(item) -> str | None:
    return item.get("name") if isinstance(item, dict) and isinstance(item.get("name"), str) else None


def _shown(value) -> str:
    text = "absent" if value is _ABSENT else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 70 else text[:67] + "..."


def differences(theirs, ours, where: str = "") -> list[str]:
    """Where two descriptors differ, as ``path: detail`` lines (resources and fields are matched by name).

    Parameters
    ----------
    theirs, ours : object
        A data folder's descriptor and the project's, parsed from JSON.
    where : str
        The path of the two values inside the descriptor (empty at the top).

    Returns
    -------
    list of str
        Empty when the two are equal.
    """
    at = where or "the top level"
    if isinstance(theirs, dict) and isinstance(ours, dict):
        out = []
        for key in list(ours) + [k for k in theirs if k not in ours]:
            out += differences(theirs.get(key, _ABSENT), ours.get(key, _ABSENT), f"{where}.{key}" if where else key)
        return out
    if isinstance(theirs, list) and isinstance(ours, list) and theirs != ours:
        names_t, names_o = [_label(i) for i in theirs], [_label(i) for i in ours]
        if None not in names_t + names_o and len(set(names_o)) == len(names_o) and len(set(names_t)) == len(names_t):
            by_name = dict(zip(names_t, theirs))
            out = []
            for name, item in zip(names_o, ours):
                out += differences(by_name.get(name, _ABSENT), item, f"{where}[{name}]")
            out += [f"{where}[{name}]: not in the project's schema" for name in names_t if name not in names_o]
            if not out:
                out.append(f"{at}: in another order")
            return out
        hashable = all(isinstance(i, str | int | float | bool) for i in theirs + ours)
        if hashable and set(theirs) != set(ours):
            lacks = [i for i in ours if i not in theirs]
            adds = [i for i in theirs if i not in ours]
            parts = ([f"lacks {', '.join(map(str, lacks))}"] if lacks else []) + (
                [f"adds {', '.join(map(str, adds))}"] if adds else [])
            return [f"{at}: {'; '.join(parts)}"]
    if theirs == ours and type(theirs) is type(ours):
        return []
    if theirs is _ABSENT:
        return [f"{at}: missing here ({_shown(ours)} in the project's)"]
    if ours is _ABSENT:
        return [f"{at}: not in the project's schema ({_shown(theirs)} here)"]
    return [f"{at}: {_shown(theirs)} here, {_shown(ours)} in the project's"]


def project_package(data_dir) -> tuple[dict[str, Table] | None, list[Problem]]:
    """The project's tables, or the problems that stop a data folder from being read under them.

    Parameters
    ----------
    data_dir : path-like
        The data folder; a ``datapackage.json`` in it must equal the project's (it may be left out).

    Returns
    -------
    tables, problems
        ``tables`` is None when there are problems.

    Raises
    ------
    DataValidationError
        If the project's own descriptor cannot be read (a broken checkout, not bad data).
    """
    tables = read_package(descriptor.PROJECT_DESCRIPTOR)
    own = Path(data_dir) / paths.DATAPACKAGE_NAME
    name = paths.DATAPACKAGE_NAME
    if not own.exists() and not own.is_symlink():
        return tables, []
    if not is_contained(own, data_dir):
        return None, [Problem(name, None, None, None, "is a symbolic link to a file outside the data folder")]
    refused = file_kind_problem(own)
    if refused:
        return None, [Problem(name, None, None, None, refused)]
    try:
        theirs = descriptor.read_descriptor(own)
    except DataValidationError as exc:
        return None, exc.problems
    found = differences(theirs, descriptor.project_descriptor())
    if not found:
        return tables, []
    head = Problem(name, None, None, None, f"is not the project's schema ({paths.portable(descriptor.PROJECT_DESCRIPTOR)}), which "
                   "the data are always checked against: delete this copy or make it equal")
    shown = [Problem(name, None, None, None, f"differs from the project's schema at {line}") for line in found[:30]]
    more = [Problem(name, None, None, None, f"... and {len(found) - 30} more difference(s)")] if len(found) > 30 else []
    return None, [head, *shown, *more]


def is_contained(path, folder) -> bool:
    """True when ``path``, with every symbolic link followed, lies inside ``folder`` (also followed)."""
    try:
        return Path(path).resolve().is_relative_to(Path(folder).resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


def resource_file(data_dir, table: Table) -> tuple[Path, Problem | None]:
    """The file a table is read from, and why it may not be read (None when it may).

    A resource path must be relative, without ``..``, and name a file inside the data folder once symbolic links
    are followed; the problem names the path as written, never what lies beyond it.
    """
    rel = PurePosixPath(str(table.path))
    target = Path(data_dir) / str(table.path)
    if rel.is_absolute() or "\\" in str(table.path) or Path(str(table.path)).is_absolute():
        return target, Problem(str(table.path), None, None, None, "is an absolute resource path: give it relative "
                               "to the data folder")
    if ".." in rel.parts:
        return target, Problem(str(table.path), None, None, None, "is a resource path with '..': it must stay inside "
                               "the data folder")
    if (target.exists() or target.is_symlink()) and not is_contained(target, data_dir):
        return target, Problem(str(table.path), None, None, None, "is a symbolic link to a file outside the data "
                               "folder: copy the file in instead")
    refused = file_kind_problem(target)
    if refused:
        return target, Problem(str(table.path), None, None, None, refused)
    return target, None
