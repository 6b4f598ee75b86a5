"""The supplement (output/supplement.html): every number's trace, the data rows, the full tables, how it was built."""

from __future__ import annotations

import json
import re
from pathlib import Path

from research import paths
from research.engine.parameters import PATH_PARAMETERS
from research.report import edition
from research.report.edition import TITLE
from research.report.markdown import escape, pipe_table

SUPPLEMENT_TITLE = f"Supplement to {TITLE}"
_HEADING = re.compile(r"^(#{2,6})\s+(.+?)\s*(\{[^}]*\})?\s*$", re.MULTILINE)


def _display_path(path: str, data_dir: Path, references: Path) -> str:
    p = paths.from_portable(path)
    if p == Path(references):
        return p.name
    try:
        return f"{data_dir.name}/{p.relative_to(data_dir)}"
    except ValueError:
        return p.name


def provenance_markdown(cat, data_dir: Path, references: Path, commit: str, versions: dict) -> str:
    """The section "How this report was built": for each figure and table its producer, inputs with SHA-256 and
    parameters; versions; commit. Written for the supplement: an item of the paper links to the paper."""
    lines = ["## How this report was built {#how-built .unnumbered}", ""]
    lines.append(
        "Every figure, table and number of the paper was computed by the notebook named below from the input files "
        "listed, whose SHA-256 digests identify the exact bytes read. The build re-runs a notebook only when one of "
        "these inputs, its parameters, the package source or the dependency versions change."
    )
    lines.append("")
    rows, digests = [], {}
    for label, number in cat.labels.items():
        producer = cat.producers[label]
        inputs = cat.inputs.get(producer, {})
        files = "; ".join(escape(_display_path(p, data_dir, references)) for p in sorted(inputs))
        for p, digest in inputs.items():
            digests[_display_path(p, data_dir, references)] = digest
        params = cat.parameters.get(producer, {})
        shown = ", ".join(f"{k}={v}" for k, v in sorted(params.items()) if k not in PATH_PARAMETERS)
        target = cat.href(cat.placement.get(label, "paper"), label)
        rows.append([f"[{escape(number)}]({target})", escape(producer), files or "none", escape(shown or "defaults")])
    lines.append(pipe_table(["Item", "Notebook", "Inputs", "Parameters"], rows))
    lines += ["", ": Producer, inputs and parameters of every figure and table.", ""]
    lines.append(pipe_table(["Input file", "SHA-256"], [[escape(f), f"`{d}`"] for f, d in sorted(digests.items())]))
    lines += ["", ": The exact bytes read: SHA-256 of every input file.", ""]
    lines.append(f"Source commit: `{commit}`.")
    lines.append("")
    lines.append(pipe_table(["Component", "Version"], [[escape(k), escape(v)] for k, v in versions.items()]))
    lines += ["", ": Software versions used for this build.", ""]
    return "\n".join(lines)


def _metadata(commit: str, when) -> str:
    meta = {
        "title": SUPPLEMENT_TITLE,
        "subtitle": "Where each number comes from, the full tables, and how the edition was built",
        "author": edition.AUTHORS,
        "date": edition.edition_line(commit, when),
        "lang": "en",
        "link-citations": True,
        "toc-title": "Contents",
        "pagetitle": SUPPLEMENT_TITLE,
    }
    return "---\n" + "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()) + "\n---\n"


def _unappended(title: str) -> str:
    """A section title without the paper's "Appendix: " (the supplement is no appendix), capitalised."""
    title = title.removeprefix("Appendix: ")
    return title[:1].upper() + title[1:]


def _with_heading(paper_part: str, moved: str) -> str:
    """A notebook's moved cells, under a heading of their own when they do not start with one: the heading of the
    notebook's part in the paper, which says what they belong to."""
    found = _HEADING.match(moved.lstrip())
    if found and found.group(1) == "##":
        attributes = f" {found.group(3)}" if found.group(3) else ""
        return _HEADING.sub(f"## {_unappended(found.group(2))}{attributes}\n\n", moved.lstrip(), count=1)
    found = _HEADING.search(paper_part)
    title = _unappended(found.group(2)) if found else "From the paper"
    return f"## {title}: the full tables {{.unnumbered}}\n\n{moved}"


def supplement_markdown(moved: list, cat, data_dir: Path, references: Path, bib_keys: set,
                        provenance) -> tuple[str, list[str]]:
    """The supplement as Pandoc Markdown, and the citation keys it cites.

    Parameters
    ----------
    moved : list of (str, str)
        Per notebook that has cells tagged ``supplement``: its part of the paper and its moved cells' Markdown.
    cat : research.report.convert.Catalogue
        The build's records, after the paper was converted (so its ``used`` says where each value is shown).
    data_dir, references : Path
        What the build read (the appendix names the data rows and the input files).
    bib_keys : set of str
    provenance : research.repro.provenance.Provenance
    """
    from research.data.rows import read_index
    from research.report.convert import SUPPLEMENT
    from research.report.trace_appendix import appendix_markdown

    cat.document = SUPPLEMENT
    parts = [_metadata(provenance.commit, provenance.when),
             f"This supplement accompanies [the paper](paper.html) ({escape(TITLE)}). Each number of the paper links "
             "to its entry here, and each entry links back to the place it is used. It also holds the full tables a "
             "reader of the paper follows by a link rather than prints, and how this edition was built.", ""]
    parts += [_with_heading(paper_part, extra) + "\n" for paper_part, extra in moved]
    where_md, cited = appendix_markdown(cat.traces, read_index(data_dir), bib_keys, cat.used, cat.labels,
                                        cat.placement)
    parts += [where_md, ""]
    parts.append(provenance_markdown(cat, data_dir, references, provenance.commit, provenance.versions))
    parts += ["", "## References {#references .unnumbered}", "", "::: {#refs}", ":::", ""]
    cat.document = "paper"
    return "\n".join(parts), cited
