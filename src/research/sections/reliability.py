"""Appendix 92, reliability: how robust the headline measures are, in words, and the captions of its tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis.basis import Basis, basis_field, merge, traced
from research.analysis.common import sentence
from research.analysis.sensitivity import DEFAULT
from research.sections.words import join

AGREEMENT_CAPTION = (
    "Agreement between the first and the independent second coding, per variable: percent agreement and Cohen's kappa."
)
DECISIONS_CAPTION = "The decision log: each disagreement of the two codings, the coding kept and why."
SENSITIVITY_CAPTION = (
    "The headline measures under each alternative the codebook names, between the two codings, and, for the articles "
    "met, between the bounds (shown; at most, if every unknown element were present)."
)


@dataclass(frozen=True)
class Robustness:
    """Which headline measures hold under every variant, and which move."""

    n_measures: int
    n_robust: int
    robustness_sentence: str = sentence(uses=("n_robust", "n_measures"))
    basis: Basis = basis_field()


@traced
def robustness(table: pd.DataFrame) -> Robustness:
    """Read :func:`sensitivity_table`: a measure is robust when every variant gives the reported value."""
    values = table.drop(columns="measure")
    same = values.eq(values[DEFAULT], axis=0).all(axis=1)
    moved = table.loc[~same, "measure"].tolist()
    held = table.loc[same, "measure"].tolist()
    text = (f"{len(held)} of the {len(table)} measures hold under every variant ({join(held)})"
            + (f"; {join(moved)} move with the choices, as the table shows." if moved else "."))
    per_row = table.attrs.get("rows")
    basis = Basis()
    if per_row is not None:
        every = merge(*per_row)
        basis = Basis({"n_measures": every, "n_robust": merge(*(r for r, keep in zip(per_row, same) if keep)),
                       "robustness_sentence": every})
    return Robustness(len(table), len(held), text, basis)
