"""Records in executed notebooks (research.nb.glue): formatting, dataclasses, sentences, reading them back."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from research.nb import glue as g


@pytest.mark.parametrize("value, fmt, text", [(1234, None, "1,234"), (2.0, None, "2"), (2.345, None, "2.35"),
                                              (True, None, "yes"), ("x", None, "x"), (2019, "d", "2019"),
                                              (0.3014, ".3f", "0.301"), (4000, ",.0f", "4,000")])
def test_format_value(value, fmt, text):
    assert g.format_value(value, fmt) == text


def test_glue_shows_missing_values_as_n_a_and_refuses_other_objects():
    assert g.glue("a", None) == "n/a"
    assert g.glue("b", float("nan")) == "n/a"
    with pytest.raises(TypeError, match="plain int, float, str or bool"):
        g.glue("c", [1, 2])


@dataclass
class Result:
    count: int
    year: int | None = field(default=None, metadata={g.FORMAT: "d"})
    says: str = field(default="", metadata={g.SENTENCE: True})


def test_glue_all_of_a_dataclass_formats_fields_and_records_sentences_apart(monkeypatch):
    emitted = []
    monkeypatch.setattr(g, "_emit", lambda kind, name, record: emitted.append((kind, name, record["text"])))
    assert g.glue_all(Result(1200, 2019, "It is so.")) == {"count": "1,200", "year": "2019", "says": "It is so."}
    assert emitted == [("value", "count", "1,200"), ("value", "year", "2019"), ("sentence", "says", "It is so.")]


def _notebook(*records) -> dict:
    return {"cells": [{"cell_type": "markdown", "source": "x"},
                      {"cell_type": "code", "outputs": [{"data": {g.MIME: r}} for r in records]}]}


def test_reading_records_back_from_a_notebook():
    nb = _notebook({"kind": "value", "name": "n", "text": "3"}, {"kind": "sentence", "name": "s", "text": "S."},
                   {"kind": "inputs", "name": "inputs", "files": {"a.csv": "1"}},
                   {"kind": "inputs", "name": "inputs", "files": {"b.csv": "2"}})
    assert [r["cell"] for r in g.read_records(nb)] == [1, 1, 1, 1]
    assert g.recorded_texts(nb) == {"n": "3", "s": "S."}
    assert g.recorded_inputs(nb) == {"a.csv": "1", "b.csv": "2"}


def test_outside_ipython_nothing_is_recorded_and_no_error_raised():
    assert g.glue_sentence("s", "text") == "text"
    with pytest.raises(TypeError):
        g.glue_sentence("s", 3)


@pytest.mark.parametrize("alt, problem", [("Bars for 13 provisions, from 1 to 15 years.", None),
                                          ("All seven articles are covered.", None),
                                          ("No incident has a coded security impact.", None),
                                          ("", "has no alt text"), ("   ", "has no alt text"), (None, "has no alt text"),
                                          ("A heat map of actors against impacts.", "names no number")])
def test_alt_text_must_be_there_and_name_a_number(alt, problem):
    found = g.alt_problem(alt)
    assert (found is None) if problem is None else (problem in found)


def test_a_figure_without_a_number_in_its_alt_text_is_refused_with_one_line_naming_it(monkeypatch):
    from research.errors import FigureError

    emitted = []
    monkeypatch.setattr(g, "_emit", lambda kind, name, record: emitted.append(name))
    with pytest.raises(FigureError) as caught:
        g.record_figure("fig-actor-impact", "Caption.", "A heat map of actors.", {"svg": "figures/x.svg"})
    message = str(caught.value)
    assert "\n" not in message and "fig-actor-impact" in message and "names no number" in message
    assert emitted == []
    g.record_figure("fig-ok", "Caption.", "Bars for 3 years.", {"svg": "figures/x.svg"})
    assert emitted == ["fig-ok"]
