"""Load the data inside a notebook and record which files it read, with their SHA-256, for the build's cache.

A process that forks many kernels (the zygote) can validate the data once with :func:`hold` (or
:func:`hold_for`, which reads a notebook's ``load_data`` calls): the frames are kept with the SHA-256 of every file
read, and :func:`load_data` in a kernel forked afterwards hands out copies of them if every file still has those
bytes (and the day is the same, as validation compares dates with today). The kernel is a separate process, so
nothing it does to its copy reaches the held frames or another kernel, and it records the same inputs, with the
digests it has just computed, as if it had read the files itself. Anything else validates as usual.
"""

from __future__ import annotations

import ast
import datetime
import json
from pathlib import Path

from research import paths
from research.analysis import asof
from research.data import validate_or_raise
from research.files import sha256_file
from research.nb.glue import record_inputs

_HELD: dict[tuple, tuple] = {}  # key -> (tables, {file: sha256}, date validated)
# Tables a notebook may name before every data folder holds them (issue 20's party options and law searches): a
# package without one loads without it, and the analysis reads its absence as an empty table.
OPTIONAL_TABLES = ("party_options", "law_searches")


def present(tables):
    """``tables`` without the :data:`OPTIONAL_TABLES` that the project's data package does not define."""
    if tables is None:
        return None
    from research.data.descriptor import PROJECT_DESCRIPTOR
    from research.data.schema import read_package

    defined = set(read_package(PROJECT_DESCRIPTOR))
    return [t for t in tables if t in defined or t not in OPTIONAL_TABLES]


def _key(data_dir, references, tables) -> tuple:
    tables = present(tables)
    folder = Path(data_dir or paths.DATA_DIR).resolve()
    bib = Path(references or paths.REFERENCES).resolve()
    return str(folder), str(bib), tuple(tables) if tables is not None else None


def _digests(files) -> dict[str, str]:
    return {paths.portable(f): sha256_file(f) for f in files}


def hold(data_dir=None, references=None, tables=None) -> None:
    """Validate the data as ``load_data(data_dir, references, tables)`` would, and keep the result in this process.

    Raises
    ------
    research.errors.DataValidationError
        If the data are invalid (nothing is held; a notebook loading them reports the problems itself).
    """
    dataset = validate_or_raise(data_dir or None, references or None, present(tables))
    _HELD[_key(data_dir, references, tables)] = (dataset.tables, _digests(dataset.files), datetime.date.today())


def _held(data_dir, references, tables) -> tuple[dict, dict] | None:
    """The held frames (copies) and their files' digests, if every file still has the bytes that were validated."""
    entry = _HELD.get(_key(data_dir, references, tables))
    if entry is None:
        return None
    frames, digests, day = entry
    if day != datetime.date.today():
        return None
    try:
        now = {f: sha256_file(paths.from_portable(f)) for f in digests}
    except OSError:
        return None
    if now != digests:
        return None
    return {name: frame.copy(deep=True) for name, frame in frames.items()}, now


def load_calls(notebook: dict, parameters: dict) -> list[tuple]:
    """The ``(data_dir, references, tables)`` of each ``load_data`` call in a notebook's code cells.

    Arguments are read from the source: string literals, names given in ``parameters``, and a literal list
    of table names. A call whose arguments are anything else is left out (such a notebook validates its data
    itself).
    """
    calls = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        try:
            tree = ast.parse("".join(source) if isinstance(source, list) else source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "load_data":
                call = _literal_call(node, parameters)
                if call is not None:
                    calls.append(call)
    return calls


def _literal_call(node: ast.Call, parameters: dict) -> tuple | None:
    names = ["data_dir", "references", "tables"]
    # as_of only selects rows of data already validated, so it does not change what is held
    if len(node.args) > len(names) + 1 or any(k.arg not in names + ["as_of"] for k in node.keywords):
        return None
    given = dict(zip(names, node.args)) | {k.arg: k.value for k in node.keywords if k.arg != "as_of"}
    values = {}
    for name in names:
        arg = given.get(name)
        if arg is None or (isinstance(arg, ast.Constant) and arg.value is None):
            values[name] = None
        elif isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            values[name] = arg.value
        elif isinstance(arg, ast.Name) and isinstance(parameters.get(arg.id), str):
            values[name] = parameters[arg.id]
        elif name == "tables" and isinstance(arg, (ast.List, ast.Tuple)) and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in arg.elts):
            values[name] = [e.value for e in arg.elts]
        else:
            return None
    return values["data_dir"], values["references"], values["tables"]


def hold_for(notebook, parameters: dict) -> None:
    """:func:`hold` the data of every ``load_data`` call of ``notebook`` (a path) run with ``parameters``."""
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    for data_dir, references, tables in load_calls(nb, parameters):
        if _key(data_dir, references, tables) not in _HELD:
            hold(data_dir, references, tables)


def load_data(data_dir=None, references=None, tables=None, as_of: str | None = None) -> dict:
    """Load the typed tables (see :func:`research.data.load`) and record every file read in the notebook.

    Parameters
    ----------
    data_dir, references : str or path-like, optional
        The notebook's parameters; empty means the project's own ``data/`` and ``references.bib``.
    tables : list of str, optional
        The tables the notebook needs (those their foreign keys reference are loaded too, and recorded).
    as_of : str, optional
        ISO date: give the tables as known on that date (:func:`research.analysis.asof.as_of`); default all.

    Returns
    -------
    dict of str to DataFrame
        Frames this notebook may change as it likes: held ones (see :func:`hold`) are copies.

    Raises
    ------
    research.errors.DataValidationError
        If the data break the schema or a cross-check.
    """
    held = _held(data_dir, references, tables)
    if held is None:
        dataset = validate_or_raise(data_dir or None, references or None, present(tables))
        frames, digests = dataset.tables, _digests(dataset.files)
    else:
        frames, digests = held
    # The build re-runs a notebook exactly when one of these files changes.
    record_inputs(digests)
    return asof.as_of(frames, as_of)
