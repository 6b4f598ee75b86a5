"""Build the report only when what it is made of changed; write HTML, PDF and DOCX without losing the last good ones."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from research import paths
from research.files import sha256_file, sha256_json, write_atomic
from research.report.render import ABSTRACT_FILE

REPORT_FILES = ("paper.html", "paper.pdf", "paper.docx", "supplement.html")


def _say(config, status: str, detail: str = "") -> None:
    print(f"  {status:<8} report{('  ' + detail) if detail else ''}", file=config.stream, flush=True)


def report_key(config, names: list[str], env_key: str) -> str:
    """Hash of the executed notebooks, the files they recorded, the bibliography, the style and the environment."""
    layout = paths.output_layout(config.output_dir)
    parts = {"env": env_key, "references": sha256_file(config.references), "csl": None, "notebooks": {}}
    if config.csl:
        parts["csl"] = sha256_file(config.csl)
    abstract = Path(config.notebooks_dir) / ABSTRACT_FILE
    parts["abstract"] = sha256_file(abstract) if abstract.exists() else None
    for name in names:
        parts["notebooks"][name] = sha256_file(layout["notebooks"] / f"{name}.ipynb")
    for sub in ("figures", "tables"):
        folder = layout[sub]
        if folder.is_dir():
            parts[sub] = {f.name: sha256_file(f) for f in sorted(folder.iterdir()) if f.is_file()}
    return sha256_json(parts)


def build_report_if_stale(config, names: list[str], env_key: str, provenance_of) -> bool:
    """Build ``paper.html``, ``paper.pdf``, ``paper.docx`` and ``supplement.html`` unless they exist and their key is unchanged; return
    whether built.

    Parameters
    ----------
    config : research.engine.config.BuildConfig
    names : list of str
        The section notebooks, in the paper's order.
    env_key : str
        The environment part of the cache keys.
    provenance_of : callable
        Returns the :class:`research.repro.provenance.Provenance` (commit, date, versions) for the title block and
        the appendix; called only when the report is built, since finding the versions runs Pandoc.
    """
    layout = paths.output_layout(config.output_dir)
    key = report_key(config, names, env_key)
    stamp = layout["cache"] / "report.json"
    outputs = [Path(config.output_dir) / f for f in REPORT_FILES]
    if not config.force and stamp.exists() and all(p.exists() for p in outputs):
        try:
            if json.loads(stamp.read_text()).get("key") == key:
                _say(config, "cached")
                return False
        except (ValueError, AttributeError, RecursionError):  # a damaged stamp: rebuilt, and replaced
            pass
    _say(config, "running")
    uncited = build_report(config, names, provenance_of())
    if uncited:
        print(f"  note     {len(uncited)} references.bib entries are not cited: {', '.join(uncited)}",
              file=config.stream, flush=True)
    write_atomic(stamp, json.dumps({"key": key}))
    _say(config, "done")
    return True


def build_report(config, names: list[str], provenance) -> list[str]:
    """Assemble the report from the executed notebooks; return the bibliography keys nobody cited.

    The three files are rendered completely before any replaces its predecessor.
    """
    from research.data.bib import bib_keys
    from research.report.a11y import check_page
    from research.report.blocks import embed_figures
    from research.report.convert import catalogue
    from research.report.docx import EARLIEST_ZIP_EPOCH, docx_figures, docx_markdown, to_docx
    from research.report.render import mark_cjk, render_markdown, to_html, to_pdf
    from research.report.stamp import source_date

    layout = paths.output_layout(config.output_dir)
    notebooks = [(n, json.loads((layout["notebooks"] / f"{n}.ipynb").read_text(encoding="utf-8"))) for n in names]
    keys = bib_keys(config.references)
    cat = catalogue(notebooks)
    rendered = render_markdown(notebooks, cat, config.notebooks_dir, config.output_dir, config.data_dir,
                               config.references, keys, provenance)
    page = to_html(rendered.paper, config.references, config.csl, config.output_dir)
    check_page(page)
    supplement = to_html(rendered.supplement, config.references, config.csl, config.output_dir)
    check_page(supplement)
    figures = {label: rec for label, rec in cat.items.items() if rec["kind"] == "figure"}
    # CJK runs carry their language on screen as in print (to_pdf marks the page it prints)
    html_text = mark_cjk(embed_figures(page, figures, config.output_dir, "svg"))
    supplement = mark_cjk(embed_figures(supplement, figures, config.output_dir, "svg"))
    out = Path(config.output_dir)
    # Pandoc writes the DOCX in a thread while WeasyPrint prints the PDF here. Both read SOURCE_DATE_EPOCH, so it
    # is set once, around both, to the one date each would set it to.
    stamp = provenance.epoch if provenance.epoch is not None else EARLIEST_ZIP_EPOCH
    with source_date(stamp), ThreadPoolExecutor(max_workers=1) as pool:
        docx_job = pool.submit(to_docx, docx_markdown(rendered.paper), config.references, config.csl, out,
                               provenance.epoch, docx_figures(cat.labels, figures, out))
        # Print uses the PNG renderings: WeasyPrint lays them out in a fraction of the time of the SVGs. No base
        # address: a link to the supplement stays relative in the PDF, as in the HTML.
        pdf = to_pdf(embed_figures(page, figures, config.output_dir, "png"), None, provenance.epoch)
        docx = docx_job.result()
    write_atomic(out / ".paper.md", rendered.paper)
    write_atomic(out / ".supplement.md", rendered.supplement)
    write_atomic(out / "paper.html", html_text)
    write_atomic(out / "supplement.html", supplement)
    write_atomic(out / "paper.pdf", pdf)
    write_atomic(out / "paper.docx", docx)
    return sorted(keys - set(rendered.cited))
