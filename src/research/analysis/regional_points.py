"""The dates behind the paper's points on China, Japan and Singapore, read from the country facts and provisions."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.wording import date_text

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
    rows = facts[(facts["iso3"].astype(str) == iso3) & (facts["indicator"].astype(str) == indicator)]
    if label_contains is not None:
        rows = rows[rows["label"].astype("string").str.contains(label_contains, regex=False).fillna(False)]
    if source is not None:
        rows = rows[rows["source"].astype(str) == source]
    when = rows["date"].astype("string").fillna(rows["year"].astype("Int64").astype("string")).dropna()
    ordered = sorted(when)
    return date_text(ordered[position]) if len(ordered) > position else NOT_RECORDED


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


def regional_dates(facts: pd.DataFrame, provisions: pd.DataFrame) -> RegionalDates:
    """Look up each date of :class:`RegionalDates` in the country facts (and China's Cybersecurity Law's row)."""
    return RegionalDates(
        chn_csl_adopted=fact_date(facts, CHINA, "cybersecurity_law"),
        chn_csl_in_force=provision_date(provisions, "CHN-CSL2016"),
        cncert_founded=fact_date(facts, CHINA, "cert_established"),
        jpn_strategy_date=fact_date(facts, JAPAN, "strategy"),
        jpn_basic_act_date=fact_date(facts, JAPAN, "cybersecurity_law"),
        jpn_basic_act_amended=fact_date(facts, JAPAN, "cybersecurity_law", 1),
        jpcert_founded=fact_date(facts, JAPAN, "cert_established"),
        jpn_uca_date=fact_date(facts, JAPAN, "cybercrime_law"),
        jpn_convention_signed=fact_date(facts, JAPAN, "budapest_signature"),
        jpn_convention_accepted=fact_date(facts, JAPAN, "budapest_ratification"),
        jpn_convention_in_force=fact_date(facts, JAPAN, "budapest_in_force"),
        sgp_strategy_year=fact_date(facts, SINGAPORE, "strategy"),
        sgp_cma_commenced=fact_date(facts, SINGAPORE, "cybercrime_law"),
        sgp_cma_2013_in_operation=fact_date(facts, SINGAPORE, "cybercrime_law", label_contains="2013"),
        sgp_cma_amended=fact_date(facts, SINGAPORE, "cybercrime_law", label_contains="Computer Misuse and Cybersecurity"),
        sgp_csa_in_force=fact_date(facts, SINGAPORE, "cybersecurity_law"),
        singcert_founded=fact_date(facts, SINGAPORE, "cert_established"),
    )
