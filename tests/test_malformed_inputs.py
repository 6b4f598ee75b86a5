"""Every reviewer command and the cache, given malformed input of any kind (truncated JSON, the wrong shape, nesting
absurdly deep, a scheduler address that is not one), prints one line naming the file or value and exits non-zero at
once: no traceback, nothing waited for, nothing written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from research import paths
from research.cli import main
from research.engine import cache
from research.engine.publish import JOURNAL, is_published, recover, staging_dir

REFERENCE = paths.REPRODUCIBILITY_DIR / "manifest.json"
GOOD = REFERENCE.read_text(encoding="utf-8")

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                        max_size=3), max_leaves=8)
good = json.loads(GOOD)
wrong_shapes = st.sampled_from(sorted(good)).flatmap(
    lambda key: json_values.map(lambda value, key=key: json.dumps({**good, key: value})))
malformed = st.one_of(
    st.integers(min_value=0, max_value=len(GOOD) - 2).map(lambda n: GOOD[:n]),  # truncated
    json_values.map(json.dumps),  # any JSON, of any shape
    wrong_shapes,  # a manifest with one field of the wrong shape
    st.integers(min_value=2_000, max_value=200_000).map(lambda n: "[" * n + "]" * n),  # nested absurdly deep
    st.binary(max_size=20).map(lambda b: b.decode("latin-1")),
)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _one_line_refusal(arguments, capsys) -> str:
    try:
        status = main(arguments)
    except SystemExit as exc:
        status = exc.code
    err = capsys.readouterr().err
    assert status not in (0, None), err
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert "internal error" not in err, err
    return err


def _is_acceptable_manifest(text: str) -> bool:
    from research.repro.manifest import read_manifest

    path = Path("/tmp") / "research-manifest-probe.json"
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    try:
        read_manifest(path)
        return True
    except Exception:  # noqa: BLE001
        return False


@SETTINGS
@given(text=malformed)
def test_diff_of_a_malformed_manifest_is_one_line(tmp_path, capsys, text):
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8", errors="surrogateescape")
    if _is_acceptable_manifest(text):
        return  # a well-formed manifest that happens to be drawn: compared, which is not this test's concern
    err = _one_line_refusal(["diff", str(bad), str(REFERENCE), "--output", str(tmp_path / "d.html")], capsys)
    assert str(bad) in err
    assert not (tmp_path / "d.html").exists()


@SETTINGS
@given(text=malformed)
def test_verify_against_a_malformed_reference_is_one_line_before_any_build(tmp_path, capsys, text):
    bad = tmp_path / "ref.json"
    bad.write_text(text, encoding="utf-8", errors="surrogateescape")
    if _is_acceptable_manifest(text):
        return
    err = _one_line_refusal(["verify", "--reference", str(bad), "--output-dir", str(tmp_path / "cert")], capsys)
    assert str(bad) in err


@SETTINGS
@given(text=malformed)
def test_dist_of_a_build_with_a_malformed_manifest_is_one_line(tmp_path, capsys, text):
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    (out / "manifest.json").write_text(text, encoding="utf-8", errors="surrogateescape")
    (out / "paper.html").write_text("x")
    (out / "paper.pdf").write_text("x")
    if _is_acceptable_manifest(text):
        return
    err = _one_line_refusal(["dist", "--output-dir", str(out), "--dist-dir", str(tmp_path / "dist")], capsys)
    assert str(out / "manifest.json") in err
    assert not (tmp_path / "dist").exists()


@SETTINGS
@given(text=malformed | json_values.map(lambda v: json.dumps({"cells": v, "metadata": {}, "nbformat": 4})))
def test_explain_over_a_malformed_executed_notebook_is_one_line(tmp_path, data_copy, capsys, text):
    out = tmp_path / "out"
    shutil.rmtree(out, ignore_errors=True)
    (out / "notebooks").mkdir(parents=True)
    (out / "notebooks" / "01-x.ipynb").write_text(text, encoding="utf-8", errors="surrogateescape")
    try:
        from research.report.trace import collect

        collect([("01-x", json.loads(text))])
        if isinstance(json.loads(text), dict):
            return  # readable as a notebook: explain then says the name is unknown, which is another test's
    except Exception:  # noqa: BLE001
        pass
    err = _one_line_refusal(["explain", "some_value", "--data-dir", str(data_copy), "--output-dir", str(out)],
                            capsys)
    assert str(out / "notebooks" / "01-x.ipynb") in err


@pytest.mark.parametrize("address", ["not-an-address", "tcp://", "tcp://:8786", "tcp://host:0", "tcp://host:70000",
                                     "http://host:8786", "tcp://host:8786/path", "tcp://a b:1", "[::1", "x" * 5000,
                                     "tcp://host:port"])
def test_sweep_with_a_scheduler_that_is_not_an_address_is_one_line(address, tmp_path, capsys):
    err = _one_line_refusal(["sweep", "--scheduler", address, "--output-dir", str(tmp_path / "out")], capsys)
    assert "is not a scheduler address" in err
    assert not (tmp_path / "out").exists()


@SETTINGS
@given(text=malformed)
def test_a_malformed_cache_entry_journal_or_marker_is_taken_as_absent(tmp_path, text):
    out = tmp_path / "out"
    shutil.rmtree(out, ignore_errors=True)
    (out / ".cache").mkdir(parents=True)
    (out / "notebooks").mkdir()
    (out / "notebooks" / "keep.ipynb").write_text("{}")
    (out / ".cache" / "nb.json").write_text(text, encoding="utf-8", errors="surrogateescape")
    (out / ".cache" / "published.json").write_text(text, encoding="utf-8", errors="surrogateescape")
    assert cache.staleness(out / ".cache", "nb", "k", out) is not None
    assert not is_published(out, ["nb"])
    staging_dir(out).mkdir(parents=True, exist_ok=True)
    (staging_dir(out) / JOURNAL).write_text(text, encoding="utf-8", errors="surrogateescape")
    recover(out)
    assert not staging_dir(out).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing moved out of the folder


def test_a_journal_naming_files_outside_the_build_moves_nothing(tmp_path):
    out = tmp_path / "out"
    (out / ".staging" / "tree").mkdir(parents=True)
    (tmp_path / "precious.txt").write_text("mine")
    (out / ".staging" / JOURNAL).write_text(json.dumps({"install": [], "remove": ["../precious.txt"]}))
    recover(out)
    assert (tmp_path / "precious.txt").read_text() == "mine"
