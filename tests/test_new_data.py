"""The README's worked example runs as written and its new rows show up in the report's numbers and tables."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess

from research import paths
from research.glue import read_records


def _worked_example() -> str:
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- worked-example:start -->", 1)[1].split("<!-- worked-example:end -->", 1)[0]
    return re.search(r"```sh\n(.*?)```", block, re.S).group(1)


def _values(output_dir) -> dict:
    values = {}
    for nb in sorted((output_dir / "notebooks").glob("*.ipynb")):
        for record in read_records(json.loads(nb.read_text(encoding="utf-8"))):
            if record["kind"] == "value":
                values[record["name"]] = record["value"]
    return values


def test_readme_worked_example_changes_counts_tables_and_figures(tmp_path):
    script = _worked_example()
    env = {**os.environ, "WORK": str(tmp_path)}
    run = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=paths.ROOT, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    out = tmp_path / "output"
    values = _values(out)
    with open(paths.DATA_DIR / "incidents.csv", encoding="utf-8", newline="") as fh:
        shipped = list(csv.DictReader(fh))
    # two rows added, both dated 2026: counts follow the data, not a number typed anywhere
    assert values["n_incidents"] == len(shipped) + 2
    assert values["n_dated"] == sum(1 for r in shipped if r["year"]) + 2
    assert values["last_year"] == 2026
    assert values["n_hacktivist"] == sum(1 for r in shipped if r["actor_type"] == "hacktivist") + 1
    html = (out / "paper.html").read_text(encoding="utf-8")
    assert f"It holds {values['n_incidents']} entries" in html
    figure = (out / "figures" / "fig-incidents-by-year.svg").read_bytes()
    reference = json.loads((paths.REPRODUCIBILITY_DIR / "manifest.json").read_text())
    import hashlib

    assert hashlib.sha256(figure).hexdigest() != reference["outputs"]["figures/fig-incidents-by-year.svg"]


def test_the_update_2025_example_validates_and_builds_its_own_report(tmp_path):
    example = paths.ROOT / "examples" / "update-2025"
    from research.cli import main

    status = main(["build", "--data-dir", str(example / "data"), "--references", str(example / "references.bib"),
                   "--output-dir", str(tmp_path / "out")])
    assert status == 0
    out = tmp_path / "out"
    assert (out / "paper.html").exists() and (out / "paper.pdf").exists()
    with open(example / "data" / "provisions.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    in_force = [r for r in rows if r["country"] == "KHM" and r["status"] == "in_force"]
    # the later laws in force (e-commerce law, internet gateway sub-decree) show up in the prose count
    assert _values(out)["n_provisions_in_force"] == len(in_force)
    with open(paths.DATA_DIR / "provisions.csv", encoding="utf-8", newline="") as fh:
        shipped = [r for r in csv.DictReader(fh) if r["country"] == "KHM" and r["status"] == "in_force"]
    assert len(in_force) > len(shipped)
