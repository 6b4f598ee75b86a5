"""Record computed values, sentences, figures, tables and inputs in the executed notebook itself, by name."""

# Each record is a display output with the MIME type below, invisible to a reader; the build and the report read
# them back from the executed notebook, so a notebook run by plain papermill carries the same record.


from __future__ import annotations

import dataclasses
import functools
import re

from research.errors import FigureError
from research.nb.readable import ReadableValues
from research.sections import words  # no pandas: a cached sweep reads recorded values through this module

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
        A :func:`format` spec, or one of the house styles of :mod:`research.sections.words`: ``"per cent"`` (a percentage,
        "46 per cent"), ``"usd"`` ("US$75,000"), ``"khr"`` ("2,000,000 riels"), ``"words"`` ("seven") or
        ``"count:NOUN"`` / ``"count:NOUN|PLURAL"`` ("1 provision", "3 provisions"). By default integers get
        thousands separators and floats up to two decimals,
        without trailing zeros (:func:`research.sections.words.number`).

    Returns
    -------
    str
    """
    if fmt is not None:
        return _styled(value, fmt)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return words.number(value)  # the package's one number format: 2,500; 2.5; 0.16
    return str(value)


def _styled(value, fmt: str) -> str:
    if fmt == "per cent":
        return words.percent(value)
    if fmt in ("usd", "khr"):
        return words.money(value, fmt.upper())
    if fmt == "words":
        return words.number_word(value)
    if fmt.startswith("count:"):
        noun, _, plural_form = fmt[len("count:"):].partition("|")
        return words.count(value, noun, plural_form or None)
    return format(value, fmt)


def _basis(rows, function) -> dict:
    """The trace of a record: its rows (``table:key``; ``None`` when not traced) and the function that computed it."""
    out = {}
    if rows is not None:
        out["rows"] = [str(r) for r in rows]
    if function:
        out["function"] = str(function)
    return out


def glue(name: str, value, fmt: str | None = None, rows=None, function: str | None = None) -> str:
    """Record ``value`` under ``name`` for the report's prose and return its formatted text.

    Parameters
    ----------
    name : str
        The name the prose refers to as ``{{name}}``.
    value : int, float, str, bool or None
        A plain value (numpy and pandas scalars are converted; ``None`` and NaN show as "n/a").
    fmt : str, optional
        Format spec for the prose text (see :func:`format_value`).
    rows : iterable of str, optional
        The data rows the value was computed from, as ``table:key`` (:mod:`research.analysis.basis`); an empty
        list says that no row counts; ``None`` leaves the value untraced.
    function : str, optional
        The analysis function that computed it (dotted name).

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
    _emit("value", name, {"value": value, "text": text, **_basis(rows, function)})
    return text


FORMAT = "format"  # dataclass field metadata: the format spec glue_all uses (research.analysis.common.shown_as)
SENTENCE = "sentence"  # dataclass field metadata: the field is a computed sentence (research.analysis.common.sentence)
USES = "uses"  # dataclass field metadata: the values a sentence shows (research.analysis.common.sentence)
BASIS = "basis"  # dataclass field metadata: the result's rows and function (research.analysis.basis.basis_field)


def glue_all(values, fmt: dict | None = None) -> dict[str, str]:
    """Record every item of ``values``; return the texts by name.

    Parameters
    ----------
    values : dict or dataclass instance
        Names and values, recorded with :func:`glue`; a dataclass records each field under its name, with the
        format spec in the field's metadata if it has one, and a field marked as a sentence with
        :func:`glue_sentence`; its basis field (:func:`research.analysis.basis.basis_field`) is recorded with each
        value: the rows of that field and the function.
    fmt : dict, optional
        Format specs by name, for those that need one (overrides a field's own).

    Returns
    -------
    ReadableValues
        A dict of str to str, which a notebook displays as the paragraphs of its prose that use these values,
        filled in, with citations author-date and cross-references named (:mod:`research.nb.readable`).
    """
    specs, sentences, uses, rows, function = {}, set(), {}, {}, None
    if dataclasses.is_dataclass(values):
        fields = [f for f in dataclasses.fields(values) if not f.metadata.get(BASIS)]
        basis = [getattr(values, f.name) for f in dataclasses.fields(values) if f.metadata.get(BASIS)]
        if basis:
            rows, function = dict(basis[0].rows), basis[0].function or None
        specs = {f.name: f.metadata.get(FORMAT) for f in fields}
        sentences = {f.name for f in fields if f.metadata.get(SENTENCE)}
        uses = sentence_uses(values)
        values = {f.name: getattr(values, f.name) for f in fields}
    specs.update(fmt or {})
    # shown under the cell as the notebook's prose with these texts filled in (research.nb.readable)
    return ReadableValues({name: glue_sentence(name, value, rows.get(name), function, uses.get(name))
                           if name in sentences
                           else glue(name, value, specs.get(name), rows.get(name), function)
                           for name, value in values.items()})


