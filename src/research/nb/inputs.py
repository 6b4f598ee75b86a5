"""Load the data inside a notebook and record which files it read, with their SHA-256, for the build's cache.

A kernel forked from the zygote may be lent frames the zygote validated already (:mod:`research.kernels.held`, which
registers itself here with :func:`lend_from`); anything else validates as usual.
"""

from __future__ import annotations

from research import paths
from research.analysis import asof
from research.data import validate_or_raise
from research.files import sha256_file
from research.nb.glue import record_inputs

_LENDER = None  # set in a process that holds validated data for the kernels it forks (research.kernels.held)
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


def file_digests(files) -> dict[str, str]:
    """Each file read, by its portable name, with its SHA-256 (what a notebook records as its inputs)."""
    return {paths.portable(f): sha256_file(f) for f in files}


def lend_from(lender) -> None:
    """Have :func:`load_data` ask ``lender(data_dir, references, tables)`` for frames before it validates.

    ``lender`` returns ``(frames, digests)`` (copies the caller may change) or None; the zygote registers
    :func:`research.kernels.held.lend`, and every kernel forked from it inherits the registration.
    """
    global _LENDER
    _LENDER = lender


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
        Frames this notebook may change as it likes: lent ones (see :func:`lend_from`) are copies.

    Raises
    ------
    research.errors.DataValidationError
        If the data break the schema or a cross-check.
    """
    held = _LENDER(data_dir, references, tables) if _LENDER is not None else None
    if held is None:
        dataset = validate_or_raise(data_dir or None, references or None, present(tables))
        frames, digests = dataset.tables, file_digests(dataset.files)
    else:
        frames, digests = held
    # The build re-runs a notebook exactly when one of these files changes.
    record_inputs(digests)
    return asof.as_of(frames, as_of)
