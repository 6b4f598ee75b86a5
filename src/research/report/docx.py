"""The Word version for reviewers who comment in Word: the report's Markdown through Pandoc to DOCX.

Same text, citations (citeproc, same bibliography and style) and figures as the HTML; the figures are their PNG
renderings, each with its alt text on the picture and its numbered caption below. The HTML's figures are raw-HTML
blocks that Pandoc's DOCX writer would drop: a Lua filter (docx_figures.lua) puts each figure in its place, from the
records handed to Pandoc as metadata.
"""

from __future__ import annotations

import base64
import json
import re
import tempfile
from pathlib import Path

from research.errors import ReportError
from research.report.markdown import escape
from research.report.stamp import source_date

# Implicit figures off: the picture's description is then its alt text (Pandoc would put the caption there).
DOCX_FORMAT = "markdown-implicit_figures"
FIGURE_FILTER = Path(__file__).with_name("docx_figures.lua")
FIGURES_FIELD = "research-figures"  # the metadata field the filter reads (and removes)
EARLIEST_ZIP_EPOCH = 315532800  # 1 January 1980, the earliest date a ZIP entry can hold: the date of an undated build
# A4 with the PDF's margins (22 mm top and bottom, 18 mm at the sides), in twentieths of a point: Pandoc's DOCX names
# no page size, so Word would use its locale's (US Letter in the US).
A4_SECTION = (b'<w:sectPr><w:pgSz w:w="11906" w:h="16838" /><w:pgMar w:top="1247" w:right="1020" w:bottom="1247" '
              b'w:left="1020" w:header="709" w:footer="709" w:gutter="0" /></w:sectPr>')


def figure_record(number: str, record: dict, source: str) -> dict:
    """What the DOCX shows of one figure, as Markdown the filter reads literally (every punctuation mark escaped).

    ``alt`` is the picture's description, ``caption`` its numbered caption (naming the figure's CSV beside the report
    when it wrote one), ``src`` the picture's address (a data URI, so that a sandboxed Pandoc reads no file).
    """
    csv_file = record.get("files", {}).get("csv")
    data = f" Data of this figure: {escape(csv_file)} (CSV, beside the report)." if csv_file else ""
    return {"alt": escape(record["alt"]), "caption": f"**{escape(number)}.** {escape(record['caption'])}{data}",
            "src": escape(source)}


def docx_figures(labels: dict, figures: dict, output_dir: Path) -> dict:
    """:func:`figure_record` of every recorded figure, by label, its PNG read from ``output_dir`` as a data URI."""
    out = {}
    for label, record in figures.items():
        png = (Path(output_dir) / record["files"]["png"]).read_bytes()
        out[label] = figure_record(labels[label], record, "data:image/png;base64," + base64.b64encode(png).decode())
    return out


_SECTION = re.compile(r"^## (.+?)(?:\s+\{([^}]*)\})?\s*$", re.MULTILINE)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def heading_id(text: str) -> str:
    """The identifier Pandoc gives a heading without one (its ``auto_identifiers`` rules)."""
    plain = _LINK.sub(r"\1", text).replace("\\", "")
    kept = "".join(c for c in plain if c.isalnum() or c in "_-. ").strip().replace(" ", "-").lower()
    kept = re.sub(r"^[^a-z]+", "", kept)
    return kept or "section"


def contents_markdown(markdown: str) -> str:
    """A table of contents as Markdown links to the sections (the ``##`` headings): Word shows it as it is, where
    the contents field Pandoc writes is empty until the reader agrees to update the document's fields."""
    entries, seen = [], {}
    for title, attributes in _SECTION.findall(markdown):
        given = re.search(r"#([\w:.-]+)", attributes or "")
        ident = given.group(1) if given else heading_id(title)
        if not given and ident in seen:  # Pandoc numbers a repeated identifier: x, x-1, x-2
            seen[ident] += 1
            ident = f"{ident}-{seen[ident]}"
        seen.setdefault(ident, 0)
        shown = _LINK.sub(r"\1", title)
        entries.append(f"- [{shown}](#{ident})")
    return '::: {custom-style="TOC Heading"}\nContents\n:::\n\n' + "\n".join(entries) + "\n"


def docx_markdown(markdown: str) -> str:
    """``markdown`` (the report as rendered for HTML) with a table of contents of linked headings after the title
    block (:func:`contents_markdown`); its figure blocks are left to the filter (:func:`to_docx`)."""
    head, sep, rest = markdown.partition("\n---\n")  # the title metadata block ends at its second rule
    return head + sep + "\n" + contents_markdown(markdown) + "\n" + rest if sep else contents_markdown(markdown) + markdown