def sentence_uses(result) -> dict[str, tuple[str, ...]]:
    """The values each sentence field of ``result`` (a dataclass or its instance) shows, in order: what its basis gives for this
    instance (``Basis.uses``, where they depend on the data), else the field's own (``sentence(uses=...)``)."""
    fields = dataclasses.fields(result)
    basis = [getattr(result, f.name, None) for f in fields if f.metadata.get(BASIS)]  # a class has none
    given = dict(getattr(basis[0], "uses", None) or {}) if basis else {}
    return {f.name: tuple(given.get(f.name, f.metadata.get(USES, ()))) for f in fields if f.metadata.get(SENTENCE)}


def glue_sentence(name: str, text: str, rows=None, function: str | None = None, uses=None) -> str:
    """Record a computed sentence of the prose under ``name`` (written ``{{name}}`` like a value) and return it.

    A sentence is prose the package writes from values already recorded (saying, for instance, that the data
    hold no draft law); it is kept apart from the values, which are the numbers and terms the prose quotes.
    ``rows`` and ``function`` trace it as for :func:`glue`; ``uses`` names the recorded values whose texts it
    shows, in the order it shows them (the report links each to its own trace).
    """
    if not isinstance(text, str):
        raise TypeError(f"glue_sentence({name!r}): text must be a str, not {type(text).__name__}")
    used = {"uses": [str(u) for u in uses]} if uses else {}
    _emit("sentence", name, {"text": text, **_basis(rows, function), **used})
    return text


@functools.cache
def _names_a_number() -> re.Pattern:
    return re.compile(r"\d|\b(?:" + "|".join((*words.WORDS, "no", "none")) + r")\b", re.IGNORECASE)


def alt_problem(alt) -> str | None:
    """What is wrong with a figure's alt text, or None: it must be there and name a number from the data.

    A number is a digit, a number word up to ten ("all seven") or "no"/"none" (a figure with nothing to draw), as
    the alt text computed from a figure's data (what it shows, its extremes) always has.
    """
    if not isinstance(alt, str) or not alt.strip():
        return "has no alt text"
    if not _names_a_number().search(alt):
        return f"has alt text that names no number from its data ({alt.strip()!r})"
    return None


def record_figure(label: str, caption: str, alt: str, files: dict[str, str]) -> None:
    """Record a figure's label, caption, alt text and file names (relative to the output folder).

    Raises
    ------
    FigureError
        If the alt text is missing or names no number (see :func:`alt_problem`): the one line names the figure.
    """
    problem = alt_problem(alt)
    if problem:
        raise FigureError(f"figure {label} {problem}; compute it from the figure's data")
    _emit("figure", label, {"caption": caption, "alt": alt, "files": files})


def record_table(label: str, caption: str, file: str, cite_columns: list[str] | None = None, rows=None,
                 function: str | None = None) -> None:
    """Record a table's label, caption and CSV file name (relative to the output folder); ``rows``, a list with
    the data rows (``table:key``) of each table row, and ``function`` trace its cells."""
    trace = {"row_basis": [[str(r) for r in rs] for rs in rows]} if rows is not None else {}
    if function:
        trace["function"] = str(function)
    _emit("table", label, {"caption": caption, "file": file, "cite_columns": cite_columns or [], **trace})


def record_inputs(files: dict[str, str]) -> None:
    """Record the input files a notebook read, with their SHA-256, for the build's cache and the manifest."""
    _emit("inputs", "inputs", {"files": files})


def recorded_inputs(notebook: dict) -> dict[str, str]:
    """The input files an executed notebook recorded (portable path to SHA-256), all records merged."""
    inputs: dict[str, str] = {}
    for record in read_records(notebook):
        if record["kind"] == "inputs":
            inputs.update(record["files"])
    return inputs


def recorded_texts(notebook: dict) -> dict[str, str]:
    """The text of every value and sentence an executed notebook recorded, by name: what ``{{name}}`` becomes."""
    return {r["name"]: r["text"] for r in read_records(notebook) if r["kind"] in ("value", "sentence")}


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
