"""Appendix 90, the codebook: the captions of its tables."""

from __future__ import annotations

VARIABLES_CAPTION = (
    "The coded variables of the provisions table: definition, decision rule, unknown against false, and an example."
)
OPTIONS_CAPTION = (
    "The Convention's options and reservations among the benchmark articles: not using one is never a shortfall; a "
    "Party is judged against those it took (party_options.csv), a state that is not a Party against the mandatory "
    "minimum."
)
SOURCES_CAPTION = (
    "The tables of the data on the edition's date: what each holds, its rows, and the works its rows name."
)
