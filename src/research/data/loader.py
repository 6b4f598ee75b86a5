"""Load every table of a data folder, typed and validated against datapackage.json; report what was read."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from research import paths
from research.data import contained
from research.data.csvfile import read_csv_strict, unread
from research.data.descriptor import descriptor_path
from research.data.problems import Problem
from research.errors import BibliographyError, DataValidationError


@dataclass
class Dataset:
    """What one reading of a data folder gave.

    Attributes
    ----------
    tables : dict of str to DataFrame
        Typed frames by table name (empty when ``datapackage.json`` could not be read).
    problems : list of Problem
        Every problem found, sorted by file and line, each once.
    files : list of Path
        Every file read: ``datapackage.json``, the bibliography, then the CSV files, in that order.
    """

    tables: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    files: list = field(default_factory=list)


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


def check(data_dir=None, references=None, tables=None) -> Dataset:
    """Validate a data directory and return its typed tables, every problem found and the files read.

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
    Dataset
        A ``datapackage.json`` that cannot be read is returned as its problem (with any in ``references``) and
        no tables, not raised.

    Raises
    ------
    DataValidationError
        If ``tables`` names a table the package does not hold (a mistake of the caller, not of the data).
    """
    from research.data import crosscheck, evidence, rules, validate
    from research.data.bib import bib_keys

    data_dir = Path(data_dir or paths.DATA_DIR)
    references = Path(references or paths.REFERENCES)
    problems: list[Problem] = []
    try:
        keys = bib_keys(references)
    except BibliographyError as exc:
        keys = None
        problems += exc.problems or [Problem(references.name, None, None, None, str(exc).split("\n", 1)[-1].strip())]
    descriptor = descriptor_path(data_dir)  # the schema that applies, recorded as read
    package, refused = contained.project_package(data_dir)
    if package is None:
        # Without the project's schema no table can be checked: report why with whatever else is known.
        return Dataset({}, _sorted(refused + problems), [])
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
        path, outside = contained.resource_file(data_dir, table)
        raw = read_csv_strict(path, table.field_names) if outside is None else unread([outside], table.field_names)
        problems += raw.problems
        frame = validate.raw_frame(raw.rows, table.field_names)
        problems += validate.schema_problems(table.path, table, frame, raw.lines, raw.missing)
        typed[name] = validate.typed_frame(table, frame)
        lines[name], files[name], missing[name] = raw.lines, table.path, set(raw.missing)
        if not raw.complete:
            incomplete.add(name)
    problems += crosscheck.cross_problems(package, typed, lines, keys, files, incomplete, missing)
    for name in names:
        if name not in incomplete:
            problems += rules.rule_problems(files[name], package[name], typed[name], lines[name], missing[name])
    problems += evidence.evidence_problems(typed, lines, files, incomplete)
    read = [descriptor, references, *(data_dir / package[n].path for n in names)]
    return Dataset(typed, _sorted(problems), [f for f in read if f.exists()])


def _sorted(problems: list[Problem]) -> list[Problem]:
    # One entry per distinct problem, by file then line (whole-file problems first), column order kept stable.
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.file, p.line or 0, p.column or ""))


def validate_or_raise(data_dir=None, references=None, tables=None) -> Dataset:
    """:func:`check`, raising when anything is wrong: the one gate the build, the sweep and the notebooks pass.

    Raises
    ------
    DataValidationError
        If any file breaks the schema or a cross-check; it lists every problem.
    """
    dataset = check(data_dir, references, tables)
    if dataset.problems:
        raise DataValidationError(dataset.problems)
    return dataset


def load(data_dir=None, references=None, tables=None) -> dict:
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
    return validate_or_raise(data_dir, references, tables).tables


def country_codes(data_dir) -> list[str]:
    """ISO3 codes of every row of the countries table, in file order, read cheaply (the csv module, no validation).

    A file that cannot be read gives none; validation, which runs next, reports why.
    """
    try:
        package, refused = contained.project_package(data_dir)
        path, outside = contained.resource_file(data_dir, package["countries"]) if package else (None, True)
        if outside:
            return []
        with open(path, encoding="utf-8", newline="") as fh:
            return list(dict.fromkeys(row["iso3"] for row in csv.DictReader(fh) if row.get("iso3")))
    except (OSError, KeyError, ValueError, csv.Error, DataValidationError):
        return []


def validated_country_codes(data_dir=None, references=None) -> list[str]:
    """ISO3 codes of the countries table as validated, or none when that table (or its sources) has a problem."""
    dataset = check(data_dir, references, tables=["countries"])
    if dataset.problems or "countries" not in dataset.tables:
        return []
    return list(dict.fromkeys(dataset.tables["countries"]["iso3"].astype(str)))
