"""The page ``research diff`` writes: every change highlighted, figures old and new side by side, rows behind each."""

from __future__ import annotations

import base64
from pathlib import Path

from markupsafe import Markup, escape

from research.engine.ownership import GENERATOR
from research.report.markdown import fill_plain
from research.repro.pages import TEMPLATES


def _sentence(template: str, texts: dict, name: str, tag: str) -> Markup:
    # The template is our notebooks' prose; the filled texts are data: escape each piece, mark only the value.
    return Markup(fill_plain(str(escape(template)), {k: str(escape(v)) for k, v in texts.items()},
                             lambda n, t: f"<{tag}><mark>{t}</mark></{tag}>" if n == name else t))


def _png(folder: Path | None, stem: str) -> str | None:
    """A figure's PNG rendering as base64, or None when only a manifest is at hand."""
    png = f"figures/{stem}.png"
    if folder is None or not (folder / png).is_file():
        return None
    return base64.b64encode((folder / png).read_bytes()).decode("ascii")


def diff_page(diff) -> str:
    """The whole page as one self-contained HTML document (no script, no resource from elsewhere)."""
    texts_a, texts_b = diff.texts
    values = [(c, _sentence(c.context[0], texts_a, c.name, "del") if c.context else None,
               _sentence(c.context[1], texts_b, c.name, "ins") if c.context else None)
              for c in diff.of("value") + diff.of("sentence")]
    figures = [(c.name, _png(diff.old.folder, c.name), _png(diff.new.folder, c.name)) for c in diff.of("figure")]
    return TEMPLATES.get_template("diff.html.j2").render(
        generator=Markup(GENERATOR), diff=diff, values=values, cells=diff.of("cell"), figures=figures,
        references=diff.of("reference"))
