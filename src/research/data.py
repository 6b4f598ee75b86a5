"""Load every table from a data directory, typed and validated against datapackage.json; one error lists all problems."""

from __future__ import annotations

from pathlib import Path

from research import paths
from research.errors import BibliographyError, DataValidationError
from research.problems import Problem
from research.schema import read_package



def _note_read(*files: Path) -> None:
    # Recorded in the executed notebook so that the build's cache key covers exactly the files it read.
    from research.glue import record_inputs
    from research.hashing import sha256_file

    record_inputs({paths.portable(f): sha256_file(f) for f in files if Path(f).exists()})


def _closure(tables, wanted):
    # A table's foreign keys need the referenced tables loaded too.
    seen, todo = [], list(wanted)
    while todo:
        name = todo.pop(0)
        if name in seen:
            continue
        seen.append(name)
        t = tables[name]
        todo += [ref for _, ref, _ in t.foreign_keys]
        todo += [f.item_reference[0] for f in t.fields if f.item_reference]
    return [n for n in tables if n in seen]


def check(data_dir=None, references=None, tables=None):
    """Validate a data directory and return its typed tables and every problem found.

    Parameters
    ----------
    data_dir : path-like, optional
        Folder holding ``datapackage.json`` and the CSV files (default: the project's ``data/``).
    references : path-like, optional
        The BibTeX file that ``source`` keys must exist in (default: the project's ``references.bib``).
    tables : iterable of str, optional
        Load only these tables (and those their foreign keys reference).

    Returns
    -------
    (dict of str to DataFrame, list of Problem)
        Problems are sorted by file and line, each listed once. A ``datapackage.json`` that cannot be read is
        returned as its problem (with any in ``references``) and no tables, not raised.
    """
    from research import validate as v
    from research.bib import bib_keys

    data_dir = Path(data_dir or paths.DATA_DIR)
    references = Path(references or paths.REFERENCES)
    problems: list[Problem] = []
    try:
        keys = bib_keys(references)
    except BibliographyError as exc:
        keys = None
        problems += getattr(exc, "problems", None) or [
            Problem(references.name, None, None, None, str(exc).split("\n", 1)[-1].strip())
        ]
    try:
        package = read_package(data_dir / paths.DATAPACKAGE_NAME)
    except DataValidationError as exc:
        # Without the descriptor no table can be checked: report it with whatever else is known.
        return {}, _sorted(exc.problems + problems)
    unknown = [t for t in (tables or []) if t not in package]
    if unknown:
        raise DataValidationError(
            [Problem(paths.DATAPACKAGE_NAME, None, None, t, "is not a table in the data package") for t in unknown]
        )
    names = _closure(package, tables or list(package))
    typed, lines, files = {}, {}, {}
    incomplete, missing = set(), {}
    for name in names:
        table = package[name]
        path = data_dir / table.path
        files[name] = table.path
        raw = read_csv_strict(path, table.field_names)
        problems += raw.problems
        frame = v.raw_frame(raw.rows, table.field_names)
        problems += v.schema_problems(table.path, table, frame, raw.lines, raw.missing)
        typed[name] = v.typed_frame(table, frame)
        lines[name] = raw.lines
        missing[name] = set(raw.missing)
        if not raw.complete:
            incomplete.add(name)
    problems += v.cross_problems(package, typed, lines, keys, files, incomplete, missing)
    _note_read(data_dir / paths.DATAPACKAGE_NAME, references, *(data_dir / package[n].path for n in names))
    return typed, _sorted(problems)


def _sorted(problems: list[Problem]) -> list[Problem]:
    # One entry per distinct problem, by file then line (whole-file problems first), column order kept stable.
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.file, p.line or 0, p.column or ""))


def load(data_dir=None, references=None, tables=None):
    """Load the datasets as typed pandas frames, or fail with every problem listed.

    Parameters
    ----------
    data_dir, references, tables
        As for :func:`check`.

    Returns
    -------
    dict of str to pandas.DataFrame
        One frame per table: nullable integers, booleans, categoricals with the schema's levels, strings.

    Raises
    ------
    DataValidationError
        If any file breaks the schema or a cross-check.
    """
    typed, problems = check(data_dir, references, tables)
    if problems:
        raise DataValidationError(problems)
    return typed


from research.csvfile import read_csv_strict  # noqa: E402  (kept light: no pandas at import)
