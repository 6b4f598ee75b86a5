"""Executed section notebooks to Pandoc Markdown with nbconvert: prose filled in, figures and tables as blocks."""

# Markdown cells keep their prose (values filled in, cross-references resolved, citation keys checked); code is
# hidden; each recorded figure or table becomes a numbered, captioned block; every other output is dropped.

from __future__ import annotations

import base64
import csv
import html
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from nbconvert.exporters import MarkdownExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from traitlets import Dict, Instance, List, Set, Unicode

from research.errors import ReportError
from research.nb.cells import HIDDEN_TAGS, INJECTED_TAG
from research.nb.glue import MIME, alt_problem, read_records
from research.nb.tables import restore_cell
from research.report.markdown import cited_keys, escape, fill_values, fill_xrefs, pipe_table
from research.report.trace import TABLE_ROW, collect
from research.report.trace_appendix import cell_link, sentence_links, value_link

SOURCE_INDEX = "research_source_index"  # transient cell metadata: the cell's index in the source notebook


@dataclass
class Catalogue:
    """What the executed notebooks recorded: values, figure and table labels, inputs per notebook."""

    values: dict = field(default_factory=dict)
    labels: dict = field(default_factory=dict)
    producers: dict = field(default_factory=dict)
    items: dict = field(default_factory=dict)
    inputs: dict = field(default_factory=dict)
    parameters: dict = field(default_factory=dict)
    traces: dict = field(default_factory=dict)  # name -> research.report.trace.Trace (values, table rows)
    used: set = field(default_factory=set)  # values the prose has shown, so far (the first use carries the id)

    def link(self, name: str, text_md: str) -> str:
        """A value shown in the prose, as a link to its trace (the first time with the id the trace links back to)."""
        trace = self.traces.get(name)
        if trace is None or trace.kind not in ("value", "sentence"):
            return text_md
        first = name not in self.used
        linked = value_link(text_md, trace, first) if trace.kind == "value" else sentence_links(text_md, trace, first)
        if linked != text_md:  # a sentence without a number carries no link, so its entry has no place to go back to
            self.used.add(name)
        return linked


def catalogue(notebooks: list[tuple[str, dict]]) -> Catalogue:
    """Collect every record of the executed notebooks and number figures and tables in reading order.

    Raises
    ------
    ReportError
        If two notebooks record the same value name with different text, reuse a figure or table label, or record
        a figure whose alt text is missing or names no number (a notebook run outside the build).
    """
    cat = Catalogue()
    counters = {"figure": 0, "table": 0}
    for name, nb in notebooks:
        cat.parameters[name] = nb.get("metadata", {}).get("papermill", {}).get("parameters", {})
        for record in read_records(nb):
            kind = record["kind"]
            if kind in ("value", "sentence"):
                previous = cat.values.get(record["name"])
                if previous is not None and previous != record["text"]:
                    raise ReportError(
                        f"{name}: value {record['name']!r} is recorded twice with different text "
                        f"({previous!r} and {record['text']!r})"
                    )
                cat.values[record["name"]] = record["text"]
            elif kind in ("figure", "table"):
                label = record["name"]
                problem = alt_problem(record.get("alt")) if kind == "figure" else None
                if problem:
                    raise ReportError(f"{name}: figure {label} {problem}; compute it from the figure's data")
                if label in cat.labels:
                    raise ReportError(f"{name}: label {label!r} is used by {cat.producers[label]} already")
                counters[kind] += 1
                cat.labels[label] = f"{kind.capitalize()} {counters[kind]}"
                cat.producers[label] = name
                cat.items[label] = record
            elif kind == "inputs":
                cat.inputs.setdefault(name, {}).update(record["files"])
    cat.traces = collect(notebooks)
    return cat


FIGURE_SLOT = 'data-research-figure="{label}"'


