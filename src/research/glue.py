"""Record computed values, figures, tables and inputs in the executed notebook itself, by name.

Each record is a display output with the MIME type below, invisible to a reader; the build and the report read
them back from the executed notebook, so a notebook run by plain papermill carries the same record.
"""

from __future__ import annotations

MIME = "application/vnd.research+json"


def _emit(kind: str, name: str, record: dict) -> None:
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python without IPython: nothing to record into
        return
    if get_ipython() is None:
        return
    from IPython.display import display

    display({MIME: {"kind": kind, "name": name, **record}}, raw=True)


def format_value(value, fmt: str | None = None) -> str:
    """Format a number or text the way the prose shows it.

    Parameters
    ----------
    value : int, float, str or bool
        The value.
    fmt : str, optional
        A :func:`format` spec; by default integers get thousands separators and floats up to two decimals.

    Returns
    -------
    str
    """
    if fmt is not None:
        return format(value, fmt)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    return str(value)


def glue(name: str, value, fmt: str | None = None) -> str:
    """Record ``value`` under ``name`` for the report's prose and return its formatted text.

    Parameters
    ----------
    name : str
        The name the prose refers to as ``{{name}}``.
    value : int, float, str, bool or None
        A plain value (numpy and pandas scalars are converted; ``None`` and NaN show as "n/a").
    fmt : str, optional
        Format spec for the prose text (see :func:`format_value`).

    Returns
    -------
    str
        The text that will appear in the report.
    """
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if value is not None and not isinstance(value, (int, float, str, bool)):
        raise TypeError(f"glue({name!r}): value must be a plain int, float, str or bool, not {type(value).__name__}")
    if isinstance(value, float) and value != value:
        value = None
    text = "n/a" if value is None else format_value(value, fmt)
    _emit("value", name, {"value": value, "text": text})
    return text


def glue_all(values: dict, fmt: dict | None = None) -> dict[str, str]:
    """Record every item of ``values`` with :func:`glue`; return the texts by name.

    ``fmt`` maps names to format specs for those that need one.
    """
    fmt = fmt or {}
    return {name: glue(name, value, fmt.get(name)) for name, value in values.items()}


def record_figure(label: str, caption: str, alt: str, files: dict[str, str]) -> None:
    """Record a figure's label, caption, alt text and file names (relative to the output folder)."""
    _emit("figure", label, {"caption": caption, "alt": alt, "files": files})


def record_table(label: str, caption: str, file: str, cite_columns: list[str] | None = None) -> None:
    """Record a table's label, caption and CSV file name (relative to the output folder)."""
    _emit("table", label, {"caption": caption, "file": file, "cite_columns": cite_columns or []})


def record_inputs(files: dict[str, str]) -> None:
    """Record the input files a notebook read, with their SHA-256, for the build's cache and the manifest."""
    _emit("inputs", "inputs", {"files": files})


def read_records(notebook: dict) -> list[dict]:
    """Return every record in an executed notebook (a dict as read from its JSON), in order.

    Each record carries ``cell`` (0-based index of the code cell that emitted it).
    """
    records = []
    for index, cell in enumerate(notebook.get("cells", [])):
        for output in cell.get("outputs", []) or []:
            data = output.get("data") or {}
            if MIME in data:
                records.append({**data[MIME], "cell": index})
    return records
