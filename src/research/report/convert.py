"""Executed section notebooks to Pandoc Markdown with nbconvert: prose filled in, figures and tables as blocks."""

# Markdown cells keep their prose (values filled in, cross-references resolved, citation keys checked); code is
# hidden; each recorded figure or table becomes a numbered, captioned block; every other output is dropped.

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from nbconvert.exporters import MarkdownExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from traitlets import Dict, Instance, List, Set, Unicode

from research.errors import ReportError
from research.nb.cells import HIDDEN_TAGS, INJECTED_TAG
from research.nb.glue import MIME, alt_problem, read_records
from research.report.blocks import figure_block, table_block
from research.report.markdown import cited_keys, escape, fill_values, fill_xrefs
from research.report.trace import collect, use_anchor
from research.report.trace_appendix import sentence_links, value_link

SOURCE_INDEX = "research_source_index"  # transient cell metadata: the cell's index in the source notebook
# A cell tagged so goes to the supplement (output/supplement.html), not the paper: the provenance a reader of the
# paper follows by a link but would not print (full codebook tables, the incident table).
SUPPLEMENT_TAG = "supplement"
PAPER, SUPPLEMENT = "paper", "supplement"
DOCUMENT_FILES = {PAPER: "paper.html", SUPPLEMENT: "supplement.html"}


def in_supplement(cell: dict) -> bool:
    """Whether a notebook cell (as read from JSON, or a node) is tagged for the supplement."""
    return SUPPLEMENT_TAG in ((cell.get("metadata") or {}).get("tags") or [])


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
    # values the prose has shown, so far, and the document of their first use (which carries the id)
    used: dict = field(default_factory=dict)
    placement: dict = field(default_factory=dict)  # figure or table label -> PAPER or SUPPLEMENT
    document: str = PAPER  # the document being written (the trace entries are in the supplement)

    def file_of(self, document: str) -> str:
        """What a link from the document being written puts before ``#`` to reach ``document``: nothing in-page,
        else the other document's file name (relative: the output folder works opened or published whole)."""
        return "" if document == self.document else DOCUMENT_FILES[document]

    def href(self, document: str, anchor: str) -> str:
        """A link from the document being written to ``anchor`` in ``document``."""
        return f"{self.file_of(document)}#{anchor}"

    def link(self, name: str, text_md: str) -> str:
        """A value shown in the prose, as a link to its trace (the first time with the id the trace links back to);
        a sentence with each value it uses so linked (:func:`research.report.trace_appendix.sentence_links`), the
        first time after an empty span with the id its own trace links back to."""
        trace = self.traces.get(name)
        if trace is None or trace.kind not in ("value", "sentence"):
            return text_md
        first = name not in self.used
        if first:
            self.used[name] = self.document
        if trace.kind == "value":
            return value_link(text_md, trace, first, self.file_of(SUPPLEMENT))
        uses = [(used, escape(self.values[used])) for used in trace.uses if used in self.values]
        return sentence_links(text_md, uses, self.link, use_anchor(name) if first else "")


def catalogue(notebooks: list[tuple[str, dict]]) -> Catalogue:
    """Collect every record of the executed notebooks and number figures and tables in reading order.

    Raises
    ------
    ReportError
        If two notebooks record the same value name with different text, reuse a figure or table label, record
        a figure whose alt text is missing or names no number, or a sentence that uses a name recorded as no value
        (a notebook run outside the build).
    """
    cat = Catalogue()
    counters = {(kind, place): 0 for kind in ("figure", "table") for place in (PAPER, SUPPLEMENT)}
    recorded, uses = set(), []  # value names; (notebook, sentence, value it uses)
    for name, nb in notebooks:
        cat.parameters[name] = nb.get("metadata", {}).get("papermill", {}).get("parameters", {})
        cells = nb.get("cells", [])
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
                place = SUPPLEMENT if in_supplement(cells[record["cell"]]) else PAPER
                counters[kind, place] += 1
                # the supplement's own numbering (Table S1), so the paper's tables are numbered without gaps
                cat.labels[label] = f"{kind.capitalize()} {'S' if place == SUPPLEMENT else ''}{counters[kind, place]}"
                cat.placement[label] = place
                cat.producers[label] = name
                cat.items[label] = record
            elif kind == "inputs":
                cat.inputs.setdefault(name, {}).update(record["files"])
            if kind == "value":
                recorded.add(record["name"])
            elif kind == "sentence":
                uses += [(name, record["name"], used) for used in record.get("uses") or ()]
    for notebook, sentence, used in uses:
        if used not in recorded:
            raise ReportError(f"{notebook}: sentence {sentence!r} uses {used!r}, which no notebook recorded as a value "
                              "with glue(): name the values the sentence shows")
    cat.traces = collect(notebooks)
    return cat


class RecordsToMarkdown(Preprocessor):
    """Fill values and cross-references into prose; replace recorded figures and tables with Markdown blocks."""

    values = Dict()
    labels = Dict()
    catalogue = Instance(Catalogue, allow_none=True)
    output_dir = Unicode()
    bib_keys = Set()
    notebook = Unicode()
    cited = List()  # keys cited, in order; per instance
    supplement = List()  # the Markdown of the cells tagged for the supplement, in order; per instance

    def preprocess_cell(self, cell, resources, index):
        """Fill a markdown cell's prose; give a code cell its figure and table blocks as its only outputs; move a
        cell tagged for the supplement into :attr:`supplement` (what it would have printed), leaving it empty."""
        # ``index`` counts only the cells left after hidden ones are removed: name the cell as the source has it.
        where = f"{self.notebook}, cell {cell.metadata.get(SOURCE_INDEX, index)}"
        cat = self.catalogue
        moved = in_supplement(cell)
        if cat is not None:
            cat.document = SUPPLEMENT if moved else PAPER
        if cell.cell_type == "markdown":
            link = cat.link if cat is not None else None
            href = (lambda label: cat.href(cat.placement.get(label, PAPER), label)) if cat is not None else None
            text = fill_xrefs(fill_values(cell.source, self.values, where, link), self.labels, where, href)
            for key in cited_keys(text):
                if key not in self.bib_keys:
                    raise ReportError(f"{where}: unknown citation key @{key}: not in references.bib")
                self.cited.append(key)
            cell.source = text
            if moved:
                self.supplement.append(text)
                cell.source = ""
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
                    traces = cat.traces if cat is not None else None
                    entries = cat.file_of(SUPPLEMENT) if cat is not None else ""
                    block, keys = table_block(label, number, record, Path(self.output_dir), self.bib_keys, traces,
                                              entries)
                    self.cited += keys
                    blocks.append(block)
            if moved:
                self.supplement.extend(blocks)
                blocks = []
            cell.outputs = [
                {"output_type": "display_data", "metadata": {}, "data": {"text/markdown": block}} for block in blocks
            ]
        return cell, resources


def notebook_markdown(name: str, nb: dict, cat: Catalogue, output_dir: Path,
                      bib_keys: set[str]) -> tuple[str, str, list[str]]:
    """Convert one executed notebook to Markdown with nbconvert; return the paper's text, the supplement's (the
    cells tagged ``supplement``) and the keys both cite."""
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
    cat.document = PAPER
    moved = "\n\n".join(records.supplement).strip()
    return body.strip() + "\n", (moved + "\n" if moved else ""), records.cited
