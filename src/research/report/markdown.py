"""Safe Pandoc Markdown from data: escaping, pipe tables, values and cross-references in prose."""

from __future__ import annotations

import re

from research.errors import ReportError

_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>@$~^&\"'=:;,?%/])")
VALUE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
XREF = re.compile(r"(?<![\w@\\])@((?:fig|tbl)-[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*)")
CITE_KEY = re.compile(r"(?<![\w\\])@([A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*)")


def escape(text) -> str:
    """Backslash-escape every ASCII punctuation mark so that data text is read by Pandoc as literal text."""
    text = " ".join(str(text).split())
    return _PUNCT.sub(r"\\\1", text)


def fill_values(text: str, values: dict[str, str], where: str, link=None) -> str:
    """Replace each ``{{name}}`` with its recorded text (escaped); ``link(name, markdown)``, when given, may wrap
    that text (in a link to the value's trace) and returns the Markdown to use.

    Raises
    ------
    ReportError
        For a name no notebook recorded, naming ``where`` (notebook and cell).
    """

    def replace(match):
        name = match.group(1)
        if name not in values:
            raise ReportError(f"{where}: unknown value name {{{{{name}}}}}: no notebook recorded it with glue()")
        text = escape(values[name])
        return link(name, text) if link else text

    return VALUE.sub(replace, text)


def fill_xrefs(text: str, labels: dict[str, str], where: str, href=None) -> str:
    """Replace ``@fig-x`` / ``@tbl-x`` with a link reading e.g. "Figure 5"; ``href(label)``, when given, says
    where the link goes (another document's figure), else to ``#label`` on this page.

    Raises
    ------
    ReportError
        For a label that no figure or table carries.
    """

    def replace(match):
        label = match.group(1)
        if label not in labels:
            raise ReportError(f"{where}: unknown cross-reference @{label}: no figure or table has that label")
        return f"[{labels[label]}]({href(label) if href else '#' + label})"

    return XREF.sub(replace, text)


def cited_keys(text: str) -> list[str]:
    """Citation keys used in Pandoc Markdown text (``[@a; @b, p. 3]`` or bare ``@a``), in order of use."""
    keys = []
    for match in CITE_KEY.finditer(text):
        key = match.group(1).rstrip(".:;,?!")
        keys.append(key)
    return keys


def pipe_table(header: list[str], rows: list[list[str]], weights: list[float] | None = None) -> str:
    """A Pandoc pipe table whose cells are already Markdown (escape data before calling); with ``weights``, its
    columns take those shares of the width (:func:`research.report.layout.column_weights`)."""
    from research.report.layout import separator

    rule = separator(weights) if weights else "|" + "|".join("---" for _ in header) + "|"
    lines = ["| " + " | ".join(header) + " |", rule]
    lines += ["| " + " | ".join(cell if cell else " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[*_])")


def value_sentences(text: str) -> dict[str, str]:
    """The first sentence of ``text`` (prose with ``{{name}}`` slots) in which each value name appears, unfilled."""
    out: dict[str, str] = {}
    for sentence in _SENTENCE_END.split(" ".join(str(text).split())):
        for name in VALUE.findall(sentence):
            out.setdefault(name, sentence)
    return out


def fill_plain(sentence: str, values: dict[str, str], mark=None) -> str:
    """A sentence with its ``{{name}}`` slots filled with plain text (``mark(name, text)`` may dress each one)."""

    def replace(match):
        text = values.get(match.group(1), "?")
        return mark(match.group(1), text) if mark else text

    return VALUE.sub(replace, sentence)
