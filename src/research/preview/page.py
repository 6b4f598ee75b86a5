"""The preview's HTML page: notebooks to the report's HTML (no PDF, no DOCX), and the script that reloads it."""

from __future__ import annotations

import html
import json

from research.engine.config import BuildConfig
from research.nb.cells import INJECTED_TAG as INJECTED


def render_html(config: BuildConfig, notebooks: list[tuple[str, dict]], provenance) -> tuple[str, list[str]]:
    """The report's HTML page from executed notebooks, as ``make paper`` renders it, figures embedded; and the
    citation keys it cites.

    Each notebook's part of the page lies between two marks (:func:`research.preview.patch.marked`), so that a
    prose edit can replace that part alone.

    Raises
    ------
    research.errors.ReportError
        As the build's report step (an unknown value name, citation key or cross-reference; an unsafe link).
    """
    from research.data.bib import bib_keys
    from research.preview.patch import marked
    from research.report.a11y import check_page
    from research.report.blocks import embed_figures
    from research.report.convert import catalogue
    from research.report.render import render_markdown, to_html

    keys = bib_keys(config.references)
    cat = catalogue(notebooks)
    notebooks = [(name, marked(name, nb)) for name, nb in notebooks]
    # the paper only: the supplement (every number's trace) waits for `make paper`, as the PDF and DOCX do
    rendered = render_markdown(notebooks, cat, config.notebooks_dir, config.output_dir, config.data_dir,
                               config.references, keys, provenance)
    page = to_html(rendered.paper, config.references, config.csl, config.output_dir)
    check_page(page)
    figures = {label: record for label, record in cat.items.items() if record["kind"] == "figure"}
    return embed_figures(page, figures, config.output_dir, "svg"), rendered.paper_cited


def _shape(cells: list[dict]) -> list[tuple[str, str]]:
    """The cells as a build executes them: their kinds, and the source of each code cell (Markdown's left out)."""
    return [(c["cell_type"], "".join(c["source"]) if c["cell_type"] == "code" else "") for c in cells]


def splice_prose(executed: dict, source: dict) -> dict | None:
    """``executed`` with the Markdown cells of ``source``, if the two differ in nothing else; None otherwise.

    A change to a notebook's prose changes no value, figure or table: the preview puts the new prose into the
    notebook's last execution instead of running it again. Any change to a code cell, or cells added, removed or
    moved, is no prose edit (the notebook runs).
    """
    ran = [c for c in executed.get("cells", []) if INJECTED not in c.get("metadata", {}).get("tags", [])]
    new = source.get("cells", [])
    if _shape(ran) != _shape(new):
        return None
    spliced = json.loads(json.dumps(executed))
    by_position = iter(new)
    for cell in spliced["cells"]:
        if INJECTED in cell.get("metadata", {}).get("tags", []):
            continue
        fresh = next(by_position)
        if cell["cell_type"] == "markdown":
            cell["source"], cell["metadata"] = fresh["source"], fresh.get("metadata", {})
    return spliced


RELOADER = """<div id="preview-error" role="alert" style="display:none;position:fixed;top:0;left:0;right:0;
z-index:1000;background:#b00020;color:#fff;padding:.6rem 1rem;font:14px/1.4 monospace;white-space:pre-wrap"></div>
<script>
(function () {
  var seen = %(version)d, box = document.getElementById("preview-error");
  function show(error) { box.textContent = error || ""; box.style.display = error ? "block" : "none"; }
  function tick() {
    fetch("/__preview/state", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (s.version !== seen) { location.reload(); return; }
      show(s.error); setTimeout(tick, 200);
    }).catch(function () { setTimeout(tick, 1000); });
  }
  show(%(error)s); tick();
})();
</script>
"""

WAITING = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Preview</title></head>
<body><p>The preview is building the edition; this page reloads when it is ready.</p></body></html>"""


def with_reloader(page: str | None, version: int, error: str | None) -> bytes:
    """The page with the script that reloads it when the preview's version changes and shows its error over it."""
    script = RELOADER % {"version": version, "error": json.dumps(error).replace("</", "<\\/")}
    text = page if page is not None else WAITING
    if error and page is None:
        text = text.replace("<p>The preview", f"<p>{html.escape(error)}</p><p>The preview", 1)
    at = text.rfind("</body>")
    return (text[:at] + script + text[at:] if at >= 0 else text + script).encode("utf-8")