def to_docx(markdown: str, references: Path, csl: Path | None, resource_dir: Path, epoch: int | None,
            figures: dict | None = None) -> bytes:
    """Render the DOCX with Pandoc; return its bytes.

    ``figures`` (:func:`docx_figures`) are put in place of their raw-HTML blocks by the Lua filter
    ``docx_figures.lua``, which stops Pandoc (a :class:`ReportError` here) when a figure has no block in
    ``markdown`` or a block no figure.

    Pandoc stamps the document's properties and every ZIP entry with ``SOURCE_DATE_EPOCH`` when it is set, and with
    the clock otherwise: the build's date (``epoch``, from the commit) is used, or 1 January 1980 for an undated
    build, so two builds of one commit write the same bytes. Pandoc also writes the ``bibliography`` it was given
    into the document's properties: it is named by file name alone (Pandoc runs in its folder), so that the bytes do
    not depend on where the checkout is.
    """
    from research.report.links import check_docx_targets
    from research.report.sandbox import run_pandoc

    references = Path(references).resolve()
    resource_dir = Path(resource_dir).resolve()
    if csl:
        csl = Path(csl).resolve()
    # Sandboxed, as for the HTML: Pandoc reads the files its command line names and nothing else (the pictures come
    # as data URIs), and the document is checked to link only to web addresses.
    args = [
        "--sandbox", "--standalone", "--citeproc", f"--bibliography={references.name}",
        "--metadata=link-citations:true", f"--lua-filter={FIGURE_FILTER}",
    ]
    if csl:
        args.append(f"--csl={csl}")
    stamp = epoch if epoch is not None else EARLIEST_ZIP_EPOCH
    try:
        # beside the report being built (the build's staging folder), never in the system's temporary folder
        with source_date(stamp, replace=True), tempfile.TemporaryDirectory(prefix=".docx-", dir=resource_dir) as tmp:
            target, metadata = Path(tmp) / "paper.docx", Path(tmp) / "figures.json"
            metadata.write_text(json.dumps({FIGURES_FIELD: figures or {}}), encoding="utf-8")
            run_pandoc(markdown, "docx", DOCX_FORMAT, [*args, f"--metadata-file={metadata}", f"--output={target}"],
                       cwd=str(references.parent))
            return check_docx_targets(_restamp(target.read_bytes(), stamp))
    except RuntimeError as exc:
        raise ReportError(f"pandoc could not render the DOCX: {exc}") from None


def on_a4(document_xml: bytes) -> bytes:
    """A DOCX's ``word/document.xml`` set on A4 pages: its last section's size and margins, or one A4 section."""
    if b"<w:sectPr" in document_xml:
        return re.sub(rb"<w:sectPr\b.*?</w:sectPr>(?!.*<w:sectPr)", A4_SECTION, document_xml, flags=re.S)
    return document_xml.replace(b"</w:body>", A4_SECTION + b"</w:body>")


TABLE_TEXT = b'<w:rPr><w:sz w:val="16" /><w:szCs w:val="16" /></w:rPr>'  # 8 pt, as near the PDF's 7.5 pt as Word goes


def small_tables(styles_xml: bytes) -> bytes:
    """A DOCX's ``word/styles.xml`` with table text at 8 pt (Pandoc's "Table" style), so that columns sized for the
    printed tables hold their words in Word too, where the body's 12 pt would break them mid-word."""
    return re.sub(rb'(<w:style\b[^>]*w:styleId="Table"[^>]*>.*?)(<w:tblPr\b)', rb"\1" + TABLE_TEXT + rb"\2",
                  styles_xml, count=1, flags=re.S)


def _restamp(data: bytes, epoch: int) -> bytes:
    """The DOCX with the build's date in its properties and on every ZIP entry, on A4 pages.

    A sandboxed Pandoc reads no environment, so it dates the document 1 January 1970 (and its entries 1980)
    whatever ``SOURCE_DATE_EPOCH`` says; the date is put in afterwards, the same bytes for the same epoch.
    """
    import datetime as dt
    import io
    import zipfile

    moment = dt.datetime.fromtimestamp(epoch, dt.UTC)
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = content.replace(b"1970-01-01T00:00:00Z", stamp)
            elif info.filename == "word/document.xml":
                content = on_a4(content)
            elif info.filename == "word/styles.xml":
                content = small_tables(content)
            entry = zipfile.ZipInfo(info.filename, date_time=moment.timetuple()[:6])
            entry.compress_type, entry.external_attr = info.compress_type, info.external_attr
            target.writestr(entry, content)
    return out.getvalue()
