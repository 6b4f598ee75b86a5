"""A file changed in the build's cache store, through a whole build: the build finds it by its hash, says so, runs
the notebook again, and publishes the bytes the notebook writes, never the changed ones.

Works on a copy of the session build (its cache included), so only the two notebooks whose files are changed run.
"""

from __future__ import annotations

import re

import pytest
from support import run_build, warm_copy

from research import paths
from research.engine.config import section_notebooks
from research.engine.publish import store_root

pytestmark = pytest.mark.slow

FIGURE = ("03-existing-law", "figures/fig-penalties.svg")  # emptied
TABLE = ("91-incidents", "tables/tbl-incidents.csv")  # one row edited


def test_a_tampered_cache_file_is_found_by_its_hash_and_its_notebook_runs_again(report_build, tmp_path):
    out = warm_copy(report_build.output_dir, tmp_path / "output")
    store = store_root(out)
    figure, table = store / FIGURE[0] / FIGURE[1], store / TABLE[0] / TABLE[1]
    figure.write_bytes(b"")
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = "forged," + lines[1]
    table.write_text("".join(lines), encoding="utf-8")

    summary, log = run_build(report_build.config(output_dir=out, report=True))

    for (name, rel), path in ((FIGURE, figure), (TABLE, table)):
        # the build names the file and what it does about it
        said = re.search(rf"^  queued\s+{name}\s+cached \S*{re.escape(rel)} does not match the hash recorded when it "
                         r"was stored: running again$", log, re.MULTILINE)
        assert said, log
        assert re.search(rf"^  done\s+{name}\b", log, re.MULTILINE), log
        original = (report_build.output_dir / rel).read_bytes()
        assert (out / rel).read_bytes() == original, f"{rel}: the published file is not the notebook's"
        assert path.read_bytes() == original, f"{rel}: the store still holds the changed file"
    assert (summary.ran, summary.failed) == (2, 0), log
    assert summary.cached == len(section_notebooks(paths.NOTEBOOKS_DIR)) - 2, log
    for page in ("paper.html", "supplement.html", "paper.pdf"):
        assert (out / page).read_bytes() == (report_build.output_dir / page).read_bytes(), page