def figure_block(label: str, number: str, record: dict, output_dir: Path) -> str:
    """A raw-HTML figure with its number, caption and alt text; the image is filled in after Pandoc runs."""
    return (
        f'<figure id="{html.escape(label)}" class="report-figure">\n'
        f'<img {FIGURE_SLOT.format(label=html.escape(label))} alt="{html.escape(record["alt"])}" />\n'
        f"<figcaption><strong>{html.escape(number)}.</strong> {html.escape(record['caption'])}</figcaption>\n"
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
                traces: dict | None = None) -> tuple[str, list[str]]:
    """A Pandoc table from the recorded CSV; cells escaped, ``cite_columns`` rendered as citations; with
    ``traces``, every other cell of a traced row links to that row's trace.

    At most :data:`research.report.trace_appendix.REPORT_TABLE_ROWS` rows are laid out, the caption saying where the rest are: a table of 50,000
    incidents is thousands of printed pages, and its layout would cost the report hours, not the reader anything.
    """
    text = (Path(output_dir) / record["file"]).read_text(encoding="utf-8")
    rows = [[restore_cell(cell) for cell in row] for row in csv.reader(io.StringIO(text))]
    from research.report.trace_appendix import REPORT_TABLE_ROWS

    header, body = rows[0], rows[1:]
    hidden, body = len(body) - min(len(body), REPORT_TABLE_ROWS), body[:REPORT_TABLE_ROWS]
    cite_idx = {header.index(c) for c in record.get("cite_columns", []) if c in header}
    cited = []
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
                out.append(cell_link(escape(cell), trace) if trace is not None and cell.strip() else escape(cell))
        cells.append(out)
    table = pipe_table([escape(h.replace("_", " ")) for h in header], cells)
    caption = f": **{escape(number)}.** {escape(record['caption'])}"
    if hidden:
        caption += " " + escape(f"(The first {len(body):,} of {len(body) + hidden:,} rows; every row is in "
                                f"{record['file']}.)")
    return f"::: {{#{label} .report-table}}\n{table}\n\n{caption}\n:::", cited


class RecordsToMarkdown(Preprocessor):
    """Fill values and cross-references into prose; replace recorded figures and tables with Markdown blocks."""

    values = Dict()
    labels = Dict()
    catalogue = Instance(Catalogue, allow_none=True)
    output_dir = Unicode()
    bib_keys = Set()
    notebook = Unicode()
    cited = List()  # keys cited, in order; per instance

    def preprocess_cell(self, cell, resources, index):
        """Fill a markdown cell's prose; give a code cell its figure and table blocks as its only outputs."""
        # ``index`` counts only the cells left after hidden ones are removed: name the cell as the source has it.
        where = f"{self.notebook}, cell {cell.metadata.get(SOURCE_INDEX, index)}"
        if cell.cell_type == "markdown":
            link = self.catalogue.link if self.catalogue is not None else None
            text = fill_xrefs(fill_values(cell.source, self.values, where, link), self.labels, where)
            for key in cited_keys(text):
                if key not in self.bib_keys:
                    raise ReportError(f"{where}: unknown citation key @{key}: not in references.bib")
                self.cited.append(key)
            cell.source = text
        elif cell.cell_type == "code":
            blocks = []
            for output in cell.get("outputs", []):
                record = (output.get("data") or {}).get(MIME)
                if not record or record["kind"] not in ("figure", "table"):
                    continue
                label = record["name"]
                number = self.labels[label]
                if record["kind"] == "figure":
                    blocks.append(figure_block(label, number, record, Path(self.output_dir)))
                else:
                    traces = self.catalogue.traces if self.catalogue is not None else None
                    block, keys = table_block(label, number, record, Path(self.output_dir), self.bib_keys, traces)
                    self.cited += keys
                    blocks.append(block)
            cell.outputs = [
                {"output_type": "display_data", "metadata": {}, "data": {"text/markdown": block}} for block in blocks
            ]
        return cell, resources


def notebook_markdown(name: str, nb: dict, cat: Catalogue, output_dir: Path, bib_keys: set[str]) -> tuple[str, list[str]]:
    """Convert one executed notebook to Markdown with nbconvert; return the text and the keys it cites."""
    import nbformat

    node = nbformat.reads(json.dumps(nb), as_version=4)
    # Number each cell as in the notebook an author edits: papermill's injected-parameters cell is not there.
    position = 0
    for cell in node.cells:
        if INJECTED_TAG not in cell.metadata.get("tags", []):
            cell.metadata[SOURCE_INDEX] = position
            position += 1
    records = RecordsToMarkdown(
        values=cat.values, labels=cat.labels, output_dir=str(output_dir), bib_keys=bib_keys, notebook=name,
        catalogue=cat,
    )
    exporter = MarkdownExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=set(HIDDEN_TAGS), enabled=True),
                                   enabled=True)
    exporter.register_preprocessor(records, enabled=True)
    body, _ = exporter.from_notebook_node(node)
    return body.strip() + "\n", records.cited
