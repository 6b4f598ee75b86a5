"""Where each number comes from: the trace of every recorded value and table row, read from the executed notebooks."""

# A value's trace is what its glue record carries (rows as table:key, the function) plus where it was recorded (the
# notebook, and the cell as the author's notebook numbers it: papermill's injected cell not counted). A table row's
# trace is the row basis its table record carries. The report links each number to its entry; `research explain`
# prints it; `research diff` compares two builds' traces.

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from research.errors import ReportError
from research.nb.cells import INJECTED_TAG
from research.nb.glue import read_records

TABLE_ROW = "{label}/{row}"  # the trace name of a table's row (1-based, as the reader counts them)
_SAFE = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class Trace:
    """The trace of one recorded value, sentence or table row."""

    name: str
    kind: str  # "value", "sentence" or "table row"
    text: str
    notebook: str
    cell: int | None
    function: str
    rows: tuple
    traced: bool  # False when the notebook recorded no rows for it (nothing to show but where it was made)
    table: str = ""  # the table's label, for a table row
    row: int = 0
    uses: tuple = ()  # for a sentence, the values it shows, in order (research.nb.glue.glue_sentence)


def _source_cells(nb: dict) -> dict[int, int]:
    """Index of each cell in the executed notebook -> its index in the notebook the author edits."""
    out, position = {}, 0
    for index, cell in enumerate(nb.get("cells", [])):
        if INJECTED_TAG not in (cell.get("metadata", {}).get("tags") or []):
            out[index] = position
            position += 1
    return out


def collect(notebooks: list[tuple[str, dict]]) -> dict[str, Trace]:
    """Every value, sentence and table row the executed notebooks recorded, by trace name, in reading order.

    Parameters
    ----------
    notebooks : list of (str, dict)
        Notebook names and executed notebooks (as read from JSON).

    Returns
    -------
    dict of str to Trace
        Values and sentences under their names; a table's rows under ``label/N`` (see :data:`TABLE_ROW`).
    """
    traces: dict[str, Trace] = {}
    for name, nb in notebooks:
        cells = _source_cells(nb)
        for record in read_records(nb):
            cell = cells.get(record["cell"])
            function = record.get("function", "")
            if record["kind"] == "sentence" and not record["text"]:
                continue  # a sentence the data give nothing to say (no imported tracker) is no entry of the appendix
            if record["kind"] in ("value", "sentence"):
                rows = tuple(record.get("rows") or ())
                traces.setdefault(record["name"], Trace(record["name"], record["kind"], record["text"], name, cell,
                                                        function, rows, "rows" in record,
                                                        uses=tuple(record.get("uses") or ())))
            elif record["kind"] == "table" and "row_basis" in record:
                for number, rows in enumerate(record["row_basis"], start=1):
                    key = TABLE_ROW.format(label=record["name"], row=number)
                    traces[key] = Trace(key, "table row", record.get("caption", ""), name, cell, function,
                                        tuple(rows), True, record["name"], number)
    return traces


def read_traces(output_dir: Path) -> dict[str, Trace]:
    """The traces of a build: every executed notebook in ``output_dir/notebooks``, in name order."""
    folder = Path(output_dir) / "notebooks"
    files = sorted(f for f in folder.glob("*.ipynb") if not f.name.endswith(".failed.ipynb")) if folder.is_dir() else []
    if not files:
        raise ReportError(f"{folder} holds no executed notebooks: run `make paper` (or `research build`) first")
    return collect([(f.stem, json.loads(f.read_text(encoding="utf-8"))) for f in files])


def anchor(name: str) -> str:
    """The HTML id of a trace's entry in the appendix (names that are not plain identifiers are hashed)."""
    plain = name.replace("/", "-r")
    return f"where-{plain}" if _SAFE.match(plain) else f"where-{hashlib.sha256(name.encode()).hexdigest()[:12]}"


def use_anchor(name: str) -> str:
    """The HTML id of the first place in the text where a value is shown (the entry links back to it)."""
    return "use-" + anchor(name)[len("where-"):]


def row_anchor(ref: str) -> str:
    """The HTML id of a data row's entry in the appendix (hashed: a key is data, never part of markup)."""
    return "row-" + hashlib.sha256(str(ref).encode()).hexdigest()[:12]


def where(trace: Trace) -> str:
    """The notebook and cell that recorded a trace, as text."""
    return trace.notebook + (f", cell {trace.cell}" if trace.cell is not None else "")


def tables_of(rows) -> str:
    """How many rows of which tables: "13 provisions rows, 2 penalties rows"."""
    counts = Counter(str(r).partition(":")[0] for r in rows)
    return ", ".join(f"{n} {table} row{'s' if n != 1 else ''}" for table, n in counts.items())


def summary(trace: Trace) -> str:
    """The one-line summary a reader sees on hovering over the number."""
    rows = tables_of(trace.rows) if trace.rows else ("no data row" if trace.traced else "rows not recorded")
    made = f" by {trace.function.rsplit('.', 1)[-1]}" if trace.function else ""
    return f"{trace.name}: from {rows}{made} ({where(trace)})"


def explain(name: str, traces: dict[str, Trace], index) -> str:
    """The trace of ``name`` as plain text, each row with its source, locator, basis and quotations.

    Parameters
    ----------
    name : str
        A value or sentence name, or a table row (``tbl-provisions/3``).
    traces : dict of str to Trace
        As :func:`collect` returns them.
    index : research.data.rows.RowIndex or None
        The rows of the data the build read (None: rows are listed by name only).

    Raises
    ------
    ReportError
        For a name no notebook recorded (naming the closest names there are).
    """
    if name not in traces:
        import difflib

        close = difflib.get_close_matches(name, list(traces), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ReportError(f"no recorded value, sentence or table row is named {name!r}{hint}")
    t = traces[name]
    lines = [f"{t.name} = {t.text}" if t.kind != "table row" else f"{t.table}, row {t.row} ({t.text})",
             f"  recorded by {where(t)}" + (f", computed by {t.function}" if t.function else "")]
    if not t.traced:
        lines.append("  rows: not recorded by the function that computed it")
    elif not t.rows:
        lines.append("  rows: none (no data row counts towards it)")
    else:
        lines.append(f"  rows ({tables_of(t.rows)}):")
    for ref in t.rows:
        info = index.describe(ref) if index is not None else None
        if info is None or not info.found:
            lines.append(f"    {ref}" + ("  (not in this data folder)" if info is not None else ""))
            continue
        lines.append(f"    {ref}" + (f"  {info.label}" if info.label else ""))
        lines.append(f"      source {info.source or '-'}, {info.locator or '-'}; basis {info.basis or '-'}")
        lines += [f"      quote ({q.value}): \"{q.quote}\" ({q.source}, {q.locator})" for q in info.quotes]
    return "\n".join(lines)
