"""The page ``research diff`` writes: every change highlighted, figures old and new side by side, rows behind each."""

from __future__ import annotations

import base64
import html
from pathlib import Path

from research.engine.ownership import GENERATOR
from research.report.markdown import fill_plain

STYLE = """body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem;
color:#1a1a1a;line-height:1.45}h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse;
width:100%;font-size:.9rem}td,th{border:1px solid #ccc;padding:.25rem .45rem;vertical-align:top;text-align:left}
del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}mark{background:#ffe58a}
.rows{font-family:"DejaVu Sans Mono",monospace;font-size:.8rem}.figs{display:flex;gap:1rem}.figs figure{flex:1;margin:0}
.figs img{max-width:100%;border:1px solid #ccc}@media print{.figs{display:block}}"""


def _e(value) -> str:
    return html.escape("(none)" if value is None else str(value))


def _rows(change) -> str:
    # What explains the change: input rows, the parameters of the notebook that made it, the code.
    return '<span class="rows">' + "<br>".join(_e(r) for r in change.because) + "</span>"


def _sentence(template: str, texts: dict, name: str, tag: str) -> str:
    # The template is our notebooks' prose; the filled texts are data: escape each piece, mark only the value.
    return fill_plain(html.escape(template), {k: html.escape(v) for k, v in texts.items()},
                      lambda n, t: f"<{tag}><mark>{t}</mark></{tag}>" if n == name else t)


def _image(folder: Path | None, stem: str) -> str:
    png = f"figures/{stem}.png"
    if folder is None or not (folder / png).is_file():
        return "<p>(not at hand: a manifest alone)</p>"
    data = base64.b64encode((folder / png).read_bytes()).decode("ascii")
    return f'<img alt="{_e(stem)}" src="data:image/png;base64,{data}">'


def diff_page(diff) -> str:
    """The whole page as one self-contained HTML document (no script, no resource from elsewhere)."""
    texts_a, texts_b = diff.texts
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">' + GENERATOR,
           f"<title>Changes between editions</title><style>{STYLE}</style></head><body>",
           "<h1>Changes between editions</h1>",
           f"<p>Old: <code>{_e(diff.old.where)}</code> (commit <code>{_e(diff.old.manifest.get('commit'))}</code>).<br>"
           f"New: <code>{_e(diff.new.where)}</code> (commit <code>{_e(diff.new.manifest.get('commit'))}</code>).</p>",
           f"<h2>Parameters that differ ({len(diff.parameters)})</h2>",
           "<table><tr><th>Parameter</th><th>Old</th><th>New</th><th>Notebooks</th></tr>" + "".join(
               f"<tr><td><code>{_e(name)}</code></td><td><del>{_e(old)}</del></td><td><ins>{_e(new)}</ins></td>"
               f"<td>{_e(', '.join(notebooks))}</td></tr>" for name, (old, new, notebooks) in diff.parameters.items())
           + "</table>",
           f"<h2>Input rows that differ ({len(diff.rows)})</h2>"]
    if not diff.traced:
        out.append("<p>One manifest has no row digests: the rows behind each change cannot be named.</p>")
    out.append("<table><tr><th>Row</th><th>Change</th></tr>" + "".join(
        f"<tr><td class=\"rows\">{_e(ref)}</td><td>{_e(state)}</td></tr>" for ref, state in diff.rows.items())
        + "</table>")
    values = diff.of("value") + diff.of("sentence")
    out.append(f"<h2>Values and sentences ({len(values)})</h2><table>"
               "<tr><th>Name</th><th>Old</th><th>New</th><th>In the text</th><th>Because of</th></tr>")
    for c in values:
        context = ""
        if c.context:
            context = (f"<p>{_sentence(c.context[0], texts_a, c.name, 'del')}</p>"
                       f"<p>{_sentence(c.context[1], texts_b, c.name, 'ins')}</p>")
        out.append(f"<tr><td><code>{_e(c.name)}</code></td><td><del>{_e(c.old)}</del></td>"
                   f"<td><ins>{_e(c.new)}</ins></td><td>{context}</td><td>{_rows(c)}</td></tr>")
    out.append("</table>")
    cells = diff.of("cell")
    out.append(f"<h2>Table cells ({len(cells)})</h2><table>"
               "<tr><th>Table, row</th><th>Column</th><th>Old</th><th>New</th><th>Because of</th></tr>")
    out += [f"<tr><td><code>{_e(c.name)}</code></td><td>{_e(c.column)}</td><td><del>{_e(c.old)}</del></td>"
            f"<td><ins>{_e(c.new)}</ins></td><td>{_rows(c)}</td></tr>" for c in cells]
    out.append("</table>")
    figures = diff.of("figure")
    out.append(f"<h2>Figures whose bytes changed ({len(figures)})</h2>")
    for c in figures:
        out.append(f"<h3><code>{_e(c.name)}</code></h3><div class=\"figs\">"
                   f"<figure>{_image(diff.old.folder, c.name)}<figcaption>old</figcaption></figure>"
                   f"<figure>{_image(diff.new.folder, c.name)}<figcaption>new</figcaption></figure></div>")
    refs = diff.of("reference")
    out.append(f"<h2>References added or removed ({len(refs)})</h2><ul>")
    out += [f"<li>{'added' if c.old is None else 'removed'}: <code>{_e(c.name)}</code></li>" for c in refs]
    out.append("</ul></body></html>")
    return "\n".join(out) + "\n"
