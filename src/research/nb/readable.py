"""The notebook's prose as a reader of the notebook sees it: values filled in, citations author-date, labels named."""

# JupyterLab shows a Markdown cell as written: `{{name}}` placeholders, `[@key, p. 12]` citations and `@tbl-...`
# references that only the report's build resolves. The cell that records the values displays, under it, every
# paragraph of the notebook's prose that uses one of them, rendered here in plain Markdown. Bibliography fields and
# recorded texts come from data: they are escaped, so that none of them becomes a link or markup.

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from research import paths

VALUE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
XREF = re.compile(r"(?<![\w@\\])@((fig|tbl)-[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*)")
BRACKETED = re.compile(r"\[((?:[^\[\]]*?)@[^\[\]]+)\]")
CITE = re.compile(r"(-?)@([A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*[A-Za-z0-9_])")
_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>@$~^&\"'=:;,?%/])")


def escape(text) -> str:
    """Backslash-escape Markdown punctuation, so that text from data stays literal text."""
    return _PUNCT.sub(r"\\\1", " ".join(str(text).split()))


def _plain(value: str) -> str:
    """A BibTeX field as text: braces and LaTeX escapes of the usual accents dropped."""
    value = re.sub(r"\\[`'^\"~=.uvHckr]\{?([A-Za-z])\}?", r"\1", value)
    return " ".join(value.replace("{", "").replace("}", "").split())


def _authors(field: str) -> str:
    names = [n.strip() for n in re.split(r"\s+and\s+", field) if n.strip()]
    lasts = []
    for name in names:
        if name.startswith("{") and name.endswith("}"):  # an organisation: its whole name
            lasts.append(_plain(name))
        elif "," in name:
            lasts.append(_plain(name.split(",", 1)[0]))
        else:
            lasts.append(_plain(name).split()[-1] if _plain(name) else "")
    if len(lasts) > 2:
        return f"{lasts[0]} et al."
    return " and ".join(lasts)


def author_date(references: Path) -> dict[str, tuple[str, str]]:
    """Each bibliography key's (author, year) as an author-date citation names them (editor or title if no author)."""
    import bibtexparser

    library = bibtexparser.parse_string(Path(references).read_text(encoding="utf-8"))
    out = {}
    for entry in library.entries:
        fields = {k.lower(): str(f.value) for k, f in entry.fields_dict.items()}
        who = fields.get("author") or fields.get("editor") or fields.get("institution") or fields.get("title", "")
        year = fields.get("year") or fields.get("date", "")[:4] or "n.d."
        out[entry.key] = (_authors(who) if ("author" in fields or "editor" in fields) else _plain(who), year)
    return out


def _citation(group: str, sources: dict) -> str:
    parts = []
    for item in group.split(";"):
        match = CITE.search(item)
        if match is None:
            parts.append(escape(item.strip()))
            continue
        author, year = sources.get(match.group(2), (match.group(2), "?"))
        locator = item[match.end():].strip().lstrip(",").strip()
        cited = year if match.group(1) else f"{author} {year}"
        parts.append(escape(cited + (f", {locator}" if locator else "")))
    return "(" + "; ".join(parts) + ")"


def render(text: str, values: dict[str, str], sources: dict) -> str:
    """One Markdown paragraph of the notebook as the report reads: values, citations and cross-references filled.

    Parameters
    ----------
    text : str
        The paragraph as written in the notebook.
    values : dict of str to str
        The recorded texts by name; a name not given stays as ``{{name}}``.
    sources : dict of str to (str, str)
        :func:`author_date` of the bibliography.
    """
    text = VALUE.sub(lambda m: f"**{escape(values[m.group(1)])}**" if m.group(1) in values else m.group(0), text)
    text = BRACKETED.sub(lambda m: _citation(m.group(1), sources), text)
    text = XREF.sub(lambda m: f"{'Figure' if m.group(2) == 'fig' else 'Table'} *{m.group(1)[4:]}*", text)

    def bare(match):  # "@key says" -> "Author (Year) says"
        author, year = sources.get(match.group(2), (match.group(2), "?"))
        return escape(f"{author} ({year})")

    return CITE.sub(bare, text)


def _this_notebook(names) -> Path | None:
    """The notebook being run: JupyterLab names it (``JPY_SESSION_NAME``); papermill and nbconvert do not, so
    otherwise it is the project's section notebook whose prose uses the most of ``names``."""
    session = os.environ.get("JPY_SESSION_NAME")
    if session and session.endswith(".ipynb") and Path(session).is_file():
        return Path(session)
    best, hits = None, 0
    for notebook in sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb")):
        used = set(VALUE.findall(notebook.read_text(encoding="utf-8"))) & set(names)
        if len(used) > hits:
            best, hits = notebook, len(used)
    return best


def paragraphs_using(notebook: Path, names) -> list[str]:
    """Every paragraph of the notebook's Markdown cells that uses one of ``names`` as ``{{name}}``."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8")).get("cells", [])
    out = []
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = "".join(cell.get("source", []))
        for paragraph in re.split(r"\n\s*\n", source):
            if set(VALUE.findall(paragraph)) & set(names):
                out.append(" ".join(paragraph.split()))
    return out


def prose_markdown(values: dict[str, str]) -> str:
    """The notebook's paragraphs that use ``values``, rendered (:func:`render`), as one Markdown text.

    Citations are named from the project's ``references.bib``, the prose's own bibliography.
    """
    notebook = _this_notebook(values)
    if notebook is None:
        return ""
    try:
        sources = author_date(paths.REFERENCES)
    except (OSError, ValueError):
        sources = {}
    shown = [render(p, values, sources) for p in paragraphs_using(notebook, values)]
    if not shown:
        return ""
    head = f"*The prose of {escape(notebook.name)} that uses these values, as the report reads it:*"
    return "\n\n".join([head, *shown])


class ReadableValues(dict):
    """The texts :func:`research.nb.glue.glue_all` recorded, by name; shown in a notebook as the prose using them."""

    def _repr_markdown_(self) -> str | None:
        return prose_markdown(self) or None
