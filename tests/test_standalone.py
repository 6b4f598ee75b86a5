"""A section notebook run on its own (papermill, as a researcher would) writes to a scratch folder, says where, and
leaves the published edition, output/, byte for byte as it was."""

from __future__ import annotations

import hashlib
import json

import pytest

from research import paths
from research.nb.glue import read_records

pytestmark = pytest.mark.slow


def _snapshot(folder) -> dict[str, str] | None:
    """Every file under ``folder`` with its SHA-256 (None when the folder does not exist)."""
    if not folder.exists():
        return None
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _printed(notebook: dict) -> str:
    texts = [o.get("text", "") for c in notebook["cells"] for o in c.get("outputs", [])
             if o.get("output_type") == "stream"]
    return "".join("".join(t) if isinstance(t, list) else t for t in texts)


def test_papermill_with_a_changed_parameter_leaves_output_as_it_was(tmp_path, monkeypatch):
    import papermill

    scratch = tmp_path / "scratch"
    monkeypatch.setenv("RESEARCH_SCRATCH", str(scratch))  # the kernel inherits it; unset, it is the project's scratch/
    before = _snapshot(paths.OUTPUT_DIR)
    executed = tmp_path / "x.ipynb"
    papermill.execute_notebook(str(paths.NOTEBOOKS_DIR / "03-existing-law.ipynb"), str(executed),
                               parameters={"khr_per_usd": 4100}, cwd=str(tmp_path), progress_bar=False)
    assert _snapshot(paths.OUTPUT_DIR) == before
    notebook = json.loads(executed.read_text(encoding="utf-8"))
    # the run wrote its figure and table to the scratch folder, and its first output says so
    records = read_records(notebook)
    figures = [r for r in records if r["kind"] == "figure"]
    tables = [r for r in records if r["kind"] == "table"]
    assert figures and tables
    assert all((scratch / f).is_file() for r in figures for f in r["files"].values())
    assert all((scratch / r["file"]).is_file() for r in tables)
    assert f"standalone run: figures and tables go to {scratch}" in _printed(notebook)
    # and it ran with the changed parameter: the caption of the penalties figure names the rate
    assert any("4,100" in r["caption"] for r in figures), [r["caption"] for r in figures]
