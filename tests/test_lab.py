"""In a real JupyterLab (headless Chromium), an executed section notebook shows its computed sentences filled into
its prose, citations author-date, and its figure, under the cell that computes them."""

from __future__ import annotations

import json
import os
import sys

import pytest
from servers import dump_dom, fetch, free_port, start, stop, wait_for

from research import paths
from research.nb.glue import read_records

pytestmark = pytest.mark.slow


def test_jupyterlab_shows_an_executed_notebooks_sentences_and_figure(tmp_path, monkeypatch):
    import papermill

    monkeypatch.setenv("RESEARCH_SCRATCH", str(tmp_path / "scratch"))
    executed = tmp_path / "lab" / "03-existing-law.ipynb"
    executed.parent.mkdir()
    papermill.execute_notebook(str(paths.NOTEBOOKS_DIR / "03-existing-law.ipynb"), str(executed),
                               cwd=str(tmp_path), progress_bar=False)
    records = read_records(json.loads(executed.read_text(encoding="utf-8")))
    sentence = next(r["text"] for r in records if r["name"] == "law_in_force_sentence")

    port, token = free_port(), "test-token"
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               f"--ServerApp.token={token}", f"--ServerApp.root_dir={executed.parent}"]
    if os.getuid() == 0:
        command.append("--allow-root")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    lab = start(command, tmp_path / "lab.log", env=env)
    try:
        wait_for(lambda: fetch(f"http://127.0.0.1:{port}/api/status?token={token}"), 120, "JupyterLab answering")
        dom = dump_dom(f"http://127.0.0.1:{port}/lab/tree/{executed.name}?token={token}")
    finally:
        stop(lab)
    assert "jp-Notebook" in dom, (tmp_path / "lab.log").read_text()[-2000:]
    assert sentence in dom  # the computed sentence, filled into the prose under the cell that computes it
    assert "The prose of 03-existing-law.ipynb that uses these values" in dom
    assert "(Nguon and Srun 2019)" in dom  # the prose cells themselves read [@nguon2019cambodia]
    assert "jp-RenderedSVG" in dom  # the penalties figure, inline
