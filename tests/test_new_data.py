"""The README's worked example runs as written and its new rows show up in the report's numbers and tables."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess

import pytest
from bs4 import BeautifulSoup
from support import copy_inputs, drop_provisions, run_build

from research import paths
from research.engine.config import BuildConfig
from research.nb.glue import read_records

pytestmark = pytest.mark.slow


def _worked_example() -> str:
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- worked-example:start -->", 1)[1].split("<!-- worked-example:end -->", 1)[0]
    return re.search(r"```sh\n(.*?)```", block, re.S).group(1)


def _values(output_dir) -> dict:
    """The text of every value and sentence the executed notebooks recorded, by name."""
    values = {}
    for nb in sorted((output_dir / "notebooks").glob("*.ipynb")):
        for record in read_records(json.loads(nb.read_text(encoding="utf-8"))):
            if record["kind"] in ("value", "sentence"):
                values[record["name"]] = record["text"]
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
        shipped = [r for r in csv.DictReader(fh) if r["entry_type"] != "claim"]  # claims are not incidents
    # two incidents added, both dated 2026, one by a hacktivist: counts follow the data, not a number typed anywhere
    n, dated = len(shipped) + 2, sum(1 for r in shipped if r["year"]) + 2
    first = min(int(r["year"]) for r in shipped if r["year"])
    sentence = f"Of the {n} incidents and campaigns, {dated} can be dated, from {first} to 2026"
    assert values["attack_dating_sentence"].startswith(sentence)
    hacktivists = sum(1 for r in shipped if r["actor_type"] == "hacktivist") + 1
    assert f"sources attribute {hacktivists} to hacktivists" in values["cyber_actor_sentence"]
    html = " ".join(BeautifulSoup((out / "paper.html").read_text(encoding="utf-8"), "html.parser").get_text(" ").split())
    assert sentence in html
    supplement = " ".join(BeautifulSoup((out / "supplement.html").read_text(encoding="utf-8"),
                                        "html.parser").get_text(" ").split())
    assert "Example group A" in supplement  # the supplement's incident table lists the new rows
    # The figure draws the new rows: its alt text, computed from the figure's table, spans the first dated year of the
    # CSV to 2026 and counts every dated incident and campaign, counted here from the CSV file.
    with open(tmp_path / "data" / "incidents.csv", encoding="utf-8", newline="") as fh:
        dated = [r for r in csv.DictReader(fh) if r["year"] and r["entry_type"] != "claim"]
    first = min(int(r["year"]) for r in dated)
    alt = next(r for nb in sorted((out / "notebooks").glob("*.ipynb"))
               for r in read_records(json.loads(nb.read_text(encoding="utf-8")))
               if r["kind"] == "figure" and r["name"] == "fig-incidents-by-year")["alt"]
    assert f"Stacked bar chart of {len(dated)} dated incidents and campaigns against Cambodia from {first} to 2026" in alt


DRAFT = "Draft Law on Cybercrime V.1"


def test_data_without_the_draft_law_build_a_report_that_says_so(tmp_path):
    # One data set that lacks a part the report examines, built whole with its report: the draft (so its Article 23
    # too). Each sentence's variants are checked on the section functions in the fast tier (test_report_sections.py),
    # and data without draft Article 23 alone on notebook 04's functions (test_edition_variants.py).
    data_dir, references = copy_inputs(tmp_path)
    drop_provisions(data_dir, lambda r: r["instrument"] == DRAFT)
    summary, log = run_build(BuildConfig(data_dir=data_dir, references=references, output_dir=tmp_path / "out"))
    assert summary.failed == 0 and summary.report is True, log
    # the comparison table is there, saying what is not coded, so its cross-reference resolves
    table = (tmp_path / "out" / "tables" / "tbl-art23-vs-art3.csv").read_text(encoding="utf-8")
    assert "the data hold no draft Article 23" in table
    text = " ".join(BeautifulSoup((tmp_path / "out" / "paper.html").read_text(encoding="utf-8"),
                                  "html.parser").get_text(" ").split())
    assert "Our data code no provision of the draft, so none of the Convention's 19 benchmark articles is counted." in text
    assert "Our data code no Article 23 of the draft, so no element is compared." in text
    assert "Our data code no offence provision of the draft." in text
    assert "Our data hold no provision of the draft the paper examines" in text
