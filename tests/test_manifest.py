"""Comparing build manifests (research.repro.manifest) on synthetic manifests, and the shipped reference."""

from __future__ import annotations

import hashlib
import json

from research import paths
from research.repro.manifest import compare, table_changes


def manifest(**changes) -> dict:
    base = {
        "inputs": {"data/a.csv": "1" * 64},
        "outputs": {"figures/f.svg": "a" * 64, "tables/t.csv": "b" * 64},
        "tables": {"t": [["x", "y"], ["1", "2"]]},
        "values": {"n": "3"},
        "sentences": {"s": "One sentence."},
    }
    for key, value in changes.items():
        base[key] = {**base[key], **value}
    return base


def test_identical_manifests_match_and_list_every_output_as_identical():
    comparison = compare(manifest(), manifest())
    ok, lines = comparison.ok, comparison.lines
    assert ok
    assert lines == ["  identical  figures/f.svg", "  identical  tables/t.csv"]


def test_a_changed_input_alone_is_reported_but_does_not_fail():
    comparison = compare(manifest(), manifest(inputs={"data/a.csv": "2" * 64}))
    ok, lines = comparison.ok, comparison.lines
    assert ok and lines[0] == "inputs that differ from the reference: data/a.csv"


def test_a_changed_table_lists_its_changed_cells():
    current = manifest(outputs={"tables/t.csv": "c" * 64}, tables={"t": [["x", "y"], ["1", "5"]]})
    comparison = compare(manifest(), current)
    ok, lines = comparison.ok, comparison.lines
    assert not ok
    assert "  different  tables/t.csv" in lines and "      row 1, y: '2' -> '5'" in lines


def test_missing_and_new_outputs():
    current = manifest()
    del current["outputs"]["figures/f.svg"]
    current["outputs"]["figures/g.svg"] = "d" * 64
    comparison = compare(manifest(), current)
    ok, lines = comparison.ok, comparison.lines
    assert not ok
    assert "  missing    figures/f.svg" in lines and "  new        figures/g.svg" in lines


def test_changed_values_and_sentences_fail_with_old_and_new():
    comparison = compare(manifest(), manifest(values={"n": "4"}, sentences={"s": "Another."}))
    ok, lines = comparison.ok, comparison.lines
    assert not ok
    assert "  value n: '3' -> '4'" in lines and "  sentence s: 'One sentence.' -> 'Another.'" in lines


def test_a_reference_without_sentences_compares_against_none():
    reference = manifest()
    del reference["sentences"]
    comparison = compare(reference, manifest())
    ok, lines = comparison.ok, comparison.lines
    assert not ok and "  sentence s: None -> 'One sentence.'" in lines


def test_table_changes_rows_added_removed_columns_and_a_cap():
    assert table_changes([["a"], ["1"]], [["a"], ["1"], ["2"]]) == ["row 2: added ['2']"]
    assert table_changes([["a"], ["1"], ["2"]], [["a"], ["1"]]) == ["row 2: removed ['2']"]
    assert table_changes([["a"]], [["b"]]) == ["columns ['a'] -> ['b']"]
    assert table_changes([], [["a"]]) == ["table missing on one side"]
    many = table_changes([["a"]] + [[str(i)] for i in range(30)], [["a"]] + [[str(-i)] for i in range(30)], cap=5)
    assert len(many) == 6 and many[-1] == "... and 24 more change(s)"


def test_the_shipped_reference_manifest_matches_the_shipped_data():
    reference = json.loads((paths.REPRODUCIBILITY_DIR / "manifest.json").read_text())
    for name, digest in reference["inputs"].items():
        if name.startswith("data/") or name == "references.bib":
            data = (paths.ROOT / name).read_bytes()
            assert hashlib.sha256(data).hexdigest() == digest, f"{name} changed: run `make manifest`"
