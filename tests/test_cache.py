"""Cache keys and freshness (research.engine.cache) on files made here, and the one atomic write."""

from __future__ import annotations

import hashlib
import json

import pytest

from research import paths
from research.engine import cache
from research.files import sha256_file, write_atomic


def _entry(cache_dir, name, key, inputs, outputs):
    root = cache_dir.parent  # the outputs are relative to the folder the cache is in
    hashes = {rel: hashlib.sha256((root / rel).read_bytes()).hexdigest() for rel in outputs}
    cache.write_entry(cache_dir, name, key, inputs, outputs, hashes=hashes)
    return json.loads((cache_dir / f"{name}.json").read_text())


def test_sha256_file_is_the_digest_of_the_bytes(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"\x00abc" * 1000)
    assert sha256_file(path) == hashlib.sha256(b"\x00abc" * 1000).hexdigest()


def test_write_atomic_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "sub" / "out.txt"
    write_atomic(target, "first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.txt"]


def test_static_key_changes_with_notebook_parameters_references_and_environment(tmp_path):
    nb, bib = tmp_path / "a.ipynb", tmp_path / "r.bib"
    nb.write_text("{}")
    bib.write_text("@misc{a, title={A}}")
    base = cache.static_key(nb, {"focus": "KHM"}, bib, "env")
    assert cache.static_key(nb, {"focus": "KHM"}, bib, "env") == base
    assert cache.static_key(nb, {"focus": "VNM"}, bib, "env") != base
    assert cache.static_key(nb, {"focus": "KHM"}, bib, "other") != base
    bib.write_text("@misc{b, title={B}}")
    assert cache.static_key(nb, {"focus": "KHM"}, bib, "env") != base
    nb.write_text('{"cells": []}')
    assert cache.static_key(nb, {"focus": "KHM"}, tmp_path / "r.bib", "env") != base


def test_environment_key_follows_the_package_source_and_nothing_else_of_it(tmp_path, monkeypatch):
    package = tmp_path / "research"
    (package / "sub").mkdir(parents=True)
    (package / "a.py").write_text("A = 1\n")
    (package / "sub" / "b.py").write_text("B = 2\n")
    # environment.py reads PACKAGE_DIR once, at import (its STYLE_FILE): import it before the folder is replaced, or a
    # first import here would leave every later test of this process with a style file in a deleted folder
    import research.engine.environment  # noqa: F401
    monkeypatch.setattr(cache.paths, "PACKAGE_DIR", package)
    first = cache.environment_key()
    (package / "sub" / "__pycache__").mkdir()  # byte code comes and goes with every interpreter run
    (package / "sub" / "__pycache__" / "b.cpython-311.pyc").write_bytes(b"\x00compiled")
    assert cache.environment_key() == first
    (package / "sub" / "b.py").write_text("B = 3\n")  # an edit to the analysis makes every notebook stale
    assert cache.environment_key() != first
    (package / "sub" / "b.py").write_text("B = 2\n")
    assert cache.environment_key() == first
    (package / "c.py").write_text("")  # a new module too
    assert cache.environment_key() != first


def test_a_run_is_fresh_until_its_key_an_input_or_an_output_changes(tmp_path):
    out, cache_dir = tmp_path / "out", tmp_path / "out" / ".cache"
    data = tmp_path / "data.csv"
    data.write_text("a\n1\n")
    (out / "figures").mkdir(parents=True)
    (out / "figures" / "f.svg").write_text("<svg/>")
    entry = _entry(cache_dir, "nb", "k1", {paths.portable(data): hashlib.sha256(b"a\n1\n").hexdigest()},
                   ["figures/f.svg"])
    assert entry["key"] == "k1"
    assert cache.is_fresh(cache_dir, "nb", "k1", out)
    assert not cache.is_fresh(cache_dir, "nb", "k2", out)  # another key
    assert not cache.is_fresh(cache_dir, "other", "k1", out)  # no entry
    data.write_text("a\n2\n")
    assert not cache.is_fresh(cache_dir, "nb", "k1", out)  # an input changed
    data.write_text("a\n1\n")
    assert cache.is_fresh(cache_dir, "nb", "k1", out)
    (out / "figures" / "f.svg").unlink()
    assert not cache.is_fresh(cache_dir, "nb", "k1", out)  # an output is gone


