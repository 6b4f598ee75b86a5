"""The reproducibility certificate ``make verify`` writes: what was rebuilt, from what, and whether each item matched."""

# Everything on the page comes from the two manifests (the reference and the rebuild), never from the clock or the
# temporary folder, so identical inputs give an identical page; the PDF is printed with the reference's date.

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from research.engine.ownership import GENERATOR
from research.files import write_atomic
from research.repro.manifest import table_changes
from research.repro.pages import TEMPLATES

ORDER = ("figure", "table", "value", "sentence", "notebook", "report")  # how the page counts its items
HTML_NAME, PDF_NAME = "verification.html", "verification.pdf"


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
    ref_inputs, ref_versions = reference.get("inputs", {}), reference.get("versions", {})
    verified = verified or {"commit": current.get("commit"), "built_from": current.get("built_from"),
                            "lock": current.get("inputs", {}).get("requirements.lock")}
    return TEMPLATES.get_template("certificate.html.j2").render(
        generator=Markup(GENERATOR), failed=bool(failed), verdict=verdict, verified=verified, reference=reference,
        reference_name=reference_name, reference_lock=ref_inputs.get("requirements.lock"),
        counts=[(kind, *counts[kind]) for kind in sorted(counts, key=ORDER.index)],
        inputs=[(n, d, ref_inputs.get(n)) for n, d in sorted(current.get("inputs", {}).items())],
        versions=[(k, v, ref_versions.get(k)) for k, v in sorted(current.get("versions", {}).items())],
        items=items)


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
