"""The Word version for reviewers who comment in Word: the report's Markdown through Pandoc to DOCX.

Same text, citations (citeproc, same bibliography and style) and figures as the HTML; the figures are their PNG
renderings, each with its alt text on the picture and its numbered caption below. The HTML's figures are raw-HTML
blocks that Pandoc's DOCX writer would drop, so each is swapped for a Markdown picture first.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from research.errors import ReportError
from research.report.convert import figure_block
from research.report.markdown import escape

# Implicit figures off: the picture's description is then its alt text (Pandoc would put the caption there).
DOCX_FORMAT = "markdown-implicit_figures"
EARLIEST_ZIP_EPOCH = 315532800  # 1 January 1980, the earliest date a ZIP entry can hold: the date of an undated build


def figure_markdown(label: str, number: str, record: dict) -> str:
    """A figure for the DOCX: the PNG with the alt text as its description, and a numbered caption paragraph."""
    return (
        f"::: {{#{label} .report-figure}}\n"
        f"![{escape(record['alt'])}]({record['files']['png']})\n\n"
        '::: {custom-style="Image Caption"}\n'
        f"**{escape(number)}.** {escape(record['caption'])}\n"
        ":::\n"
        ":::"
    )


def docx_markdown(markdown: str, labels: dict, figures: dict, output_dir: Path) -> str:
    """``markdown`` (the report as rendered for HTML) with every figure block swapped for :func:`figure_markdown`.

    Raises
    ------
    ReportError
        If a recorded figure's block is not in the Markdown (it would be missing from the DOCX).
    """
    for label, record in figures.items():
        block = figure_block(label, labels[label], record, output_dir)
        if block not in markdown:
            raise ReportError(f"figure {label}: its block is not in the report's Markdown, so the DOCX would lack it")
        markdown = markdown.replace(block, figure_markdown(label, labels[label], record))
    return markdown


def to_docx(markdown: str, references: Path, csl: Path | None, resource_dir: Path, epoch: int | None) -> bytes:
    """Render the DOCX with Pandoc; return its bytes.

    Pandoc stamps the document's properties and every ZIP entry with ``SOURCE_DATE_EPOCH`` when it is set, and with
    the clock otherwise: the build's date (``epoch``, from the commit) is used, or 1 January 1980 for an undated
    build, so two builds of one commit write the same bytes. Pandoc also writes the ``bibliography`` it was given
    into the document's properties: it is named by file name alone (Pandoc runs in its folder), so that the bytes do
    not depend on where the checkout is.
    """
    import pypandoc

    references = Path(references).resolve()
    resource_dir = Path(resource_dir).resolve()
    if csl:
        csl = Path(csl).resolve()
    args = [
        "--standalone", "--citeproc", "--toc", "--toc-depth=2", f"--bibliography={references.name}",
        f"--resource-path={resource_dir}", "--metadata=link-citations:true",
    ]
    if csl:
        args.append(f"--csl={csl}")
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch if epoch is not None else EARLIEST_ZIP_EPOCH)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "paper.docx"
            pypandoc.convert_text(markdown, "docx", format=DOCX_FORMAT, extra_args=args, outputfile=str(target),
                                  cworkdir=str(references.parent))
            return target.read_bytes()
    except RuntimeError as exc:
        raise ReportError(f"pandoc could not render the DOCX: {exc}") from None
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
