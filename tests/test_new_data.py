"""The README's worked example runs as written and its new rows show up in the report's numbers and tables."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess

import pytest
from bs4 import BeautifulSoup
from support import copy_inputs, run_build

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


def _read(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _rewrite(path, rows: list[dict]) -> None:
    with open(path, encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _build_without(tmp_path, drop, report: bool = True) -> str:
    """Build a copy of the data without the provisions ``drop(row)`` picks; return the page's text (without the
    report: the text of every value and sentence the notebooks recorded, which is what the page shows of them)."""
    data_dir, references = copy_inputs(tmp_path)
    provisions = data_dir / "provisions.csv"
    with open(provisions, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    kept = [r for r in rows if not drop(r)]
    assert len(kept) < len(rows)
    gone = {r["provision_id"] for r in rows if drop(r)}
    _rewrite(provisions, kept)
    # what rests on the dropped rows goes with them: their penalties, quotations and second codings
    penalties = _read(data_dir / "penalties.csv")
    left = [p for p in penalties if not set(p["provisions"].split(";")) & gone]
    _rewrite(data_dir / "penalties.csv", left)
    gone |= {p["penalty_id"] for p in penalties} - {p["penalty_id"] for p in left}
    _rewrite(data_dir / "codings.csv", [c for c in _read(data_dir / "codings.csv") if c["record_id"] not in gone])
    for name in ("coding_second.csv", "decisions.csv"):
        _rewrite(data_dir / name, [c for c in _read(data_dir / name) if c["provision_id"] not in gone])
    summary, log = run_build(BuildConfig(data_dir=data_dir, references=references, output_dir=tmp_path / "out",
                                         report=report))
    assert summary.failed == 0 and summary.report == report, log
    # the comparison table is there, saying what is not coded, so its cross-reference resolves
    table = (tmp_path / "out" / "tables" / "tbl-art23-vs-art3.csv").read_text(encoding="utf-8")
    assert "the data hold no draft Article 23" in table
    if not report:
        return " ".join(" ".join(_values(tmp_path / "out").values()).split())
    return " ".join(BeautifulSoup((tmp_path / "out" / "paper.html").read_text(encoding="utf-8"),
                                  "html.parser").get_text(" ").split())


def test_data_without_the_draft_law_build_a_report_that_says_so(tmp_path):
    text = _build_without(tmp_path, lambda r: r["instrument"] == DRAFT)
    assert "Our data code no provision of the draft, so none of the Convention's 19 benchmark articles is counted." in text
    assert "Our data code no Article 23 of the draft, so no element is compared." in text
    assert "Our data code no offence provision of the draft." in text
    assert "Our data hold no provision of the draft the paper examines" in text


def test_data_without_draft_article_23_say_so(tmp_path):
    # The report itself is built (and its cross-reference to the comparison table resolved) by the test above, whose
    # data lack this article too; here the notebooks' recorded words suffice.
    text = _build_without(tmp_path, lambda r: r["instrument"] == DRAFT and r["article"] == "23", report=False)
    assert "Our data code no Article 23 of the draft, so no element is compared." in text
    assert "the draft's text as read shows every mandatory element of the Convention's definition" in text  # still counted
