"""data/README.md is the data dictionary generated from datapackage.json, and says what each column means."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from research import paths
from research.data import datadoc


def test_data_readme_is_up_to_date_with_the_schema():
    assert datadoc.write(paths.DATA_DIR, check=True), "run `research datadoc` after editing datapackage.json"


def test_data_readme_documents_every_table_column_and_basis():
    text = (paths.DATA_DIR / "README.md").read_text(encoding="utf-8")
    descriptor = json.loads((paths.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        assert f"## `{resource['path']}`" in text
        for field in resource["schema"]["fields"]:
            assert f"| `{field['name']}` |" in text
    for basis in ("paper", "primary", "secondary"):
        assert f"- `{basis}`:" in text


def test_datadoc_check_fails_when_the_readme_is_stale(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "datapackage.json").write_bytes((paths.DATA_DIR / "datapackage.json").read_bytes())
    (folder / "README.md").write_text("old\n")
    stale = subprocess.run([sys.executable, "-m", "research", "datadoc", str(folder), "--check"], capture_output=True, text=True)
    assert stale.returncode == 1 and "out of date" in stale.stderr
    subprocess.run([sys.executable, "-m", "research", "datadoc", str(folder)], check=True)
    assert (folder / "README.md").read_text() == (paths.DATA_DIR / "README.md").read_text()


def test_python_dash_m_research_validates_the_shipped_data():
    run = subprocess.run([sys.executable, "-m", "research", "validate"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert re.search(r": valid \(", run.stdout) and "invalid" not in run.stdout, run.stdout
