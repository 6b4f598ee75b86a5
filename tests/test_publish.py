"""A build publishes all or nothing: successes are stored in the cache, the tree is assembled and swapped in whole, a
swap cut short is finished by the next build, signals wait for the swap; `clean` deletes only a build's folder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile

import pytest

from research import paths
from research.cli import main
from research.engine import cache
from research.engine.config import remove_output
from research.engine.publish import (
    JOURNAL,
    TREE,
    Outputs,
    _apply,
    assemble,
    is_published,
    recover,
    signals_deferred,
    staging_dir,
    store,
    store_root,
    stored_failure,
    swap,
)
from research.errors import ParameterError
from research.kernels.client import FOLDER_PREFIX, remove_stale_folders


def _outputs(name: str, text: str) -> Outputs:
    return Outputs({f"notebooks/{name}.ipynb": f"{{\"nb\": \"{text}\"}}".encode(),
                    f"tables/tbl-{name}.csv": f"a\n{text}\n".encode()}, {})


def _published(out) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.relative_to(out).as_posix().startswith((".cache/", ".failed/", ".staging"))}


def _publish(out, names):
    tree = assemble(out, names)
    (tree / "manifest.json").write_text(json.dumps(names))
    swap(out, names)


def test_a_stored_run_is_cached_but_not_published_until_the_swap(tmp_path):
    out = tmp_path / "out"
    store(out, "01", _outputs("01", "one"), "key-1")
    assert cache.is_fresh(store_root(out), "01", "key-1", store_root(out) / "01")
    assert not (out / "notebooks").exists() and not (out / "tables").exists()
    assert not is_published(out, ["01"])
    _publish(out, ["01"])
    assert _published(out) == {"manifest.json": b'["01"]', "notebooks/01.ipynb": b'{"nb": "one"}',
                               "tables/tbl-01.csv": b"a\none\n"}
    assert is_published(out, ["01"]) and not staging_dir(out).exists()


def test_a_new_store_changes_the_marker_and_the_swap_replaces_the_tree_whole(tmp_path):
    out = tmp_path / "out"
    store(out, "01", _outputs("01", "one"), "k")
    store(out, "02", _outputs("02", "two"), "k")
    _publish(out, ["01", "02"])
    (out / "tables" / "stray.csv").write_text("left by an older build")
    store(out, "02", Outputs({"notebooks/02.ipynb": b"{}"}, {}), "k")  # same key, other outputs
    assert not is_published(out, ["01", "02"])
    _publish(out, ["01", "02"])
    assert sorted(_published(out)) == ["manifest.json", "notebooks/01.ipynb", "notebooks/02.ipynb",
                                       "tables/tbl-01.csv"]
    assert is_published(out, ["01", "02"])


def test_a_stored_success_removes_the_kept_failure(tmp_path):
    out = tmp_path / "out"
    stored_failure(out, "01").parent.mkdir(parents=True)
    stored_failure(out, "01").write_bytes(b"partial")
    store(out, "01", _outputs("01", "one"), "k")
    assert not stored_failure(out, "01").exists()


@pytest.mark.parametrize("done", [0, 1, 2, 3])
def test_a_swap_cut_short_is_finished_by_the_next_build(tmp_path, done):
    out = tmp_path / "out"
    store(out, "01", _outputs("01", "old"), "k")
    _publish(out, ["01"])
    (out / "paper.html").write_text("old report")
    store(out, "01", _outputs("01", "new"), "k")
    tree = assemble(out, ["01"])
    (tree / "manifest.json").write_text("new")
    (tree / "paper.html").unlink()  # the new tree has no report: the old one must go
    journal = {"install": ["notebooks", "tables", "manifest.json"], "remove": ["paper.html"]}
    (staging_dir(out) / JOURNAL).write_text(json.dumps(journal))
    partial = {"install": journal["install"][:done], "remove": []}
    (staging_dir(out) / "old").mkdir()
    for rel in partial["install"]:  # what the killed build managed before SIGKILL
        os.replace(out / rel, staging_dir(out) / "old" / rel)
        os.replace(tree / rel, out / rel)
    recover(out)
    assert _published(out) == {"manifest.json": b"new", "notebooks/01.ipynb": b'{"nb": "new"}',
                               "tables/tbl-01.csv": b"a\nnew\n"}
    assert not staging_dir(out).exists()


def test_applying_a_journal_twice_changes_nothing_more(tmp_path):
    out = tmp_path / "out"
    store(out, "01", _outputs("01", "x"), "k")
    assemble(out, ["01"])
    journal = {"install": ["notebooks", "tables"], "remove": ["paper.pdf"]}
    _apply(out, journal)
    first = _published(out)
    _apply(out, journal)  # nothing left in the tree: the second pass must not move the new entries away
    assert _published(out) == first and (out / "notebooks" / "01.ipynb").exists()
    assert not (staging_dir(out) / TREE / "tables").exists()


def test_signals_wait_until_the_swap_is_done():
    # Python's own Ctrl-C handler, whatever the test was started from: a shell without job control starts a
    # background job with SIGINT ignored, and a signal ignored before the block stays ignored after it
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    done = []
    try:
        with pytest.raises(KeyboardInterrupt), signals_deferred():
            signal.raise_signal(signal.SIGINT)
            done.append("after the signal, still inside the block")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert done == ["after the signal, still inside the block"]


def test_zygote_folders_of_processes_that_are_gone_are_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    dead = tmp_path / f"{FOLDER_PREFIX}{gone.pid}-abc"
    alive = tmp_path / f"{FOLDER_PREFIX}{os.getpid()}-def"
    other = tmp_path / "research-zygote-notapid-x"
    for folder in (dead, alive, other):
        folder.mkdir()
        (folder / "kernel-1.json").write_text('{"key": "secret"}')
    assert remove_stale_folders() == [dead.name]
    assert not dead.exists() and alive.exists() and other.exists()


# ---- clean -----------------------------------------------------------------------------------------------------


def test_clean_removes_a_build_output_folder(tmp_path, capsys):
    out = tmp_path / "out"
    store(out, "01", _outputs("01", "x"), "k")
    _publish(out, ["01"])
    assert main(["clean", "--output-dir", str(out)]) == 0
    assert not out.exists()
    assert main(["clean", "--output-dir", str(out)]) == 0
    assert "nothing to remove" in capsys.readouterr().out


@pytest.mark.parametrize("where, message", [
    (lambda tmp, data: data, "is {data}, an input: refusing to delete it"),
    (lambda tmp, data: data / "sub", "is inside {data}, an input: refusing to delete it"),
    (lambda tmp, data: tmp, "contains {data}: deleting it would delete its own inputs"),
    (lambda tmp, data: paths.DATA_DIR, "an input: refusing to delete it"),
    (lambda tmp, data: paths.ROOT, "deleting it would delete its own inputs"),
    (lambda tmp, data: tmp / "thesis", "holds files that no build wrote (chapter1.tex): refusing to delete them"),
    (lambda tmp, data: tmp / "thesis" / "chapter1.tex", "is a file, not a folder"),
])
def test_clean_applies_the_builds_folder_checks(tmp_path, data_copy, capsys, where, message):
    (tmp_path / "thesis").mkdir()
    (tmp_path / "thesis" / "chapter1.tex").write_text("my own work")
    target = where(tmp_path, data_copy)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert main(["clean", "--output-dir", str(target), "--data-dir", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert message.format(data=data_copy.resolve()) in err and err.count("\n") == 1, err
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_remove_output_refuses_without_deleting(tmp_path):
    with pytest.raises(ParameterError):
        remove_output(paths.NOTEBOOKS_DIR)
    assert any(paths.NOTEBOOKS_DIR.glob("*.ipynb"))


def test_make_clean_refuses_the_data_folder(data_copy):
    run = subprocess.run(["make", "-s", "clean", f"OUTPUT_DIR={data_copy}", f"DATA_DIR={data_copy}"], cwd=paths.ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and "an input: refusing to delete it" in run.stderr
    assert (data_copy / paths.DATAPACKAGE_NAME).exists()
