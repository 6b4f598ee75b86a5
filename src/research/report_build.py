"""Rebuild the report only when what it is made of changed; write HTML and PDF without losing the last good ones."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from research import paths
from research.hashing import sha256_file, sha256_json

REPORT_FILES = ("paper.html", "paper.pdf")


def report_key(config, names: list[str], env_key: str) -> str:
    """Hash of the executed notebooks, the files they recorded, the bibliography, the style and the environment."""
    layout = paths.output_layout(config.output_dir)
    parts = {"env": env_key, "references": sha256_file(config.references), "csl": None, "notebooks": {}}
    if config.csl:
        parts["csl"] = sha256_file(config.csl)
    abstract = Path(config.notebooks_dir) / "abstract.md"
    parts["abstract"] = sha256_file(abstract) if abstract.exists() else None
    for name in names:
        nb = layout["notebooks"] / f"{name}.ipynb"
        parts["notebooks"][name] = sha256_file(nb)
    for sub in ("figures", "tables"):
        folder = layout[sub]
        if folder.is_dir():
            parts[sub] = {f.name: sha256_file(f) for f in sorted(folder.iterdir()) if f.is_file()}
    return sha256_json(parts)


def build_report_if_stale(config, names: list[str], env_key: str) -> bool:
    """Build ``paper.html`` and ``paper.pdf`` unless they exist and their key is unchanged; return whether built."""
    layout = paths.output_layout(config.output_dir)
    key = report_key(config, names, env_key)
    stamp = layout["cache"] / "report.json"
    outputs = [Path(config.output_dir) / f for f in REPORT_FILES]
    if not config.force and stamp.exists() and all(p.exists() for p in outputs):
        try:
            if json.loads(stamp.read_text()).get("key") == key:
                print("  cached   report", file=config.stream, flush=True)
                return False
        except json.JSONDecodeError:
            pass
    print("  running  report", file=config.stream, flush=True)
    uncited = build_report(config, names)
    if uncited:
        print(f"  note     {len(uncited)} references.bib entries are not cited: {', '.join(uncited)}",
              file=config.stream, flush=True)
    layout["cache"].mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps({"key": key}))
    print("  done     report", file=config.stream, flush=True)
    return True


def build_report(config, names: list[str]) -> list[str]:
    """Assemble the report from the executed notebooks; return the bibliography keys nobody cited.

    Both files are rendered completely before either replaces its predecessor.
    """
    from research.assemble import catalogue, embed_figures
    from research.bib import bib_keys
    from research.report import render_markdown, to_html, to_pdf, write_atomic

    layout = paths.output_layout(config.output_dir)
    notebooks = [(n, json.loads((layout["notebooks"] / f"{n}.ipynb").read_text(encoding="utf-8"))) for n in names]
    keys = bib_keys(config.references)
    cat = catalogue(notebooks)
    markdown, cited = render_markdown(notebooks, cat, config.notebooks_dir, config.output_dir, config.data_dir,
                                      config.references, keys)
    page = to_html(markdown, config.references, config.csl, config.output_dir)
    figures = {label: rec for label, rec in cat.items.items() if rec["kind"] == "figure"}
    html_text = embed_figures(page, figures, config.output_dir, "svg")
    out = Path(config.output_dir)
    pdf_tmp = out / ".paper.pdf.rendering"
    # Print uses the PNG renderings: WeasyPrint lays them out in a fraction of the time of the SVGs.
    to_pdf(embed_figures(page, figures, config.output_dir, "png"), pdf_tmp, out)
    (out / ".paper.md").write_text(markdown, encoding="utf-8")
    write_atomic(out / "paper.html", html_text.encode("utf-8"))
    pdf_tmp.replace(out / "paper.pdf")
    return sorted(keys - set(cited))


def cite_check(config, names: list[str], stream=sys.stdout) -> int:
    """Print the citation keys used but missing from references.bib, and the entries never cited; 1 if any missing."""
    from research.markdown import cited_keys
    from research.bib import bib_keys

    keys = bib_keys(config.references)
    used: dict[str, list[str]] = {}
    sources = [Path(config.notebooks_dir) / f"{n}.ipynb" for n in names]
    for path in sources:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for index, cell in enumerate(nb.get("cells", [])):
            if cell.get("cell_type") != "markdown":
                continue
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for key in cited_keys(text):
                if not key.startswith(("fig-", "tbl-")):
                    used.setdefault(key, []).append(f"{path.stem}, cell {index}")
    abstract = Path(config.notebooks_dir) / "abstract.md"
    if abstract.exists():
        for key in cited_keys(abstract.read_text(encoding="utf-8")):
            used.setdefault(key, []).append(abstract.name)
    from research.data import check

    tables, _ = check(config.data_dir, config.references)
    for name, frame in tables.items():
        if "source" in frame:
            for key in frame["source"].dropna().astype(str):
                used.setdefault(key, []).append(f"data/{name}.csv")
    missing = sorted(k for k in used if k not in keys)
    uncited = sorted(keys - set(used))
    print(f"cited keys not in {Path(config.references).name}: {len(missing)}", file=stream)
    for key in missing:
        print(f"  {key}  ({'; '.join(sorted(set(used[key])))})", file=stream)
    print(f"entries never cited (neither in the prose nor as a data row's source): {len(uncited)}", file=stream)
    for key in uncited:
        print(f"  {key}", file=stream)
    return 1 if missing else 0
