"""Appendix 92, reliability: the captions of its tables."""

from __future__ import annotations

AGREEMENT_CAPTION = (
    "Agreement between the first and the independent second coding, per variable: percent agreement and Cohen's kappa."
)
DECISIONS_CAPTION = "The decision log: each disagreement of the two codings, the coding kept and why."
SENSITIVITY_CAPTION = (
    "The headline measures under each alternative the codebook names, between the two codings, and, for the articles "
    "met, between the bounds (shown; at most, if every unknown element were present)."
)
