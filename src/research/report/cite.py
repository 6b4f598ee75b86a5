"""``research cite-check``: citation keys used but missing from references.bib, and entries nobody cites."""

from __future__ import annotations

import json
from pathlib import Path

from research.data import check
from research.data.bib import bib_keys
from research.nb.cells import cell_source
from research.report.markdown import cited_keys
from research.report.render import ABSTRACT_FILE


def citations(notebooks: list[Path], abstract: Path, data_dir: Path, references: Path) -> dict[str, list[str]]:
    """Every key cited, with where: the notebooks' prose, the abstract, and each data row's ``source``."""
    used: dict[str, list[str]] = {}
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for index, cell in enumerate(nb.get("cells", [])):
            if cell.get("cell_type") != "markdown":
                continue
            for key in cited_keys(cell_source(cell)):
                if not key.startswith(("fig-", "tbl-")):
                    used.setdefault(key, []).append(f"{path.stem}, cell {index}")
    if abstract.exists():
        for key in cited_keys(abstract.read_text(encoding="utf-8")):
            used.setdefault(key, []).append(abstract.name)
    for name, frame in check(data_dir, references).tables.items():
        if "source" in frame:
            for key in frame["source"].dropna().astype(str):
                used.setdefault(key, []).append(f"data/{name}.csv")
    return used


def cite_check(config, notebooks: list[Path], stream=None) -> int:
    """Print the citation keys used but missing from references.bib, and the entries never cited; 1 if any missing."""
    keys = bib_keys(config.references)
    used = citations(notebooks, Path(config.notebooks_dir) / ABSTRACT_FILE, config.data_dir, config.references)
    missing = sorted(k for k in used if k not in keys)
    uncited = sorted(keys - set(used))
    print(f"cited keys not in {Path(config.references).name}: {len(missing)}", file=stream)
    for key in missing:
        print(f"  {key}  ({'; '.join(sorted(set(used[key])))})", file=stream)
    print(f"entries never cited (neither in the prose nor as a data row's source): {len(uncited)}", file=stream)
    for key in uncited:
        print(f"  {key}", file=stream)
    return 1 if missing else 0
