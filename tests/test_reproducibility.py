"""Reviewer workflow: the edition bundled by `research dist`, unzipped elsewhere, rebuilds and verifies itself;
byte-identical rebuilds whatever the environment, verify against a manifest, one build per output folder at a time,
and nothing lost when a build is interrupted or killed."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support import warm_copy

from research import paths
from research.nb.glue import read_records
from research.repro.dist import make_dist
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
def bundle(report_build, tmp_path_factory):
    """The session build bundled by `research dist` and unzipped elsewhere, where the README's two commands ran under
    another hash seed, time zone and locale (with this environment standing in for a fresh .venv): `make paper`
    built the edition from scratch into the bundle's output/, and `make verify` rebuilt it from scratch once more
    and compared it with the session build's manifest (the bundle's reproducibility/manifest.json), writing its
    certificate to output/. These are the builds from scratch that the tests below set beside the session's.

    Returns the zip, the unzipped folder and each command's result, by its goal."""
    tmp = tmp_path_factory.mktemp("bundle")
    target = make_dist(report_build.output_dir, tmp / "dist")
    version = target.stem.rsplit("-", 1)[-1]
    with zipfile.ZipFile(target) as archive:
        archive.extractall(tmp / "fresh")
    root = tmp / "fresh" / f"cambodia-cyberlaw-{version}"
    (root / ".venv").symlink_to(paths.ROOT / ".venv")
    env = {**os.environ, **OTHER_ENVIRONMENT, "PYTHONPATH": str(root / "src")}
    for k in ("DATA_DIR", "OUTPUT_DIR", "REFERENCES"):
        env.pop(k, None)
    runs = {goal: subprocess.run(["make", "-o", ".venv/.installed", goal, "JOBS=2"], cwd=root, env=env,
                                 capture_output=True, text=True, timeout=900) for goal in ("paper", "verify")}
    return target, root, runs


def test_the_bundle_unzipped_elsewhere_rebuilds_and_verifies_itself(report_build, bundle):
    target, root, runs = bundle
    version = target.stem.rsplit("-", 1)[-1]
    assert target.name == f"cambodia-cyberlaw-{version}.zip"
    with zipfile.ZipFile(target) as archive:
        names = {n.split("/", 1)[1] for n in archive.namelist()}
    assert {"paper.html", "paper.pdf", "paper.docx", "data/datapackage.json", "data/codebook.md", "references.bib",
            "notebooks/01-under-attack.ipynb", "reproducibility/manifest.json", "requirements.lock", "CITATION.cff",
            "ro-crate-metadata.json", "README.md", "Makefile", "pyproject.toml", "src/research/cli/__init__.py"} <= names

    # RO-Crate: each figure and table made by the notebook that recorded it, from the files it read.
    graph = {e["@id"]: e for e in json.loads((root / "ro-crate-metadata.json").read_text())["@graph"]}
    made = {}
    for f in sorted((report_build.output_dir / "notebooks").glob("*.ipynb")):
        for r in read_records(json.loads(f.read_text())):
            if r["kind"] in ("figure", "table"):
                made[r["name"]] = f"notebooks/{f.name}"
    assert made
    for label, notebook in made.items():
        action = graph[f"#made-{label}"]
        assert action["@type"] == "CreateAction" and action["instrument"] == {"@id": notebook}
        files = [o for o in action["object"] if not o["@id"].startswith("#param-")]
        assert all(o["@id"] in graph and (root / o["@id"]).is_file() for o in files)
        assert {"@id": "data/datapackage.json"} in files
        assert all((root / r["@id"]).is_file() and r["@id"].split("/")[0] in ("figures", "tables")
                   for r in action["result"])
        parameters = [graph[o["@id"]] for o in action["object"] if o["@id"].startswith("#param-")]
        assert all(p["@type"] == "PropertyValue" for p in parameters)
        assert {p["name"] for p in parameters} >= {"khr_per_usd", "as_of"}

    # The README's two commands, in the unzipped folder.
    readme = (root / "README.md").read_text()
    assert "make paper" in readme and "make verify" in readme
    for goal, run in runs.items():
        assert run.returncode == 0, f"make {goal}: {run.stdout[-3000:]}{run.stderr[-3000:]}"
    assert "all outputs and values match" in runs["verify"].stdout
    assert (root / "output" / "verification.html").is_file() and (root / "output" / "paper.html").is_file()


