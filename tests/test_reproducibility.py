"""Reviewer workflow: byte-identical rebuilds whatever the environment, verify against a manifest, one build per
output folder at a time, and nothing lost when a build is interrupted or killed."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from support import warm_copy

from research import paths
from research.repro.manifest import compare

pytestmark = pytest.mark.slow
RESEARCH = [sys.executable, "-m", "research"]
REAPER = Path(__file__).with_name("reaper.py")


def _files(out: Path) -> dict[str, bytes]:
    skip = {".lock", ".paper.md"}
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".cache" not in p.parts and p.name not in skip}


def _cli_build(out: Path, env: dict | None = None, *extra) -> subprocess.CompletedProcess:
    return subprocess.run([*RESEARCH, "build", "--output-dir", str(out), *extra], cwd=paths.ROOT,
                          env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=600)


OTHER_ENVIRONMENT = {"PYTHONHASHSEED": "4242", "TZ": "Asia/Phnom_Penh", "LC_ALL": "C"}


@pytest.fixture(scope="module")
def two_builds(report_build, tmp_path_factory):
    """Two builds from scratch of the project's data in two environments: the session build (in this process's
    environment) and `research verify`'s own rebuild against its manifest, kept, under another hash seed, time zone
    and locale. The verification's certificate goes to ``certificate/``; the command's result comes along."""
    root = tmp_path_factory.mktemp("repro")
    reference = root / "manifest.json"
    reference.write_text((report_build.output_dir / "manifest.json").read_text())
    run = subprocess.run([*RESEARCH, "verify", "--reference", str(reference), "--keep", str(root / "b"),
                          "--output-dir", str(root / "certificate")], cwd=paths.ROOT,
                         env={**os.environ, **OTHER_ENVIRONMENT}, capture_output=True, text=True, timeout=900)
    return report_build.output_dir, root / "b", run, root


def test_two_builds_from_scratch_are_byte_identical_across_environments(two_builds):
    a, b, *_ = two_builds
    files_a, files_b = _files(a), _files(b)
    assert set(files_a) == set(files_b)
    assert {"paper.html", "paper.pdf", "paper.docx", "manifest.json"} <= set(files_a)
    different = [name for name in files_a if files_a[name] != files_b[name]]
    assert different == []


def test_manifest_lists_inputs_outputs_values_and_versions(two_builds):
    manifest = json.loads((two_builds[0] / "manifest.json").read_text())
    assert {"data/incidents.csv", "references.bib", "notebooks/01-under-attack.ipynb", "requirements.lock"} <= set(
        manifest["inputs"])
    assert {"paper.html", "paper.pdf", "paper.docx", "figures/fig-penalties.svg", "tables/tbl-provisions.csv"} <= set(
        manifest["outputs"])
    assert manifest["values"]["parties_at_paper"] == "63"
    assert {"python", "pandas", "matplotlib", "papermill"} <= set(manifest["versions"])


def test_compare_reports_changed_cells_and_values_of_a_real_manifest(two_builds):
    reference = json.loads((two_builds[0] / "manifest.json").read_text())
    current = copy.deepcopy(reference)
    table = current["tables"]["tbl-recommendations"]
    old_cell = table[1][0]
    table[1][0] = "A different recommendation"
    current["outputs"]["tables/tbl-recommendations.csv"] = "0" * 64
    current["values"]["attack_n_undated"] = "99"
    comparison = compare(reference, current)
    ok, lines = comparison.ok, comparison.lines
    assert not ok
    text = "\n".join(lines)
    assert "different  tables/tbl-recommendations.csv" in text
    assert f"row 1, {table[0][0]}: {old_cell!r} -> 'A different recommendation'" in text
    assert f"value attack_n_undated: {reference['values']['attack_n_undated']!r} -> '99'" in text
    assert compare(reference, reference).ok


def test_verify_passes_against_its_own_build(two_builds):
    *_, run, root = two_builds
    assert run.returncode == 0, run.stdout + run.stderr
    assert "all outputs and values match" in run.stdout
    page = (root / "certificate" / "verification.html").read_text(encoding="utf-8")
    assert "Every output and every recorded value was reproduced." in page
    assert (root / "certificate" / "verification.pdf").read_bytes().startswith(b"%PDF")


def test_verify_fails_on_a_changed_reference(two_builds, tmp_path, monkeypatch, capsys):
    # The rebuild itself is what test_verify_passes_against_its_own_build checks; here `research verify` is handed a
    # copy of that rebuild, so that what this test checks is the comparison, the exit status and the certificate.
    import research.build
    from research.cli import main

    _, rebuilt, run, _ = two_builds
    assert run.returncode == 0, run.stdout + run.stderr

    def copy_of_the_rebuild(config):
        shutil.copytree(rebuilt, config.output_dir, dirs_exist_ok=True)

    monkeypatch.setattr(research.build, "build", copy_of_the_rebuild)
    reference = tmp_path / "manifest.json"
    changed = json.loads((rebuilt / "manifest.json").read_text())
    changed["values"]["attack_n_undated"] = "1"
    changed["outputs"]["figures/fig-parties.svg"] = "0" * 64
    reference.write_text(json.dumps(changed))
    assert main(["verify", "--reference", str(reference), "--output-dir", str(tmp_path / "bad")]) == 1
    out = capsys.readouterr().out
    page = (tmp_path / "bad" / "verification.html").read_text(encoding="utf-8")
    assert "2 of " in page and "items were not reproduced" in page and "&#39;1&#39; -&gt;" in page
    assert "different  figures/fig-parties.svg" in out
    assert "value attack_n_undated: '1' ->" in out


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_an_interrupted_build_keeps_the_last_good_report_and_leaves_no_process(two_builds, tmp_path, sig):
    # The last good report: a copy of the session build with its cache (what `research build` left there).
    out, temp = warm_copy(two_builds[0], tmp_path / "out"), tmp_path / "tmp"
    temp.mkdir()
    env = {"TMPDIR": str(temp)}
    before = _files(out)
    stopped = subprocess.run([sys.executable, str(REAPER), str(int(sig)), *RESEARCH, "build", "--force",
                              "--output-dir", str(out)], cwd=paths.ROOT, capture_output=True, text=True, timeout=300,
                             env={**os.environ, "TMPDIR": str(temp)})
    assert stopped.returncode == 0, stopped.stdout + stopped.stderr  # every process the build left has exited
    report = json.loads(stopped.stdout)
    # Ctrl-C and SIGTERM: the command says "interrupted" and exits 130; SIGKILL: the process is simply gone
    assert report["returncode"] == (-signal.SIGKILL if sig == signal.SIGKILL else 130)
    if sig == signal.SIGKILL:  # nobody could stop the zygote: it noticed its parent was gone and went
        assert report["orphans_reaped"] >= 1
    else:  # nothing of the build is left behind: no staging folder, no zygote folder with kernel connection keys
        assert not (out / ".staging").exists()
    assert sorted(p.name for p in temp.iterdir()) == []  # the zygote removes its folder even after SIGKILL
    after = _files(out)
    for name in ("paper.html", "paper.pdf", "manifest.json"):
        assert after[name] == before[name]
    # A later build finishes the job, trusting only entries written for complete runs, and cleans up after SIGKILL
    again = _cli_build(out, env)
    assert again.returncode == 0, again.stderr
    assert _files(out) == before
    assert not (out / ".staging").exists() and sorted(p.name for p in temp.iterdir()) == []


@pytest.fixture(scope="module")
def csl_build(two_builds, tmp_path_factory):
    """A copy of the session build whose report is rebuilt with a numbered CSL style, dated by SOURCE_DATE_EPOCH."""
    root = tmp_path_factory.mktemp("csl")
    style = root / "numeric.csl"
    style.write_text("""<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Numbered test style</title><id>numbered-test</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout prefix="[" suffix="]" delimiter=", "><text variable="citation-number"/></layout></citation>
  <bibliography><layout><text variable="citation-number" prefix="(" suffix=") "/><text variable="title"/></layout></bibliography>
</style>
""")
    out = warm_copy(two_builds[0], root / "csl")
    run = _cli_build(out, {"SOURCE_DATE_EPOCH": "1552000000"}, "--csl", str(style))
    assert run.returncode == 0, run.stderr
    return out


def test_a_csl_style_changes_how_citations_are_rendered(two_builds, csl_build):
    def text(path):
        return re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))

    numbered, default = text(csl_build / "paper.html"), text(two_builds[0] / "paper.html")
    assert "(Nguon and Srun 2019)" in default and "(Nguon and Srun 2019)" not in numbered
    assert "[1]" in numbered and "[1]" not in default


def test_report_date_comes_from_source_date_epoch_not_the_clock(two_builds, csl_build):
    assert "07 March 2019" in (csl_build / "paper.html").read_text(encoding="utf-8")  # 1552000000 is 2019-03-07 UTC
    # without it, the date of the commit built (the session build's)
    assert "07 March 2019" not in (two_builds[0] / "paper.html").read_text(encoding="utf-8")
