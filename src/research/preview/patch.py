"""A prose edit re-renders one notebook's part of the page: its Markdown alone through Pandoc, put in place of the old.

Pandoc takes most of a page's rendering (seconds for the whole report). A notebook whose prose changed, and nothing
its neighbours depend on (its headings, the values and labels it uses, the works it cites), is rendered alone, with
every work the page cites known to citeproc (so author-date text, disambiguation and links come out as in the page),
and replaces its own region of the last page: the region between the marks the preview puts around each notebook.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from research.nb.cells import HIDDEN_TAGS, cell_source, cell_tags

MARK = "<!-- preview-{which} {name} -->"  # raw HTML, which Pandoc passes through as it is
_CLOSINGS = re.compile(r"(?:\s*</section>)*\s*")
_HEADING = re.compile(r"^#{1,6}\s.*$", re.M)
_NAMES = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}|@((?:fig|tbl)-[A-Za-z0-9_-]+)|@([A-Za-z0-9_][\w:.#$%&+?<>~/-]*)")


def marked(name: str, notebook: dict) -> dict:
    """A copy of an executed notebook with a mark before its first cell and after its last (raw HTML, kept by Pandoc)."""
    out = copy.deepcopy(notebook)
    for which, at in (("start", 0), ("end", len(out["cells"]))):
        out["cells"].insert(at, {"cell_type": "markdown", "id": f"preview-{which}", "metadata": {},
                                 "source": MARK.format(which=which, name=name)})
    return out


def region(page: str, name: str) -> tuple[int, int] | None:
    """Where a notebook's part of the page is: after its start mark (and the sections of the notebook before it,
    which close there) to the end of its end mark (the notebook's own sections close after it)."""
    start_mark, end_mark = MARK.format(which="start", name=name), MARK.format(which="end", name=name)
    start, end = page.find(start_mark), page.find(end_mark)
    if start < 0 or end < start:
        return None
    closed = _CLOSINGS.match(page, start + len(start_mark))
    return closed.end(), end + len(end_mark)


def _prose(notebook: dict) -> str:
    return "\n\n".join(cell_source(c) for c in notebook.get("cells", [])
                       if c.get("cell_type") == "markdown" and not set(cell_tags(c)) & HIDDEN_TAGS)


def outline(notebook: dict) -> tuple:
    """What a notebook's prose gives the rest of the page: its headings, and the values, labels and works it names."""
    prose = _prose(notebook)
    return tuple(_HEADING.findall(prose)), frozenset(m.group(0) for m in _NAMES.finditer(prose))


def names_used(notebook: dict) -> set[str]:
    """The value names a notebook's prose shows (``{{name}}``)."""
    return {m.group(1) for m in _NAMES.finditer(_prose(notebook)) if m.group(1)}


def patch(page: str, names: list[str], notebooks: dict, name: str, cat, config, bib_keys: set[str],
          cited: list[str]) -> str | None:
    """The page with notebook ``name``'s region rendered again from ``notebooks[name]``; None if it cannot be.

    ``notebooks`` are the executed notebooks (unmarked), ``cat`` their catalogue, ``cited`` every key the page cites.
    """
    import pypandoc

    from research.report.blocks import embed_figures
    from research.report.convert import PAPER, notebook_markdown
    from research.report.links import check_targets

    where = region(page, name)
    if where is None:
        return None
    before = names[: names.index(name)]
    # the first use of a value carries its anchor: as in the whole page, where the notebooks before used theirs
    cat.used = {value: PAPER for n in before for value in names_used(notebooks[n])}
    body, _supplement, keys = notebook_markdown(name, marked(name, notebooks[name]), cat, config.output_dir, bib_keys)
    if not set(keys) <= set(cited):
        return None
    front = "---\nnocite: |\n  " + ", ".join(f"@{k}" for k in dict.fromkeys(cited)) + "\n---\n\n"
    args = ["--sandbox", "--citeproc", "--section-divs", f"--bibliography={config.references}",
            "--metadata=link-citations:true", "--wrap=none"]  # its bibliography comes after the end mark: unused
    if config.csl:
        args.append(f"--csl={config.csl}")
    fragment = check_targets(pypandoc.convert_text(front + body, "html5", format="markdown", extra_args=args))
    figures = {label: r for label, r in cat.items.items() if r["kind"] == "figure" and cat.producers[label] == name}
    fragment = embed_figures(fragment, figures, Path(config.output_dir), "svg")
    new = region(fragment, name)
    if new is None:
        return None
    old_part, new_part = page[where[0]:where[1]], fragment[new[0]:new[1]]
    if old_part.count("<section") != new_part.count("<section"):
        return None  # the sections would not close where they did
    return page[: where[0]] + new_part + page[where[1]:]
