"""Write a table as CSV under its label and record it for the report."""

from __future__ import annotations

from pathlib import Path

from research.nb.glue import record_table


def save_table(frame, label: str, output_dir, caption: str, cite_columns=None):
    """Write ``frame`` to ``tables/<label>.csv`` (UTF-8, ``\\n`` line ends), record it, and return it for display.

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
    folder = Path(output_dir) / "tables"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{label}.csv"
    frame.to_csv(path, index=False, lineterminator="\n")
    # The analysis function's trace of each row (research.analysis.basis.with_rows), if it gave one.
    record_table(label, caption, f"tables/{path.name}", list(cite_columns or []), frame.attrs.get("rows"),
                 frame.attrs.get("function"))
    return frame
