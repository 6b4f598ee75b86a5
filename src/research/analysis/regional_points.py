"""The dates behind the paper's points on China, Japan and Singapore, read from the country facts and provisions."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis.basis import Basis, basis_field, ids, rows_of, traced
from research.sections.words import date_text

# The paper discusses these three states by name (its section on China, Japan and Singapore), whatever the
# comparators parameter says; their facts are looked up by these codes.
CHINA, JAPAN, SINGAPORE = "CHN", "JPN", "SGP"
NOT_RECORDED = "an undated year (not recorded in our data)"


def fact_date(facts: pd.DataFrame, iso3: str, indicator: str, position: int = 0, label_contains: str | None = None,
              source: str | None = None) -> str:
    """The ``position``-th (in date order) dated fact of one kind for one state, as prose writes the date.

    ``label_contains`` and ``source`` narrow the facts to one instrument; a fact without a date gives its year.
    Returns :data:`NOT_RECORDED` when no such fact is recorded.
    """
    return fact_date_row(facts, iso3, indicator, position, label_contains, source)[0]


def fact_date_row(facts: pd.DataFrame, iso3: str, indicator: str, position: int = 0, label_contains: str | None = None,
                  source: str | None = None) -> tuple[str, tuple[str, ...]]:
    """:func:`fact_date` and the row it was read from (``country_facts:...``; none when not recorded)."""
    rows = facts[(facts["iso3"].astype(str) == iso3) & (facts["indicator"].astype(str) == indicator)]
    if label_contains is not None:
        rows = rows[rows["label"].astype("string").str.contains(label_contains, regex=False).fillna(False)]
    if source is not None:
        rows = rows[rows["source"].astype(str) == source]
    when = rows["date"].astype("string").fillna(rows["year"].astype("Int64").astype("string")).dropna()
    ordered = sorted(zip(when, when.index), key=lambda pair: pair[0])
    if len(ordered) <= position:
        return NOT_RECORDED, ()
    text, index = ordered[position]
    return date_text(text), rows_of("country_facts", rows.loc[[index]])


def provision_date(provisions: pd.DataFrame, provision_id: str) -> str:
    """A provision's ``valid_from`` as prose writes it, or :data:`NOT_RECORDED`."""
    row = provisions[provisions["provision_id"].astype(str) == provision_id]
    value = row["valid_from"].dropna()
    return date_text(value.iloc[0]) if len(value) else NOT_RECORDED


@dataclass(frozen=True)
class RegionalDates:
    """Every date the section on China, Japan and Singapore quotes."""

    chn_csl_adopted: str
    chn_csl_in_force: str
    cncert_founded: str
    jpn_strategy_date: str
    jpn_basic_act_date: str
    jpn_basic_act_amended: str
    jpcert_founded: str
    jpn_uca_date: str
    jpn_convention_signed: str
    jpn_convention_accepted: str
    jpn_convention_in_force: str
    sgp_strategy_year: str
    sgp_cma_commenced: str
    sgp_cma_2013_in_operation: str
    sgp_cma_amended: str
    sgp_csa_in_force: str
    singcert_founded: str
    basis: Basis = basis_field()


FACT_DATES = {  # field -> (state, indicator, position, label_contains)
    "chn_csl_adopted": (CHINA, "cybersecurity_law", 0, None),
    "cncert_founded": (CHINA, "cert_established", 0, None),
    "jpn_strategy_date": (JAPAN, "strategy", 0, None),
    "jpn_basic_act_date": (JAPAN, "cybersecurity_law", 0, None),
    "jpn_basic_act_amended": (JAPAN, "cybersecurity_law", 1, None),
    "jpcert_founded": (JAPAN, "cert_established", 0, None),
    "jpn_uca_date": (JAPAN, "cybercrime_law", 0, None),
    "jpn_convention_signed": (JAPAN, "budapest_signature", 0, None),
    "jpn_convention_accepted": (JAPAN, "budapest_acceptance", 0, None),
    "jpn_convention_in_force": (JAPAN, "budapest_in_force", 0, None),
    "sgp_strategy_year": (SINGAPORE, "strategy", 0, None),
    "sgp_cma_commenced": (SINGAPORE, "cybercrime_law", 0, None),
    "sgp_cma_2013_in_operation": (SINGAPORE, "cybercrime_law", 0, "2013"),
    "sgp_cma_amended": (SINGAPORE, "cybercrime_law", 0, "Computer Misuse and Cybersecurity"),
    "sgp_csa_in_force": (SINGAPORE, "cybersecurity_law", 0, None),
    "singcert_founded": (SINGAPORE, "cert_established", 0, None),
}
CHN_CSL = "CHN-CSL2016"  # China's Cybersecurity Law: its entry into force is its provision row's valid_from


@traced
def regional_dates(facts: pd.DataFrame, provisions: pd.DataFrame) -> RegionalDates:
    """Look up each date of :class:`RegionalDates` in the country facts (and China's Cybersecurity Law's row)."""
    found = {name: fact_date_row(facts, code, indicator, position, label_contains)
             for name, (code, indicator, position, label_contains) in FACT_DATES.items()}
    in_force = provision_date(provisions, CHN_CSL)
    rows = {name: rows for name, (_, rows) in found.items()}
    rows["chn_csl_in_force"] = ids("provisions", [CHN_CSL] if in_force != NOT_RECORDED else [], "valid_from")
    return RegionalDates(chn_csl_in_force=in_force, **{name: text for name, (text, _) in found.items()},
                         basis=Basis(rows))
