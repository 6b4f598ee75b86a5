"""The reproducibility certificate ``make verify`` writes: what was rebuilt, from what, and whether each item matched."""

# Everything on the page comes from the two manifests (the reference and the rebuild), never from the clock or the
# temporary folder, so identical inputs give an identical page; the PDF is printed with the reference's date.

from __future__ import annotations

import html
from pathlib import Path

from research.engine.ownership import GENERATOR
from research.files import write_atomic
from research.repro.manifest import table_changes

ORDER = ("figure", "table", "value", "sentence", "notebook", "report")  # how the page counts its items
HTML_NAME, PDF_NAME = "verification.html", "verification.pdf"
STYLE = """body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;
color:#1a1a1a;line-height:1.4;font-size:.95rem}h1{font-size:1.35rem}h2{font-size:1.05rem;margin-top:1.4rem}
table{border-collapse:collapse;width:100%;font-size:.8rem}td,th{border:1px solid #ccc;padding:.15rem .4rem;
text-align:left;vertical-align:top}code{font-size:.78rem;overflow-wrap:anywhere}.ok{color:#1b6e20}.no{color:#b00020;
font-weight:bold}p.verdict{font-size:1.1rem;padding:.5rem .8rem;border-left:4px solid}
@page{size:A4;margin:12mm}"""


def _e(value) -> str:
    return html.escape("(none)" if value is None else str(value))


def _items(reference: dict, current: dict) -> list[tuple[str, str, bool, list[str]]]:
    """(kind, name, reproduced, what differs) for every figure, table, other output and recorded value."""
    items = []
    ref_out, cur_out = reference.get("outputs", {}), current.get("outputs", {})
    for name in sorted(set(ref_out) | set(cur_out)):
        old, new = ref_out.get(name), cur_out.get(name)
        kind = {"figures": "figure", "tables": "table", "notebooks": "notebook"}.get(name.partition("/")[0], "report")
        detail = []
        if old != new:
            detail = [f"SHA-256 {old or '(missing)'} in the reference, {new or '(missing)'} rebuilt"]
            if kind == "table" and old and new:
                stem = Path(name).stem
                detail += table_changes(reference.get("tables", {}).get(stem, []), current.get("tables", {}).get(stem, []))
        items.append((kind, name, old == new, detail))
    for plural in ("values", "sentences"):
        ref_v, cur_v = reference.get(plural, {}), current.get(plural, {})
        for name in sorted(set(ref_v) | set(cur_v)):
            old, new = ref_v.get(name), cur_v.get(name)
            items.append((plural[:-1], name, old == new, [] if old == new else [f"{old!r} -> {new!r}"]))
    return items


