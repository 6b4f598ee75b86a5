"""``research import-incidents``: an external incident table as rows of the project's incidents.csv, checked.

The rows are made for one data folder: its countries, the incidents it already records and the actors it already
codes decide what is imported (:mod:`research.data.eurepoc`). Appending writes the folder's incidents.csv only
after a copy of the folder with the rows appended has passed validation, so a data folder is never left invalid.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

from research import paths
from research.data import contained, eurepoc
from research.data.problems import Problem
from research.errors import DataValidationError, IncidentImportError

TABLE = "incidents"


def _columns() -> list[str]:
    tables, _ = contained.project_package(paths.DATA_DIR)
    return tables[TABLE].field_names


def import_eurepoc(files: list[Path], data_dir: Path, references: Path, source: str, victims=None):
    """Read EuRepoC dashboard tables and map them to new rows for ``data_dir``; return the import and the columns.

    Raises
    ------
    DataValidationError
        If the data folder (or its bibliography) is not valid: rows are only made for valid data.
    IncidentImportError
        If a file cannot be read, or ``source`` is not a key of the bibliography.
    """
    from research.data.loader import check

    dataset = check(data_dir, references, tables=[TABLE])
    if dataset.problems:
        raise DataValidationError(dataset.problems)
    keys = _bib_keys(references)
    if source not in keys:
        raise IncidentImportError(f"{Path(references).name} has no entry {source!r} for the EuRepoC dataset: add it "
                                  "(docs/eurepoc.md gives one) or name yours with --source")
    incidents = dataset.tables[TABLE]
    known = {}
    for incident_id, listed in zip(incidents["incident_id"].astype(str), incidents["reported_as"].fillna("")):
        known[incident_id] = incident_id
        for name in str(listed).split(";"):
            if name.strip():
                known.setdefault(name.strip(), incident_id)
    actors = {}
    origins = incidents["actor_country"].astype("string").fillna("")
    for name, kind, origin in zip(incidents["actor"].astype("string").fillna(""), incidents["actor_type"], origins):
        if name:
            actors.setdefault(str(name), (str(kind), str(origin)))
    countries = set(dataset.tables["countries"]["iso3"].astype(str))
    imported = eurepoc.convert(eurepoc.read_tables(files), countries, known, actors, source, victims)
    return imported, _columns()


def _bib_keys(references: Path) -> set[str]:
    from research.data.bib import bib_keys

    return bib_keys(references)


def csv_text(rows: list[dict], columns: list[str], header: bool = True) -> str:
    """The rows as CSV text in the table's column order (``\\n`` line ends), with the header first if asked."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(columns)
    writer.writerows([[row.get(c, "") for c in columns] for row in rows])
    return out.getvalue()


def check_appendable(data_dir: Path) -> None:
    """Refuse to append to the project's own data (or anything inside the package).

    Raises
    ------
    IncidentImportError
    """
    data_dir = Path(data_dir)
    if data_dir.resolve() == paths.DATA_DIR.resolve() or contained.is_contained(data_dir, paths.PACKAGE_DIR):
        raise IncidentImportError(f"{data_dir} is the project's own data: copy it (cp -r data mydata) and append to "
                                  "the copy")


def append(data_dir: Path, references: Path, rows: list[dict], columns: list[str]) -> Path:
    """Append ``rows`` to the folder's incidents.csv once a copy of the folder with them appended validates.

    Raises
    ------
    IncidentImportError
        For the project's own data folder (copy it first), which is never written.
    DataValidationError
        If the folder with the rows appended would not validate (nothing is written).
    """
    data_dir = Path(data_dir)
    check_appendable(data_dir)
    tables, _ = contained.project_package(data_dir)
    target, refused = contained.resource_file(data_dir, tables[TABLE])
    if refused is not None:
        raise DataValidationError([refused])
    original = target.read_bytes()
    text = original.decode("utf-8")
    new = (text if text.endswith("\n") or not text else text + "\n") + csv_text(rows, columns, header=False)
    with tempfile.TemporaryDirectory(prefix="research-import-") as tmp:
        trial = Path(tmp) / "data"
        trial.mkdir()
        for path in data_dir.iterdir():
            if path.is_file() and contained.is_contained(path, data_dir):
                shutil.copy2(path, trial / path.name)
        (trial / target.name).write_text(new, encoding="utf-8")
        from research.data.loader import check

        problems = check(trial, references, tables=[TABLE]).problems  # new incidents can break no other table
    if problems:
        raise DataValidationError([Problem(p.file, p.line, p.column, p.value, p.rule) for p in problems])
    from research.files import write_atomic

    return write_atomic(target, new)


def report_lines(imported, columns: list[str], where: str) -> list[str]:
    """The command's report: pairs read, rows imported and where to, each reason a pair was left out, each empty cell."""
    ids = ", ".join(row["incident_id"] for row in imported.rows[:8]) + (" ..." if len(imported.rows) > 8 else "")
    lines = [f"EuRepoC: {imported.pairs} incident-country pair(s) read; {len(imported.rows)} row(s) imported"
             + (f" ({ids})" if imported.rows else "") + f" -> {where}"]
    for reason, count in imported.skipped.most_common():
        lines.append(f"  not imported, {count}: {reason} ({'; '.join(imported.examples[reason])})")
    order = {c: i for i, c in enumerate(columns)}
    for (column, reason), count in sorted(imported.empty.items(),
                                          key=lambda item: (order.get(item[0][0].split(",")[0], 99), item[0][1])):
        what, reason = ("filled", reason[len("filled: "):]) if reason.startswith("filled: ") else (
            "shortened" if column == "date" else "empty", reason)
        lines.append(f"  {column} {what} in {count} of {len(imported.rows)}: {reason}")
    return lines
