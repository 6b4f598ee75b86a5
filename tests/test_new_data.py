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
        shipped = [r for r in csv.DictReader(fh) if r["entry_type"] != "claim"]  # claims are not incidents
    # two incidents added, both dated 2026: counts follow the data, not a number typed anywhere
    assert values["n_incidents"] == len(shipped) + 2
    assert values["n_dated"] == sum(1 for r in shipped if r["year"]) + 2
    assert values["last_year"] == 2026
    assert values["n_hacktivist"] == sum(1 for r in shipped if r["actor_type"] == "hacktivist") + 1
    html = (out / "paper.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)  # each number is a link to where it comes from: read the text
    assert f"It holds {values['n_incidents']} incidents and campaigns" in text
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


def _build_without(tmp_path, drop) -> str:
    """Build a copy of the data without the provisions ``drop(row)`` picks; return the page's text."""
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
    _rewrite(data_dir / "coding_second.csv",
             [c for c in _read(data_dir / "coding_second.csv") if c["provision_id"] not in gone])
    summary, log = run_build(BuildConfig(data_dir=data_dir, references=references, output_dir=tmp_path / "out"))
    assert summary.failed == 0 and summary.report, log
    # the comparison table is there, saying what is not coded, so its cross-reference resolves
    table = (tmp_path / "out" / "tables" / "tbl-art23-vs-art3.csv").read_text(encoding="utf-8")
    assert "the data hold no draft Article 23" in table
    return " ".join(BeautifulSoup((tmp_path / "out" / "paper.html").read_text(encoding="utf-8"),
                                  "html.parser").get_text(" ").split())


def test_data_without_the_draft_law_build_a_report_that_says_so(tmp_path):
    text = _build_without(tmp_path, lambda r: r["instrument"] == DRAFT)
    assert "The data code no provision of the draft law, so none of its counterparts is counted." in text
    assert "the data code no draft Article 23, so no element is compared" in text
    assert "The data code no offence provision of the draft law. ( Figure" in text


def test_data_without_draft_article_23_build_a_report_that_says_so(tmp_path):
    text = _build_without(tmp_path, lambda r: r["instrument"] == DRAFT and r["article"] == "23")
    assert "the data code no draft Article 23, so no element is compared" in text
    assert "the draft has a counterpart whose known text meets the Convention's definition for" in text  # still counted


@pytest.mark.parametrize("as_of", ["2019-03-31", "2026-12-01"])
def test_an_edition_as_of_a_date_holds_only_what_was_valid_or_known_then(tmp_path, as_of):
    data_dir, references = copy_inputs(tmp_path)
    out = tmp_path / "out"
    summary, log = run_build(BuildConfig(data_dir=data_dir, references=references, output_dir=out,
                                         parameters={"as_of": as_of}))
    assert summary.failed == 0 and summary.report, log
    with open(data_dir / "provisions.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    # the Law on Electronic Commerce begins on 2 November 2019: absent from the March 2019 edition, present later
    later = [r for r in rows if r["instrument"] == "Law on Electronic Commerce"]
    assert later and all(r["valid_from"] > "2019-03-31" for r in later)
    table = (out / "tables" / "tbl-provisions.csv").read_text(encoding="utf-8")
    assert ("Law on Electronic Commerce" in table) == (as_of > "2019-11-02")
    # the count of Parties the report quotes as the latest follows the date too
    assert _values(out)["parties_latest"] == (63 if as_of == "2019-03-31" else 76)
