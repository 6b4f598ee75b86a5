"""Render the report: title block, sections, references and provenance appendix as Markdown, then HTML and PDF."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from research.engine.parameters import notebook_parameters
from research.errors import ReportError
from research.report import edition
from research.report.edition import AUTHORS, TITLE
from research.report.markdown import cited_keys, fill_values

STYLE_FILE = Path(__file__).with_name("report.css")
ABSTRACT_FILE = "abstract.md"
APPENDIX_PREFIX = "9"  # section notebooks numbered 90-99 are appendices: they follow the references


def is_appendix(name: str) -> bool:
    """Whether a section notebook is an appendix (printed after the references)."""
    return name.startswith(APPENDIX_PREFIX)


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


@dataclass
class Rendered:
    """The report as Pandoc Markdown: the paper, its supplement, and the citation keys both use, in order."""

    paper: str
    supplement: str
    cited: list
    paper_cited: list  # the keys the paper alone cites (citeproc's disambiguation, "n.d.-a", depends on them)


def render_markdown(notebooks, cat, notebooks_dir: Path, output_dir: Path, data_dir: Path, references: Path,
                    bib_keys: set[str], provenance) -> Rendered:
    """The paper and its supplement as Pandoc Markdown, and the citation keys they use.

    The paper holds the sections, the references and the appendices a reader prints; the supplement the provenance
    (every number's trace, the data rows, the full tables of the cells tagged ``supplement``, how it was built),
    each number of the paper linking to its entry there. ``provenance`` carries ``commit``, ``when`` (its date,
    or None) and ``versions``: the caller says what the build ran from, so the report itself knows nothing of git.
    """
    from research.report.convert import notebook_markdown
    from research.report.supplement import supplement_markdown

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
    appendices, moved = [], []
    for name, nb in notebooks:
        body, extra, keys = notebook_markdown(name, nb, cat, output_dir, bib_keys)
        cited += keys
        (appendices if is_appendix(name) else parts).extend([body, ""])
        if extra:
            moved.append((body, extra))
    parts += ["## References {#references .unnumbered}", "", "::: {#refs}", ":::", ""]
    parts.append(edition.cite_markdown(commit, when))
    parts += appendices
    for name, _ in notebooks:  # show every parameter in force: the notebook's defaults, then what the build set
        source = Path(notebooks_dir) / f"{name}.ipynb"
        defaults = notebook_parameters(source) if source.exists() else {}
        cat.parameters[name] = {**defaults, **cat.parameters.get(name, {})}
    supplement, keys = supplement_markdown(moved, cat, data_dir, references, bib_keys, provenance)
    paper = "\n".join(parts)
    return Rendered(paper, supplement, cited + keys, [k for k in dict.fromkeys(cited_keys(paper)) if k in bib_keys])


def to_html(markdown: str, references: Path, csl: Path | None, resource_dir: Path) -> str:
    """Render the Markdown to one self-contained HTML page with Pandoc's citeproc, sandboxed.

    ``--sandbox`` lets Pandoc read only the files its command line names (the bibliography, the style), so no field
    of references.bib can pull a file into the page; the stylesheet goes in as text, and figures are put in
    afterwards (:func:`research.report.blocks.embed_figures`). The page is then checked to point nowhere but to
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


# Chinese and Japanese text (titles of laws, quotations) goes in a span that says its language, for screen readers and
# the tagged PDF, and that report.css sets in a CJK font (Noto CJK, which `make` installs): the body fonts have no
# such glyphs. A run with kana is Japanese; a run of Han characters alone is taken as Chinese unless its text node
# has kana (our Japanese titles mix them).
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")


def mark_cjk(html_text: str) -> str:
    """The page with each run of CJK text (outside tags, scripts and styles) wrapped in
    ``<span class="cjk" lang="zh">`` (``"ja"`` where its text node has kana).

    The text nodes are found with html.parser (:func:`research.report.page.read_page`); everything else of the
    page is kept byte for byte.
    """
    from research.report.page import read_page

    if not _CJK.search(html_text):
        return html_text
    pieces, done = [], 0
    for start, end in read_page(html_text).text_runs:
        text = html_text[start:end]
        if not _CJK.search(text):
            continue
        span = '<span class="cjk" lang="%s">\\g<0></span>' % ("ja" if _KANA.search(text) else "zh")
        pieces += [html_text[done:start], _CJK.sub(span, text)]
        done = end
    pieces.append(html_text[done:])
    return "".join(pieces)


PDF_VARIANT = "pdf/ua-1"  # a tagged PDF: structure tree, /MarkInfo, the document's language, alt text on figures


def to_pdf(html_text: str, base_url: Path | None, epoch: int | None = None) -> bytes:
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
        # Without a base address, a relative link (to the supplement) stays relative in the PDF.
        base = str(base_url) if base_url is not None else None
        return HTML(string=mark_cjk(html_text), base_url=base, url_fetcher=fetcher).write_pdf(
            identifier=identifier, pdf_variant=PDF_VARIANT)