def test_a_damaged_entry_is_not_fresh(tmp_path):
    (tmp_path / "nb.json").write_text("{not json")
    assert not cache.is_fresh(tmp_path, "nb", "k", tmp_path)


def test_an_output_changed_since_it_was_stored_is_not_reused_and_said(tmp_path):
    out, cache_dir = tmp_path / "out", tmp_path / "out" / ".cache"
    (out / "tables").mkdir(parents=True)
    (out / "tables" / "t.csv").write_text("a\n1\n")
    _entry(cache_dir, "nb", "k", {}, ["tables/t.csv"])
    assert cache.staleness(cache_dir, "nb", "k", out) is None
    (out / "tables" / "t.csv").write_text("a\n2\n")  # an edited row in the store
    why = cache.staleness(cache_dir, "nb", "k", out)
    assert "t.csv does not match the hash recorded when it was stored: running again" in why
    (out / "tables" / "t.csv").write_text("")  # emptied
    assert not cache.is_fresh(cache_dir, "nb", "k", out)


@pytest.mark.parametrize("text", ["{not json", '{"key": "k", "inputs": [1]}', "[]", '"x"', "[" * 100_000,
                                  '{"key": "k", "outputs": "figures"}', '{"key": "k", "hashes": 3}'])
def test_a_damaged_entry_counts_as_absent(tmp_path, text):
    (tmp_path / "nb.json").write_text(text)
    why = cache.staleness(tmp_path, "nb", "k", tmp_path)
    assert why == f"cache entry {tmp_path / 'nb.json'} is damaged: treated as absent"


def test_an_entry_without_hashes_from_the_previous_version_runs_again(tmp_path):
    (tmp_path / "f.svg").write_text("<svg/>")
    cache.write_entry(tmp_path / ".c", "nb", "k", {}, ["f.svg"])
    assert "records no hashes" in cache.staleness(tmp_path / ".c", "nb", "k", tmp_path)


def test_an_output_with_its_recorded_size_and_time_is_not_hashed_again_unless_stored_in_the_entrys_tick(
        tmp_path, monkeypatch):
    import os

    out, cache_dir = tmp_path / "out", tmp_path / "out" / ".cache"
    (out / "tables").mkdir(parents=True)
    table = out / "tables" / "t.csv"
    table.write_text("a\n1\n")
    os.utime(table, ns=(10**18, 10**18))  # stored well before its entry
    hashes = {"tables/t.csv": hashlib.sha256(b"a\n1\n").hexdigest()}
    cache.write_entry(cache_dir, "nb", "k", {}, ["tables/t.csv"], hashes=hashes, output_dir=out)
    assert json.loads((cache_dir / "nb.json").read_text())["stats"] == {"tables/t.csv": [4, 10**18]}
    hashed = []
    monkeypatch.setattr(cache, "sha256_file", lambda path: hashed.append(path) or sha256_file(path))
    assert cache.staleness(cache_dir, "nb", "k", out, trust_stat=True) is None and hashed == []
    assert cache.staleness(cache_dir, "nb", "k", out) is None and hashed == [table]  # a store published from: hashed
    hashed.clear()
    table.write_text("a\n2\n")  # same size, a new time: hashed, and the change is said
    assert "does not match the hash" in cache.staleness(cache_dir, "nb", "k", out, trust_stat=True)
    assert hashed == [table]
    os.utime(table, ns=(10**18, 10**18))  # set back to the recorded time: only the store's check, which hashes, sees it
    assert cache.staleness(cache_dir, "nb", "k", out, trust_stat=True) is None
    assert "does not match the hash" in cache.staleness(cache_dir, "nb", "k", out)
    # stored in the same tick as its entry: a write after it could keep the time, so the bytes are hashed
    entry = cache_dir / "nb.json"
    os.utime(table, ns=(10**18, 10**18))
    os.utime(entry, ns=(10**18, 10**18))
    hashed.clear()
    assert "does not match the hash" in cache.staleness(cache_dir, "nb", "k", out, trust_stat=True) and hashed == [table]
