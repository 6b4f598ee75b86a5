"""Recorded figures and tables as the report's numbered, captioned blocks: a raw-HTML figure whose image is filled in
after Pandoc runs, and a Pandoc table from the recorded CSV with its cells escaped, cited and traced."""

from __future__ import annotations

import base64
import csv
import html
import io
from pathlib import Path

from research.errors import ReportError
from research.nb.tables import restore_cell
from research.report.layout import column_weights, fits_a_page, is_wide, said_once
from research.report.markdown import escape, pipe_table
from research.report.trace import TABLE_ROW
from research.report.trace_appendix import REPORT_TABLE_ROWS, cell_link

FIGURE_SLOT = 'data-research-figure="{label}"'


def _data_link(record: dict) -> str:
    # A figure that wrote its data as a table links to it (the file name is the figure's own label, not data).
    csv_file = record.get("files", {}).get("csv")
    return f' <a href="{html.escape(csv_file)}">Data of this figure (CSV).</a>' if csv_file else ""


def figure_block(label: str, number: str, record: dict, output_dir: Path) -> str:
    """A raw-HTML figure with its number, caption and alt text; the image is filled in after Pandoc runs."""
    return (
        f'<figure id="{html.escape(label)}" class="report-figure">\n'
        f'<img {FIGURE_SLOT.format(label=html.escape(label))} alt="{html.escape(record["alt"])}" />\n'
        f"<figcaption><strong>{html.escape(number)}.</strong> {html.escape(record['caption'])}{_data_link(record)}"
        "</figcaption>\n"
        "</figure>"
    )


def embed_figures(html_text: str, figures: dict, output_dir: Path, kind: str) -> str:
    """Put each figure's image into its slot as a data URI: ``kind`` is ``svg`` (screen) or ``png`` (print)."""
    mime = {"svg": "image/svg+xml", "png": "image/png"}[kind]
    for label, record in figures.items():
        data = (Path(output_dir) / record["files"][kind]).read_bytes()
        uri = f"data:{mime};base64," + base64.b64encode(data).decode("ascii")
        html_text = html_text.replace(FIGURE_SLOT.format(label=html.escape(label)), f'src="{uri}"')
    return html_text


def table_block(label: str, number: str, record: dict, output_dir: Path, bib_keys: set[str],
                traces: dict | None = None, entries: str = "") -> tuple[str, list[str]]:
    """A Pandoc table from the recorded CSV; cells escaped, ``cite_columns`` rendered as citations; with
    ``traces``, every other cell of a traced row links to that row's trace (in the file ``entries``, or this page).

    At most :data:`research.report.trace_appendix.REPORT_TABLE_ROWS` rows are laid out, the caption saying where the
    rest are: a table of 50,000 incidents is thousands of printed pages, and its layout would cost the report hours,
    not the reader anything.
    """
    text = (Path(output_dir) / record["file"]).read_text(encoding="utf-8")
    rows = [[restore_cell(cell) for cell in row] for row in csv.reader(io.StringIO(text))]
    header, body = rows[0], rows[1:]
    hidden, body = len(body) - min(len(body), REPORT_TABLE_ROWS), body[:REPORT_TABLE_ROWS]
    cite_idx = {header.index(c) for c in record.get("cite_columns", []) if c in header}
    cited = []
    # a source column that names the same works on every row is said once, under the caption
    uniform = sorted(i for i in cite_idx if len(body) > 2 and body[0][i] and all(r[i] == body[0][i] for r in body))
    note = ""
    for i in uniform:
        note += f" {escape(header[i].replace('_', ' ').capitalize())} of every row: [SOURCES{i}]."
    weights = column_weights(header, body, citations=cite_idx)
    body = said_once(body, cite_idx)
    cells = []
    for number_, row in enumerate(body, start=1):
        trace = (traces or {}).get(TABLE_ROW.format(label=label, row=number_))
        out = []
        for i, cell in enumerate(row):
            if i in cite_idx and cell:
                keys = [k.strip() for k in cell.split(";") if k.strip()]
                unknown = [k for k in keys if k not in bib_keys]
                if unknown:
                    raise ReportError(f"{record['file']}: unknown citation key(s) {', '.join(unknown)} in column {header[i]}")
                cited += keys
                out.append("[" + "; ".join(f"@{k}" for k in keys) + "]")
            else:
                out.append(cell_link(escape(cell), trace, entries) if trace is not None and cell.strip() else escape(cell))
        cells.append(out)
    for i in uniform:
        note = note.replace(f"[SOURCES{i}]", cells[0][i])
    keep = [i for i in range(len(header)) if i not in uniform]
    table = pipe_table([escape(header[i].replace("_", " ")) for i in keep], [[row[i] for i in keep] for row in cells],
                       [weights[i] for i in keep])
    caption = f": **{escape(number)}.** {escape(record['caption'])}{note}"
    if hidden:
        caption += " " + escape(f"(The first {len(body):,} of {len(body) + hidden:,} rows; every row is in "
                                f"{record['file']}.)")
    classes = (".report-table" + (" .wide" if is_wide([header[i] for i in keep]) else "")
               + (" .keep" if fits_a_page(header, body) else ""))
    return f"::: {{#{label} {classes}}}\n{table}\n\n{caption}\n:::", cited
