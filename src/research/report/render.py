"""Render the report: title block, sections, references and provenance appendix as Markdown, then HTML and PDF."""

from __future__ import annotations

import json
import re
from pathlib import Path

from research import paths
from research.engine.parameters import PATH_PARAMETERS, notebook_parameters
from research.errors import ReportError
from research.report import edition
from research.report.edition import AUTHORS, TITLE
from research.report.markdown import cited_keys, escape, fill_values, pipe_table

STYLE_FILE = Path(__file__).with_name("report.css")
ABSTRACT_FILE = "abstract.md"
APPENDIX_PREFIX = "9"  # section notebooks numbered 90-99 are appendices: they follow the references


def is_appendix(name: str) -> bool:
    """Whether a section notebook is an appendix (printed after the references)."""
    return name.startswith(APPENDIX_PREFIX)


def _display_path(path: str, data_dir: Path, references: Path) -> str:
    p = paths.from_portable(path)
    if p == Path(references):
        return p.name
    try:
        return f"{data_dir.name}/{p.relative_to(data_dir)}"
    except ValueError:
        return p.name


def provenance_markdown(cat, data_dir: Path, references: Path, commit: str, versions: dict) -> str:
    """The appendix: for each figure and table its producer, inputs with SHA-256 and parameters; versions; commit."""
    lines = ["## How this report was built {#how-built .unnumbered}", ""]
    lines.append(
        "Every figure, table and number above was computed by the notebook named below from the input files listed, "
        "whose SHA-256 digests identify the exact bytes read. The build re-runs a notebook only when one of these "
        "inputs, its parameters, the package source or the dependency versions change."
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
        rows.append([f"[{escape(number)}](#{label})", escape(producer), files or "none", escape(shown or "defaults")])
    lines.append(pipe_table(["Item", "Notebook", "Inputs", "Parameters"], rows))
    lines += ["", ": Producer, inputs and parameters of every figure and table.", ""]
    lines.append(pipe_table(["Input file", "SHA-256"], [[escape(f), f"`{d}`"] for f, d in sorted(digests.items())]))
    lines += ["", ": The exact bytes read: SHA-256 of every input file.", ""]
    lines.append(f"Source commit: `{commit}`.")
    lines.append("")
    lines.append(pipe_table(["Component", "Version"], [[escape(k), escape(v)] for k, v in versions.items()]))
    lines += ["", ": Software versions used for this build.", ""]
    return "\n".join(lines)


def title_metadata(commit: str, when, abstract: str) -> str:
    """YAML metadata block (JSON strings, which YAML accepts) for Pandoc's title block."""
    meta = {
        "title": TITLE,
        "subtitle": "A reproducible edition built from data",
        "author": AUTHORS,
        "date": edition.edition_line(commit, when),
        "abstract": abstract,
        "lang": "en",
        "link-citations": True,
        "toc-title": "Contents",
        "pagetitle": TITLE,
    }
    return "---\n" + "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()) + "\n---\n"


def render_markdown(notebooks, cat, notebooks_dir: Path, output_dir: Path, data_dir: Path, references: Path,
                    bib_keys: set[str], provenance) -> tuple[str, list[str]]:
    """The whole report as Pandoc Markdown and the citation keys it uses, in order.

    ``provenance`` carries ``commit``, ``when`` (its date, or None) and ``versions``: the caller says what
    the build ran from, so the report itself knows nothing of git.
    """
    from research.report.convert import notebook_markdown

    commit, when = provenance.commit, provenance.when
    abstract_path = Path(notebooks_dir) / ABSTRACT_FILE
    abstract = ""
    cited: list[str] = []
    if abstract_path.exists():
        abstract = fill_values(abstract_path.read_text(encoding="utf-8"), cat.values, ABSTRACT_FILE).strip()
        for key in cited_keys(abstract):
            if key not in bib_keys:
                raise ReportError(f"{ABSTRACT_FILE}: unknown citation key @{key}: not in references.bib")
            cited.append(key)
    credit = edition.byline_markdown()
    cited += cited_keys(credit)
    parts = [title_metadata(commit, when, abstract), credit, ""]
    appendices = []
    for name, nb in notebooks:
        body, keys = notebook_markdown(name, nb, cat, output_dir, bib_keys)
        cited += keys
        (appendices if is_appendix(name) else parts).extend([body, ""])
    parts += ["## References {#references .unnumbered}", "", "::: {#refs}", ":::", ""]
    parts.append(edition.cite_markdown(commit, when))
    parts += appendices
    from research.data.rows import read_index
    from research.report.trace_appendix import appendix_markdown

    where_md, keys = appendix_markdown(cat.traces, read_index(data_dir), bib_keys, cat.used, cat.labels)
    parts += [where_md, ""]
    cited += keys
    for name, _ in notebooks:  # show every parameter in force: the notebook's defaults, then what the build set
        source = Path(notebooks_dir) / f"{name}.ipynb"
        defaults = notebook_parameters(source) if source.exists() else {}
        cat.parameters[name] = {**defaults, **cat.parameters.get(name, {})}
    parts.append(provenance_markdown(cat, data_dir, references, commit, provenance.versions))
    return "\n".join(parts), cited


def to_html(markdown: str, references: Path, csl: Path | None, resource_dir: Path) -> str:
    """Render the Markdown to one self-contained HTML page with Pandoc's citeproc, sandboxed.

    ``--sandbox`` lets Pandoc read only the files its command line names (the bibliography, the style), so no field
    of references.bib can pull a file into the page; the stylesheet goes in as text, and figures are put in
    afterwards (:func:`research.report.convert.embed_figures`). The page is then checked to point nowhere but to
    in-page anchors and http, https or doi links (:func:`research.report.links.check_targets`).
    ``resource_dir`` is kept for callers; the sandboxed page loads nothing from it.
    """
    from research.report.links import check_targets
    from research.report.sandbox import run_pandoc

    style = STYLE_FILE.read_text(encoding="utf-8")
    args = [
        "--sandbox", "--standalone", "--citeproc", "--toc", "--toc-depth=2", "--section-divs",
        f"--bibliography={references}", f"--variable=header-includes:<style>\n{style}</style>",
        "--metadata=link-citations:true", "--wrap=none",
    ]
    if csl:
        args.append(f"--csl={csl}")
    try:
        page = run_pandoc(markdown, "html5", "markdown", args)
    except RuntimeError as exc:
        raise ReportError(f"pandoc could not render the report: {exc}") from None
    return check_targets(page)


# Characters no installed font has (Chinese titles of laws, in the references and the quotations): in print they go
# in a span of their own (report.css gives it a font used for nothing else), so that the one font that lacks them,
# not the body font, carries WeasyPrint's stand-in encoding, and the body text stays extractable.
_UNSHOWN = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+")
_TEXT = re.compile(r">([^<]+)<")


def mark_unshowable(html_text: str) -> str:
    """The page with each run of CJK text (outside tags) wrapped in ``<span class="cjk" lang="zh">``."""
    def text(match):
        return ">" + _UNSHOWN.sub(lambda m: f'<span class="cjk" lang="zh">{m.group(0)}</span>', match.group(1)) + "<"

    return _TEXT.sub(text, html_text)


PDF_VARIANT = "pdf/ua-1"  # a tagged PDF: structure tree, /MarkInfo, the document's language, alt text on figures


def to_pdf(html_text: str, base_url: Path, epoch: int | None = None) -> bytes:
    """Print the HTML to a tagged PDF (PDF/UA-1) with WeasyPrint (paged-media CSS in report.css), with fixed
    identifier and dates; return it.

    fontTools stamps every embedded font subset with the current time unless ``SOURCE_DATE_EPOCH`` is set; the
    build's date (``epoch``, from the commit) is used instead, so two builds of one commit print the same bytes.
    """
    import hashlib

    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    from research.report.stamp import source_date

    identifier = hashlib.sha256(html_text.encode()).hexdigest()[:32].encode()
    with source_date(epoch):
        # Only the page's own data URIs are loaded: nothing from the file system or the network.
        fetcher = URLFetcher(allowed_protocols=("data",))
        return HTML(string=mark_unshowable(html_text), base_url=str(base_url), url_fetcher=fetcher).write_pdf(
            identifier=identifier, pdf_variant=PDF_VARIANT)
