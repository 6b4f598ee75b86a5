"""What the rendered page may point to: in-page anchors, the edition's other page, http, https or doi links."""

# Pandoc runs sandboxed (it reads no file the command line does not name) and references.bib is checked field by field
# before a build, so a bibliography cannot put a ``javascript:`` link or a local file into the report. This is the
# last check, on the HTML itself, which the PDF is printed from: every link target and every resource is looked at.

from __future__ import annotations

import re

from research.data.bibcheck import safe_target
from research.errors import ReportError
from research.report.page import LINK_ATTRIBUTES, read_page

# A figure's data table, written by the build beside the report under the figure's own label (never from data).
FIGURE_DATA = re.compile(r"tables/fig-[a-z0-9-]+\.csv")
# The paper and its supplement link to each other by relative address (an anchor in the other file of the output
# folder), so the links work wherever the folder is opened or published; no other file may be named.
SIBLING = re.compile(r"^(?:paper|supplement)\.html(?:#[A-Za-z0-9_:.-]*)?$")


def allowed_target(value: str) -> bool:
    """Whether a link may go to ``value``: an in-page anchor, the other page of the edition, or a web address."""
    return (value.startswith("#") or bool(SIBLING.match(value)) or bool(FIGURE_DATA.fullmatch(value))
            or safe_target(value))


def unsafe_targets(html_text: str) -> list[str]:
    """Every link target or resource in ``html_text`` that is neither an in-page anchor nor a web link.

    Links may go to ``#anchor``, ``http``, ``https`` or ``doi`` addresses, or to a figure's data table beside the
    report (``tables/fig-<label>.csv``, :data:`FIGURE_DATA`); a page about to be given its figures
    loads nothing, so any resource attribute (``src`` and the like) is reported.
    """
    bad = []
    for tag, name, value in read_page(html_text).targets:
        if name in LINK_ATTRIBUTES and allowed_target(value):
            continue
        bad.append(f"<{tag} {name}={value[:80]!r}>")
    return list(dict.fromkeys(bad))


def _first_few(bad: list[str]) -> str:
    """The first three problems, and how many more, for a one-line error."""
    return ", ".join(bad[:3]) + (f" and {len(bad) - 3} more" if len(bad) > 3 else "")


def check_targets(html_text: str) -> str:
    """Return ``html_text`` if :func:`unsafe_targets` finds nothing in it.

    Raises
    ------
    ReportError
        Naming the targets found, which came from references.bib or the notebooks' prose.
    """
    bad = unsafe_targets(html_text)
    if bad:
        shown = _first_few(bad)
        raise ReportError(f"the report would point to {shown}: only in-page, http, https and doi links (and the edition's "
                          "other page) are allowed "
                          "(look for them in references.bib and the notebooks' prose)")
    return html_text


def docx_targets(data: bytes) -> list[str]:
    """Every external target of a DOCX (its relationships) that is neither an http, https or doi address nor the
    supplement beside it."""
    import io
    import xml.etree.ElementTree as ElementTree
    import zipfile

    bad = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(n for n in archive.namelist() if n.endswith(".rels")):
            try:
                root = ElementTree.fromstring(archive.read(name))
            except ElementTree.ParseError as exc:
                bad.append(f"{name}: not readable as XML ({exc})")
                continue
            for relation in root.iter():
                if not relation.tag.endswith("Relationship") or relation.get("TargetMode") != "External":
                    continue
                value = relation.get("Target", "")
                if not (SIBLING.match(value) or safe_target(value)):
                    bad.append(f"{name}: {value[:80]!r}")
    return list(dict.fromkeys(bad))


def check_docx_targets(data: bytes) -> bytes:
    """Return the DOCX ``data`` if :func:`docx_targets` finds nothing in it.

    Raises
    ------
    ReportError
    """
    bad = docx_targets(data)
    if bad:
        shown = _first_few(bad)
        raise ReportError(f"the DOCX would link to {shown}: only http, https and doi links are allowed "
                          "(look for them in references.bib and the notebooks' prose)")
    return data
