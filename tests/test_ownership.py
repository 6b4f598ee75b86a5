"""The build deletes and replaces only what it wrote: `clean`, `build`, `diff --output`, `dist` and `verify` refuse
someone's folder or file in one line and leave it as it was; `clean` refuses while a build or a sweep holds the lock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from research.cli import main
from research.engine.lock import OutputLock
from research.engine.ownership import MARKER, claim, foreign_entry
from research.engine.publish import Outputs, assemble, store, swap


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _home(tmp: Path) -> Path:
    home = tmp / "home"
    (home / ".cache" / "pip").mkdir(parents=True)
    (home / ".cache" / "pip" / "wheel.whl").write_bytes(b"wheel")
    (home / "notes.txt").write_text("my notes")
    return home


def _web_project(tmp: Path) -> Path:
    web = tmp / "web"
    web.mkdir()
    (web / "manifest.json").write_text('{"name": "my app", "start_url": "/"}')
    (web / "index.html").write_text("<h1>my app</h1>")
    return web


def _only_cache(tmp: Path) -> Path:
    home = tmp / "bare"
    (home / ".cache" / "fontconfig").mkdir(parents=True)
    (home / ".cache" / "fontconfig" / "x.cache").write_bytes(b"fonts")
    return home


def _only_manifest(tmp: Path) -> Path:
    web = tmp / "pwa"
    web.mkdir()
    (web / "manifest.json").write_text('{"name": "my app"}')
    return web


def _built(tmp: Path, marked: bool = True) -> Path:
    out = tmp / "out"
    store(out, "01", Outputs({"notebooks/01.ipynb": b"{}", "figures/fig-a.png": b"png"}, {}), "k")
    tree = assemble(out, ["01"])
    (tree / "manifest.json").write_text("{}")
    swap(out, ["01"])
    if marked:
        claim(out)
    return out


def _dropped_in_figures(tmp: Path) -> Path:
    out = _built(tmp)
    (out / "figures" / "my-drawing.png").write_bytes(b"mine")
    return out


SOMEONES = {"a home folder with .cache and a file": (_home, "notes.txt"),
            "a folder with only another program's .cache": (_only_cache, ".cache/fontconfig"),
            "a web project with a manifest.json": (_web_project, "index.html"),
            "a web project's lone manifest.json": (_only_manifest, "manifest.json"),
            "a file dropped into a build's figures": (_dropped_in_figures, "figures/my-drawing.png")}


@pytest.mark.parametrize("case", list(SOMEONES))
def test_clean_refuses_a_folder_holding_files_no_build_wrote(case, tmp_path, capsys):
    make, named = SOMEONES[case]
    folder = make(tmp_path)
    before = _tree(tmp_path)
    assert main(["clean", "--output-dir", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert f"holds files that no build wrote ({named}): refusing to delete them" in err
    assert _tree(tmp_path) == before


@pytest.mark.parametrize("case", list(SOMEONES))
def test_build_refuses_a_folder_holding_files_no_build_wrote(case, tmp_path, data_copy, references_copy, capsys):
    make, named = SOMEONES[case]
    folder = make(tmp_path)
    before = _tree(tmp_path)
    assert main(["build", "--data-dir", str(data_copy), "--references", str(references_copy), "--output-dir",
                 str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"holds files that no build wrote ({named})" in err, err
    assert _tree(tmp_path) == before


def test_clean_removes_a_marked_build_and_a_previous_versions_unmarked_one(tmp_path):
    marked = _built(tmp_path / "a")
    assert (marked / MARKER).is_file()
    legacy = _built(tmp_path / "b", marked=False)  # the layout the previous version left: no mark
    assert foreign_entry(legacy) is None
    for out in (marked, legacy):
        assert main(["clean", "--output-dir", str(out)]) == 0
        assert not out.exists()


def test_clean_refuses_while_a_build_or_sweep_holds_the_folder(tmp_path, capsys):
    out = _built(tmp_path)
    before = _tree(out)
    with OutputLock(out):  # what build and sweep hold for their whole run
        assert main(["clean", "--output-dir", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "a build or a sweep is writing to" in err, err
    assert {k: v for k, v in _tree(out).items() if k != ".lock"} == before


def test_sweep_takes_the_builds_lock(tmp_path, data_copy, references_copy, capsys):
    out = tmp_path / "out"
    with OutputLock(out):
        status = main(["sweep", "--countries", "KHM", "--data-dir", str(data_copy), "--references",
                       str(references_copy), "--output-dir", str(out)])
    err = capsys.readouterr().err
    assert status == 1 and err.count("\n") == 1 and "a build or a sweep is writing to" in err, err
    assert not (out / "profiles").exists()


def _edition(tmp: Path) -> Path:
    from research import paths

    folder = tmp / "edition"
    folder.mkdir()
    (folder / "manifest.json").write_bytes((paths.REPRODUCIBILITY_DIR / "manifest.json").read_bytes())
    return folder


def test_diff_refuses_to_write_over_an_input_or_someones_file(tmp_path, data_copy, capsys):
    from research import paths

    edition = _edition(tmp_path)
    mine = tmp_path / "mine.html"
    mine.write_text("<p>my page</p>")
    project_data = paths.DATA_DIR / "incidents.csv"
    before = project_data.read_bytes()
    for target, rule in ((project_data, "is an input or inside one"), (mine, "was not written by this tool"),
                         (edition / "manifest.json", "was not written by this tool"),
                         (tmp_path, "is not a regular file")):
        assert main(["diff", str(edition), str(edition), "--output", str(target)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and rule in err and str(target) in err, err
    assert project_data.read_bytes() == before and mine.read_text() == "<p>my page</p>"
    page = tmp_path / "diff.html"  # its own page it may write, and write again
    assert main(["diff", str(edition), str(edition), "--output", str(page)]) == 0
    assert main(["diff", str(edition), str(edition), "--output", str(page)]) == 0


def test_dist_and_verify_refuse_to_write_among_the_inputs(tmp_path, capsys):
    from research import paths

    out = _built(tmp_path)
    (out / "paper.html").write_text("x")
    (out / "paper.pdf").write_text("x")
    (out / "manifest.json").write_text(json.dumps({"inputs": {}}))
    before = _tree(paths.DATA_DIR)
    status = main(["dist", "--output-dir", str(out), "--dist-dir", str(paths.DATA_DIR)])
    err = capsys.readouterr().err
    assert status == 1 and err.count("\n") == 1 and "Traceback" not in err, err
    mine = tmp_path / "certs"
    mine.mkdir()
    (mine / "verification.html").write_text("my own notes")
    assert main(["verify", "--output-dir", str(mine), "--reference", str(tmp_path / "none.json")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "was not written by this tool" in err, err
    assert _tree(paths.DATA_DIR) == before and (mine / "verification.html").read_text() == "my own notes"


def test_what_a_notebook_run_on_its_own_wrote_is_recognised(tmp_path):
    out = tmp_path / "output"  # a notebook run in Jupyter writes to output/ before any build
    (out / "figures").mkdir(parents=True)
    (out / "figures" / "fig-actor-impact.svg").write_text("<svg/>")
    (out / "tables").mkdir()
    (out / "tables" / "tbl-provisions.csv").write_text("a\n")
    assert foreign_entry(out) is None
    (out / "figures" / "holiday.jpg").write_bytes(b"mine")
    assert foreign_entry(out) == "figures/holiday.jpg"


def test_every_file_the_report_writes_is_the_builds_own(tmp_path):
    # the paper, its supplement and their Markdown sources, and each figure's data table (tables/fig-*.csv)
    out = _built(tmp_path)
    for name in ("paper.html", "paper.pdf", "paper.docx", ".paper.md", "supplement.html", ".supplement.md"):
        (out / name).write_text("x")
    (out / "tables").mkdir(exist_ok=True)
    (out / "tables" / "fig-coverage.csv").write_text("row\n")
    assert foreign_entry(out) is None
