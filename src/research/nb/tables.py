"""Write a table as CSV under its label and record it for the report; no cell is a formula to a spreadsheet."""

from __future__ import annotations

import re
from pathlib import Path

from research.nb.glue import record_table

# A spreadsheet runs a cell that starts with = + - @ (or a tab or line break before one): such a text cell is
# written with a leading quote, which spreadsheets show as text. A cell already starting with quotes before one of
# these gets one more, so that :func:`restore_cell` gives back exactly what the table held. Numbers are numbers.
# Carriage returns become line feeds first: the csv module (before Python 3.12) leaves a field holding a bare "\r"
# unquoted when lines end in "\n", and every reader would take it for the end of the row.
_FORMULA = re.compile(r"'*[=+\-@\t\r\n]")
_QUOTED = re.compile(r"'+[=+\-@\t\r\n]")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def neutralise_cell(value):
    """``value`` as a spreadsheet will show it, not run it: text starting like a formula gets a leading ``'``."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + value if _FORMULA.match(value) and not _NUMBER.fullmatch(value) else value


def restore_cell(text: str) -> str:
    """The cell a table held, from its CSV text (undoes :func:`neutralise_cell`)."""
    return text[1:] if _QUOTED.match(text) and not _NUMBER.fullmatch(text[1:]) else text


def write_csv(frame, label: str, output_dir) -> Path:
    """Write ``frame`` to ``tables/<label>.csv`` (UTF-8, ``\\n`` line ends, formula-like text neutralised) and
    return the path; nothing is recorded (:func:`save_table` records a table of the report)."""
    folder = Path(output_dir) / "tables"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{label}.csv"
    safe = frame.copy()
    # a table's row bases (attrs) would be deep-copied by every column operation below, for nothing: none is written
    safe.attrs = {}
    for column in safe.columns:
        if not (safe[column].dtype.kind in "biufc" or str(safe[column].dtype) == "boolean"):
            safe[column] = safe[column].map(neutralise_cell, na_action="ignore")
    safe.columns = [neutralise_cell(str(c)) for c in safe.columns]
    safe.to_csv(path, index=False, lineterminator="\n")
    return path


def save_table(frame, label: str, output_dir, caption: str, cite_columns=None):
    """Write ``frame`` to ``tables/<label>.csv`` (UTF-8, ``\\n`` line ends), record it, and return it for display.

    Text cells a spreadsheet would run as a formula are written with a leading quote (:func:`neutralise_cell`);
    the report shows them as they were.

    Parameters
    ----------
    frame : DataFrame
        The table as the report should show it (its index is not written).
    label : str
        Content name and cross-reference label, e.g. ``tbl-provisions``.
    output_dir : path-like
    caption : str
    cite_columns : list of str, optional
        Columns holding ``references.bib`` keys, rendered as citations in the report.

    Returns
    -------
    DataFrame
        ``frame``, so that the notebook shows it.
    """
    path = write_csv(frame, label, output_dir)
    # The analysis function's trace of each row (research.analysis.basis.with_rows), if it gave one.
    record_table(label, caption, f"tables/{path.name}", list(cite_columns or []), frame.attrs.get("rows"),
                 frame.attrs.get("function"))
    return frame