def certificate_html(reference: dict, current: dict, reference_name: str, verified: dict | None = None,
                     shipped: list | None = None) -> str:
    """The certificate as one self-contained HTML page (no script, nothing from elsewhere).

    ``verified`` names what was checked (the source's commit, checkout or bundle, and its lock file), said apart
    from the reference it was compared with; ``shipped`` lists the bundle's report files the rebuild did not match.
    """
    items = _items(reference, current) + [("report", line.split()[1].rstrip(":"), False, [line.strip()])
                                          for line in shipped or []]
    failed = [i for i in items if not i[2]]
    counts = {}
    for kind, _, ok, _ in items:
        done, total = counts.get(kind, (0, 0))
        counts[kind] = (done + ok, total + 1)
    verdict = ("Every output and every recorded value was reproduced." if not failed else
               f"{len(failed)} of {len(items)} items {'was' if len(failed) == 1 else 'were'} not reproduced; "
               f"{'it is' if len(failed) == 1 else 'each is'} listed with what differs.")
    inputs = current.get("inputs", {})
    ref_inputs = reference.get("inputs", {})
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">' + GENERATOR + "<title>Reproducibility certificate</title>",
           f"<style>{STYLE}</style></head><body>", "<h1>Reproducibility certificate</h1>",
           f'<p class="verdict {"ok" if not failed else "no"}">{_e(verdict)}</p>',
           *_what_was_verified(verified, current, reference, reference_name),
           "<p>" + "; ".join(f"{_e(kind)}s: {counts[kind][0]} of {counts[kind][1]} reproduced"
                              for kind in sorted(counts, key=ORDER.index))
           + ".</p>", "<h2>Inputs</h2><table><tr><th>Input</th><th>SHA-256</th><th>As in the reference</th></tr>"]
    out += [f"<tr><td><code>{_e(n)}</code></td><td><code>{_e(d)}</code></td>"
            f"<td>{'yes' if ref_inputs.get(n) == d else 'no: ' + _e(ref_inputs.get(n))}</td></tr>"
            for n, d in sorted(inputs.items())]
    out.append("</table><h2>Python and packages</h2><table><tr><th>Component</th><th>Version</th><th>Reference</th></tr>")
    ref_versions = reference.get("versions", {})
    out += [f"<tr><td>{_e(k)}</td><td>{_e(v)}</td><td>{_e(ref_versions.get(k))}</td></tr>"
            for k, v in sorted(current.get("versions", {}).items())]
    out.append("</table><h2>Each figure, table and recorded value</h2>"
               "<table><tr><th>Kind</th><th>Item</th><th>Reproduced</th><th>What differs</th></tr>")
    for kind, name, ok, detail in items:
        mark = '<span class="ok">yes</span>' if ok else '<span class="no">no</span>'
        out.append(f"<tr><td>{_e(kind)}</td><td><code>{_e(name)}</code></td><td>{mark}</td>"
                   f"<td>{'<br>'.join(_e(d) for d in detail)}</td></tr>")
    out.append("</table></body></html>")
    return "\n".join(out) + "\n"


def check_certificate_dir(folder: Path) -> None:
    """Refuse a certificate folder among the inputs, or one whose certificate files are someone else's.

    Raises
    ------
    ParameterError
    """
    from research.engine.ownership import check_output_file, is_marked, is_tool_page

    folder = Path(folder)
    check_output_file(folder / HTML_NAME, is_tool_page)
    check_output_file(folder / PDF_NAME, lambda p: is_marked(folder) or is_tool_page(folder / HTML_NAME))


def _what_was_verified(verified: dict | None, current: dict, reference: dict, reference_name: str) -> list[str]:
    # Two paragraphs: what was rebuilt and checked, then what it was compared with; never one for the other.
    verified = verified or {"commit": current.get("commit"), "built_from": current.get("built_from"),
                            "lock": current.get("inputs", {}).get("requirements.lock")}
    source = {"bundle": "the <code>make dist</code> bundle of commit", "checkout": "the git checkout at commit"}.get(
        verified.get("built_from"), "the source labelled commit")
    return [f"<p><strong>Verified:</strong> everything was rebuilt from scratch, in an empty folder, from {source} "
            f"<code>{_e(verified.get('commit'))}</code>, with the lock file <code>requirements.lock</code> of SHA-256 "
            f"<code>{_e(verified.get('lock'))}</code>. The rebuild is labelled with the reference's commit and date, "
            "so that the title block can match.</p>",
            f"<p><strong>Compared with:</strong> the reference manifest <code>{_e(reference_name)}</code>, recorded "
            f"from commit <code>{_e(reference.get('commit'))}</code> with the lock file of SHA-256 "
            f"<code>{_e(reference.get('inputs', {}).get('requirements.lock'))}</code>.</p>"]


def write_certificate(folder: Path, reference: dict, current: dict, reference_name: str, verified: dict | None = None,
                      shipped: list | None = None) -> tuple[Path, Path]:
    """Write ``verification.html`` and its PDF print into ``folder``; return both paths.

    The PDF is printed with the reference's ``source_date_epoch``, so identical inputs give identical bytes.
    """
    from research.report.render import to_pdf

    folder = Path(folder)
    check_certificate_dir(folder)
    page = certificate_html(reference, current, reference_name, verified, shipped)
    write_atomic(folder / HTML_NAME, page)
    write_atomic(folder / PDF_NAME, to_pdf(page, folder, reference.get("source_date_epoch") or 0))
    return folder / HTML_NAME, folder / PDF_NAME
