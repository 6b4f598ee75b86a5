"""Load the data inside a notebook and record which files it read, with their SHA-256, for the build's cache."""

from __future__ import annotations

from research import paths
from research.analysis import asof
from research.data import validate_or_raise
from research.files import sha256_file
from research.nb.glue import record_inputs


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

    Raises
    ------
    research.errors.DataValidationError
        If the data break the schema or a cross-check.
    """
    dataset = validate_or_raise(data_dir or None, references or None, tables)
    # The build re-runs a notebook exactly when one of these files changes.
    record_inputs({paths.portable(f): sha256_file(f) for f in dataset.files})
    return asof.as_of(dataset.tables, as_of)
