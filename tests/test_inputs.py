"""The zygote's data cache (research.kernels.held): read from a notebook's load_data calls, lent only unchanged."""

from __future__ import annotations

import datetime
import json

import pytest

from research import paths
from research.data import validate_or_raise
from research.files import sha256_file
from research.kernels import held
from research.nb import inputs

PROFILE = paths.NOTEBOOKS_DIR / "country-profile.ipynb"


@pytest.fixture(autouse=True)
def nothing_held(monkeypatch):
    monkeypatch.setattr(held, "_HELD", {})
    monkeypatch.setattr(inputs, "_LENDER", None)


def test_the_profile_notebooks_load_call_is_read_from_its_source():
    nb = json.loads(PROFILE.read_text(encoding="utf-8"))
    calls = held.load_calls(nb, {"data_dir": "/d", "references": "/r.bib", "iso3": "KHM"})
    assert calls == [("/d", "/r.bib", ["countries", "country_facts", "provisions", "codings", "general_rules",
                                                 "convention_elements", "incidents", "law_status"])]


def test_calls_whose_arguments_are_not_literal_are_left_out():
    source = ("load_data(folder)\nload_data(data_dir, tables=names)\nload_data(data_dir, other=1)\n"
              "research.nb.inputs.load_data('d', 'r')\nload_data()")
    nb = {"cells": [{"cell_type": "code", "source": source}, {"cell_type": "code", "source": "load_data('x') +"},
                    {"cell_type": "markdown", "source": "load_data('m')"}]}
    assert held.load_calls(nb, {"data_dir": "/d"}) == [("d", "r", None), (None, None, None)]


def test_held_frames_are_those_validated_and_the_same_inputs_are_recorded(data_copy, references_copy):
    held.hold(data_copy, references_copy, ["countries"])
    frames, digests = held.lend(data_copy, references_copy, ["countries"])
    dataset = validate_or_raise(data_copy, references_copy, ["countries"])
    assert list(frames) == list(dataset.tables) and all(frames[k].equals(dataset.tables[k]) for k in frames)
    assert digests == {paths.portable(f): sha256_file(f) for f in dataset.files}
    assert held.lend(str(data_copy), str(references_copy), ("countries",)) is not None  # the same request
    assert held.lend(data_copy, references_copy, None) is None  # other tables: not held


def test_a_kernel_gets_a_copy_it_may_change(data_copy, references_copy):
    held.hold(data_copy, references_copy, ["countries"])
    first, _ = held.lend(data_copy, references_copy, ["countries"])
    first["countries"].loc[0, "name"] = "changed"
    second, _ = held.lend(data_copy, references_copy, ["countries"])
    assert second["countries"].loc[0, "name"] != "changed"


def test_load_data_uses_what_is_held_and_validates_when_nothing_is(data_copy, references_copy, monkeypatch):
    held.hold(data_copy, references_copy, ["countries"])

    def refuse(*args):
        raise AssertionError("validated again")

    monkeypatch.setattr(inputs, "validate_or_raise", refuse)
    assert list(inputs.load_data(data_copy, references_copy, ["countries"])) == ["countries"]
    with pytest.raises(AssertionError, match="validated again"):
        inputs.load_data(data_copy, references_copy, ["incidents"])


def test_nothing_is_handed_out_once_a_file_changed_or_the_day_did(data_copy, references_copy):
    held.hold(data_copy, references_copy, ["countries"])
    with open(data_copy / "countries.csv", "a", encoding="utf-8") as fh:
        fh.write("\n")
    assert held.lend(data_copy, references_copy, ["countries"]) is None
    held.hold(data_copy, references_copy, ["countries"])
    key = next(iter(held._HELD))
    frames, digests, _ = held._HELD[key]
    held._HELD[key] = (frames, digests, datetime.date.today() - datetime.timedelta(days=1))
    assert held.lend(data_copy, references_copy, ["countries"]) is None  # validation compares dates with today


def test_hold_for_reads_the_notebook_and_holds_each_call(data_copy, references_copy):
    held.hold_for(PROFILE, {"data_dir": str(data_copy), "references": str(references_copy)})
    assert held.lend(data_copy, references_copy,
                        ["countries", "country_facts", "provisions", "codings", "general_rules", "convention_elements",
                         "incidents", "law_status"]) is not None
