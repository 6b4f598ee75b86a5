"""The dates behind the paper's points on China, Japan and Singapore, read from the country facts and provisions."""

from __future__ import annotations

import pandas as pd

from research.analysis.basis import Measure, ids, rows_of

# The paper discusses these three states by name (its section on China, Japan and Singapore), whatever the
# comparators parameter says; their facts are looked up by these codes.
CHINA, JAPAN, SINGAPORE = "CHN", "JPN", "SGP"


def fact_date(facts: pd.DataFrame, iso3: str, indicator: str, position: int = 0,
              label_contains: str | None = None) -> Measure:
    """The ``position``-th (in date order) dated fact of one kind for one state: its date as written (its year
    where it has no date), with the row it was read from; ``None`` and no row when no such fact is recorded.

    ``label_contains`` narrows the facts to one instrument.
    """
    rows = facts[(facts["iso3"].astype(str) == iso3) & (facts["indicator"].astype(str) == indicator)]
    if label_contains is not None:
        rows = rows[rows["label"].astype("string").str.contains(label_contains, regex=False).fillna(False)]
    when = rows["date"].astype("string").fillna(rows["year"].astype("Int64").astype("string")).dropna()
    ordered = sorted(zip(when, when.index), key=lambda pair: pair[0])
    if len(ordered) <= position:
        return Measure(None)
    text, index = ordered[position]
    return Measure(str(text), rows_of("country_facts", rows.loc[[index]]))


def provision_date(provisions: pd.DataFrame, provision_id: str) -> Measure:
    """A provision's ``valid_from`` as written, with its row; ``None`` and no row when it has none."""
    row = provisions[provisions["provision_id"].astype(str) == provision_id]
    value = row["valid_from"].dropna()
    return Measure(str(value.iloc[0]), ids("provisions", [provision_id], "valid_from")) if len(value) else Measure(None)


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


def regional_dates(facts: pd.DataFrame, provisions: pd.DataFrame) -> dict[str, Measure]:
    """Every date the section on China, Japan and Singapore quotes, by name (:data:`FACT_DATES`, and
    ``chn_csl_in_force`` from China's Cybersecurity Law's row)."""
    found = {name: fact_date(facts, code, indicator, position, label_contains)
             for name, (code, indicator, position, label_contains) in FACT_DATES.items()}
    return {"chn_csl_in_force": provision_date(provisions, CHN_CSL), **found}
