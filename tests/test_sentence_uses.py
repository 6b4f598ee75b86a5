"""A sentence names the values it shows per edition where they depend on the data (Basis.uses), else per field."""

from __future__ import annotations

from dataclasses import dataclass

from research.analysis.basis import Basis, Measure, basis_field
from research.analysis.common import sentence
from research.nb.glue import sentence_uses
from research.sections import conclusions
from research.sections import understanding_cybersecurity as uc


@dataclass(frozen=True)
class _Result:
    n_a: int
    n_b: int
    fixed: str = sentence(uses=("n_a",))
    varying: str = sentence(uses=("n_a",))
    basis: Basis = basis_field()


def test_an_instance_s_uses_override_its_field_s_and_a_class_has_the_field_s():
    result = _Result(1, 2, "1 a", "2 b then 1 a", Basis({}, uses={"varying": ("n_b", "n_a")}))
    assert sentence_uses(result) == {"fixed": ("n_a",), "varying": ("n_b", "n_a")}
    assert sentence_uses(_Result) == {"fixed": ("n_a",), "varying": ("n_a",)}


def test_the_targets_sentence_names_its_sectors_in_the_order_this_edition_lists_them():
    # finance 3, government 1 (most frequent first), 2 entries with no sector: the sentence reads 6, 3, 1, 2
    sectors = {"finance": Measure(3), "government": Measure(1)}
    text = conclusions.targets_sentence(Measure(6), sectors, Measure(2), None)
    assert text.index("3 finance") < text.index("1 government") < text.index("2 no sector")
    assert conclusions.target_uses(sectors, Measure(2)) == (
        "concl_n_incidents", "concl_n_target_finance", "concl_n_target_government", "concl_n_target_none")
    assert conclusions.target_uses(sectors, Measure(0))[-1] == "concl_n_target_government"


def test_the_technique_and_impact_sentences_name_what_they_show():
    # a technique outside the recorded list is worded but has no value to name
    assert uc.technique_uses({"phishing": Measure(4), "vishing": Measure(2), "ddos": Measure(1)}) == (
        "cyber_n_with_technique", "cyber_n_technique_phishing", "cyber_n_technique_ddos")
    # confidentiality never breached: the first property the sentence names is integrity, before the base
    breached = {"integrity": Measure(2), "availability": Measure(1)}
    text = uc.impact_sentence(Measure(3), breached)
    assert text.index("2 of the 3") < text.index("1 availability")
    assert uc.impact_uses(breached) == ("cyber_n_impact_integrity", "cyber_n_with_impact",
                                        "cyber_n_impact_availability")


def test_a_measure_shown_in_words_keeps_its_rows_and_no_value_stays_none():
    assert Measure(180, ("penalties:P1",)).map(lambda m: f"{m // 12} years") == Measure("15 years", ("penalties:P1",))
    assert Measure(None, ("provisions:X",)).map(str) == Measure(None, ("provisions:X",))