def test_two_builds_from_scratch_are_byte_identical_across_environments(report_build, bundle):
    # The session build (this checkout, this process's environment) and the bundle's `make paper` (another folder,
    # another hash seed, time zone and locale).
    _, root, runs = bundle
    assert runs["paper"].returncode == 0, runs["paper"].stdout[-3000:] + runs["paper"].stderr[-3000:]
    files_a, files_b = _files(report_build.output_dir), _files(root / "output")
    # Beside the bundle's build lies the certificate `make verify` wrote; and each manifest says where it was built.
    assert files_b.pop("verification.html") and files_b.pop("verification.pdf")
    assert json.loads(files_a["manifest.json"])["built_from"] == "checkout"
    assert json.loads(files_b["manifest.json"])["built_from"] == "bundle"
    files_b["manifest.json"] = files_b["manifest.json"].replace(b'"built_from": "bundle"', b'"built_from": "checkout"')
    assert set(files_a) == set(files_b)
    assert {"paper.html", "paper.pdf", "paper.docx", "manifest.json"} <= set(files_a)
    different = [name for name in files_a if files_a[name] != files_b[name]]
    assert different == []


def test_manifest_lists_inputs_outputs_values_and_versions(report_build):
    manifest = json.loads((report_build.output_dir / "manifest.json").read_text())
    assert {"data/incidents.csv", "references.bib", "notebooks/01-under-attack.ipynb", "requirements.lock"} <= set(
        manifest["inputs"])
    assert {"paper.html", "paper.pdf", "paper.docx", "figures/fig-penalties.svg", "tables/tbl-provisions.csv"} <= set(
        manifest["outputs"])
    assert manifest["values"]["parties_at_paper"] == "63"
    assert {"python", "pandas", "matplotlib", "papermill"} <= set(manifest["versions"])


def test_compare_reports_changed_cells_and_values_of_a_real_manifest(report_build):
    reference = json.loads((report_build.output_dir / "manifest.json").read_text())
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


def test_verify_passes_against_its_own_build(bundle):
    # `make verify` in the bundle: `research verify` against the session build's manifest, in another environment
    _, root, runs = bundle
    run = runs["verify"]
    assert run.returncode == 0, run.stdout + run.stderr
    assert "all outputs and values match" in run.stdout
    page = (root / "output" / "verification.html").read_text(encoding="utf-8")
    assert "Every output and every recorded value was reproduced." in page
    assert (root / "output" / "verification.pdf").read_bytes().startswith(b"%PDF")


def test_verify_fails_on_a_changed_reference(bundle, tmp_path, monkeypatch, capsys):
    # A rebuild from scratch is what test_verify_passes_against_its_own_build checks; here `research verify` is handed
    # a copy of one (the bundle's `make paper`), so that what this test checks is the comparison, the exit status and
    # the certificate.
    import research.build
    from research.cli import main

    _, root, runs = bundle
    rebuilt, run = root / "output", runs["paper"]
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
def test_an_interrupted_build_keeps_the_last_good_report_and_leaves_no_process(report_build, tmp_path, sig):
    # The last good report: a copy of the session build with its cache (what `research build` left there).
    out, temp = warm_copy(report_build.output_dir, tmp_path / "out"), tmp_path / "tmp"
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
def csl_build(report_build, tmp_path_factory):
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
    out = warm_copy(report_build.output_dir, root / "csl")
    run = _cli_build(out, {"SOURCE_DATE_EPOCH": "1552000000"}, "--csl", str(style))
    assert run.returncode == 0, run.stderr
    return out


def test_a_csl_style_changes_how_citations_are_rendered(report_build, csl_build):
    def text(path):
        return re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))

    numbered, default = text(csl_build / "paper.html"), text(report_build.output_dir / "paper.html")
    assert "(Nguon and Srun 2019)" in default and "(Nguon and Srun 2019)" not in numbered
    assert "[1]" in numbered and "[1]" not in default


def test_report_date_comes_from_source_date_epoch_not_the_clock(report_build, csl_build):
    assert "07 March 2019" in (csl_build / "paper.html").read_text(encoding="utf-8")  # 1552000000 is 2019-03-07 UTC
    # without it, the date of the commit built (the session build's)
    assert "07 March 2019" not in (report_build.output_dir / "paper.html").read_text(encoding="utf-8")
