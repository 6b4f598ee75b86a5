"""The zygote's data cache: data validated once, handed as copies to every kernel forked afterwards, while unchanged.

A process that forks many kernels (the zygote) validates the data once with :func:`hold` (or :func:`hold_for`, which
reads a notebook's ``load_data`` calls): the frames are kept with the SHA-256 of every file read, and
:func:`research.nb.inputs.load_data` in a kernel forked afterwards is handed copies of them (:func:`lend`) if every file
still has those bytes (and the day is the same, as validation compares dates with today). The kernel is a separate
process, so nothing it does to its copy reaches the held frames or another kernel, and it records the same inputs,
with the digests it has just computed, as if it had read the files itself. Anything else validates as usual.
"""

from __future__ import annotations

import ast
import datetime
import json
from pathlib import Path

from research import paths
from research.data import validate_or_raise
from research.files import sha256_file
from research.nb import inputs

_HELD: dict[tuple, tuple] = {}  # key -> (tables, {file: sha256}, date validated)


def _key(data_dir, references, tables) -> tuple:
    tables = inputs.present(tables)
    folder = Path(data_dir or paths.DATA_DIR).resolve()
    bib = Path(references or paths.REFERENCES).resolve()
    return str(folder), str(bib), tuple(tables) if tables is not None else None


def hold(data_dir=None, references=None, tables=None) -> None:
    """Validate the data as ``load_data(data_dir, references, tables)`` would, and keep the result in this process.

    Every kernel this process forks from now on asks :func:`lend` before it validates.

    Raises
    ------
    research.errors.DataValidationError
        If the data are invalid (nothing is held; a notebook loading them reports the problems itself).
    """
    dataset = validate_or_raise(data_dir or None, references or None, inputs.present(tables))
    _HELD[_key(data_dir, references, tables)] = (dataset.tables, inputs.file_digests(dataset.files),
                                                 datetime.date.today())
    inputs.lend_from(lend)


def lend(data_dir, references, tables) -> tuple[dict, dict] | None:
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
