"""Issue 12's "done when", end to end: a dataset that appends real EuRepoC rows (their own ids) to the shipped data,
with a bibliography whose keys are Zotero and JabRef style, validates and builds a report whose counts include them.

The importer makes the rows from real dashboard rows (tests/fixtures/eurepoc/); the expected count is that of a build
of the shipped data plus the imported rows the report's date (as_of) counts, worked out here from the rows' own dates.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from research import paths
from research.engine.config import section_notebooks
from research.engine.parameters import PARAMETERS
from research.report.cite import citations

pytestmark = pytest.mark.slow
FIXTURE = Path(__file__).parent / "fixtures" / "eurepoc"
RESEARCH = [sys.executable, "-m", "research"]
KEY = re.compile(r"^([a-z]+)([0-9]{4})([a-z0-9]*)$")


def zotero(key: str) -> str:
    """A Better BibTeX (Zotero) or JabRef style key for one of ours: ``eurepoc2023`` -> ``Eurepoc:2023-x``."""
    match = KEY.match(key)
    return f"{match[1].capitalize()}:{match[2]}-{match[3] or 'x'}" if match else key + ":zotero"


def rename(text: str, renamed: dict[str, str]) -> str:
    return re.sub(r"(?<![A-Za-z0-9_:./-])(" + "|".join(map(re.escape, renamed)) + r")(?![A-Za-z0-9_:./-])",
                  lambda m: renamed[m[1]], text)


@pytest.fixture(scope="module")
def own_data(tmp_path_factory):
    """The shipped data and bibliography, every key the prose does not cite in Zotero style, EuRepoC rows appended.

    The folder holds the CSV files only, as a user's own data may: no datapackage.json (the project's applies)."""
    root = tmp_path_factory.mktemp("own")
    data, bib = root / "data", root / "references.bib"
    shutil.copytree(paths.DATA_DIR, data, ignore=shutil.ignore_patterns("*.md", paths.DATAPACKAGE_NAME))
    used = citations(section_notebooks(paths.NOTEBOOKS_DIR), paths.NOTEBOOKS_DIR / "abstract.md", paths.DATA_DIR,
                     paths.REFERENCES)
    data_only = sorted(k for k, where in used.items() if all(w.startswith("data/") for w in where))
    renamed = {k: zotero(k) for k in data_only}
    renamed["eurepoc2023"] = "EuRepoC:2023-extract"
    bib.write_text(rename(paths.REFERENCES.read_text(encoding="utf-8"), renamed), encoding="utf-8")
    for table in data.glob("*.csv"):
        table.write_text(rename(table.read_text(encoding="utf-8"), renamed), encoding="utf-8")
    imported = subprocess.run([*RESEARCH, "import-incidents", "eurepoc", str(FIXTURE), "--data-dir", str(data),
                               "--references", str(bib), "--source", "EuRepoC:2023-extract", "--append"],
                              capture_output=True, text=True, timeout=300)
    assert imported.returncode == 0, imported.stderr
    return data, bib, renamed, imported.stderr


def test_the_imported_rows_keep_their_ids_and_the_zotero_key(own_data):
    data, bib, renamed, report = own_data
    rows = list(csv.DictReader(io.StringIO((data / "incidents.csv").read_text(encoding="utf-8"))))
    mine = [r for r in rows if r["incident_id"].startswith("EUREPOC-")]
    assert [r["incident_id"] for r in mine] == ["EUREPOC-387", "EUREPOC-1881"], report
    assert {r["source"] for r in mine} == {"EuRepoC:2023-extract"}
    assert "@dataset{EuRepoC:2023-extract," in bib.read_text(encoding="utf-8")
    assert len(renamed) > 10


def test_the_dataset_validates(own_data):
    data, bib, _, _ = own_data
    run = subprocess.run([*RESEARCH, "validate", str(data), "--references", str(bib)], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    assert "incidents" in run.stdout


def _build(data: Path, bib: Path, out: Path, *extra) -> dict:
    run = subprocess.run([*RESEARCH, "build", "--data-dir", str(data), "--references", str(bib), "--output-dir",
                          str(out), *extra], capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stderr
    return _recorded(out)


def _appendix_rows(output_dir: Path) -> int:
    with open(output_dir / "tables" / "tbl-incidents.csv", encoding="utf-8", newline="") as fh:
        return len(list(csv.DictReader(fh)))


def _incidents_and_campaigns(values: dict) -> int:
    """The incidents and campaigns that section 1's count sentence gives (claims are kept apart)."""
    found = re.search(r"(\d+) single incidents?, (\d+) campaigns?", values["attack_counts_sentence"])
    assert found, values["attack_counts_sentence"]
    return int(found.group(1)) + int(found.group(2))


def _recorded(out: Path) -> dict:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {**manifest["values"], **manifest["sentences"]}


def test_the_report_counts_them_and_cites_zotero_keys(own_data, executed_build, tmp_path_factory):
    data, bib, renamed, _ = own_data
    root = tmp_path_factory.mktemp("own-build")
    reference = _recorded(executed_build.output_dir)  # the shipped data, built by the session
    out = root / "output"
    values = _build(data, bib, out)
    as_of = PARAMETERS["as_of"].default
    rows = list(csv.DictReader(io.StringIO((data / "incidents.csv").read_text(encoding="utf-8"))))
    counted = [r for r in rows if r["incident_id"].startswith("EUREPOC-") and (r["date"] or r["year"]) <= as_of]
    assert counted, "no imported row falls before the report's date: the test needs one"
    # Section 1 counts attacks on Cambodia; the incident appendix lists every entry known on the edition's date,
    # whoever the victim, so it holds exactly the imported rows the date counts.
    on_cambodia = [r for r in counted if r["victim_country"] == "KHM" and r["entry_type"] != "claim"]
    assert _incidents_and_campaigns(values) == _incidents_and_campaigns(reference) + len(on_cambodia)
    assert _appendix_rows(out) == _appendix_rows(executed_build.output_dir) + len(counted)
    # Citations with the new keys are formatted by citeproc and linked to their entries.
    page = (out / "paper.html").read_text(encoding="utf-8")
    markdown = (out / ".paper.md").read_text(encoding="utf-8")
    cited = sorted(k for k in renamed.values() if f"@{k}" in markdown)
    assert cited, "no Zotero-style key is cited in the report (the test needs one)"
    for key in cited:
        assert f'id="ref-{key}"' in page and f'href="#ref-{key}"' in page, key
    assert "@" + cited[0] not in re.sub(r"<[^>]+>", "", page)
