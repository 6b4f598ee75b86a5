"""The provisions section 3 discusses one by one, and the data rows each of its values is computed from."""

from __future__ import annotations

import pandas as pd

from research.analysis import asof
from research.analysis import penalties as pen
from research.analysis.basis import Basis, merge, rows_of
from research.analysis.penalties import penalties_of
from research.analysis.provisions import SAFEGUARDS

# The provisions the paper discusses one by one (shipped ids), looked up by the sentences of report_law.
CC317 = "KHM-CC2009-317-320"
CC_IT_SECTOR = ("KHM-CC2009-427", "KHM-CC2009-428", "KHM-CC2009-429", "KHM-CC2009-430-432")
CC305, CC437 = "KHM-CC2009-305", "KHM-CC2009-437"
PRESS_CONTENT = ("KHM-PRESS1995-11", "KHM-PRESS1995-12", "KHM-PRESS1995-14")
TELECOM, TEL80 = "Law on Telecommunications", "KHM-TEL2015-80"
SIM, PRAKAS = "KHM-REG2015-SIM", "KHM-PRAKAS2018-170"
CYBERCRIME = "cybercrime"  # an instrument whose name says so is a cybercrime law or draft


def _mask(series: pd.Series) -> pd.Series:
    return series.fillna(False).astype(bool)


def penalty_rows(data: dict, pids, column: str | None = None) -> tuple[str, ...]:
    """Each listed provision that the data hold, and the penalties row that gives its basic penalty."""
    provisions, found = data["provisions"], []
    for pid in pids:
        row = provisions[provisions["provision_id"].astype(str) == pid]
        found += [rows_of("provisions", row, column), rows_of("penalties", penalties_of(data["penalties"], pid).iloc[:1])]
    return merge(*found)


def _one(provisions: pd.DataFrame, pid: str, column: str) -> tuple[str, ...]:
    return rows_of("provisions", provisions[provisions["provision_id"].astype(str) == pid], column)


def cybercrime_rows(data: dict, focus: str) -> tuple[str, ...]:
    """The rows of :func:`research.sections.existing_law.cybercrime_law_sentence`: the focus country's provisions of
    an instrument named a cybercrime law (their status) and its cybercrime-law facts."""
    provisions, facts = data["provisions"], data["country_facts"]
    mine = provisions[provisions["country"].astype(str) == focus]
    named = mine[_mask(mine["instrument"].astype(str).str.lower().str.contains(CYBERCRIME))]
    laws = facts[(facts["iso3"].astype(str) == focus) & (facts["indicator"].astype(str) == "cybercrime_law")]
    return merge(rows_of("provisions", named, "status"), rows_of("country_facts", laws))


def law_basis(data: dict, focus: str, khr_per_usd: float) -> Basis:
    """The rows of each value of :class:`research.sections.existing_law.ExistingLaw` (the exchange rate is a
    parameter, not a data row)."""
    provisions, rules = data["provisions"], data["general_rules"]
    mine = provisions[provisions["country"].astype(str) == focus]
    force = mine[asof.enacted(mine)]
    offences = mine[mine["kind"].astype(str) == "offence"]
    telecom = provisions[(provisions["instrument"].astype(str) == TELECOM) & provisions["valid_from"].notna()]
    first = telecom[telecom["valid_from"].astype(str) == min(telecom["valid_from"].astype(str))] if len(telecom) else telecom
    powers = force[force["kind"].astype(str) == "procedural_power"]
    rule = rules[(rules["country"].astype(str) == focus) & (rules["rule"].astype(str) == "intent_default")]
    top = pen.heaviest_penalty(data, focus, khr_per_usd).basis.rows.get("max_prison_years", ())
    return Basis({
        "law_cc317_penalty": penalty_rows(data, (CC317,)),
        "law_cc437_penalty": penalty_rows(data, (CC437,)),
        "law_cc437_usd": penalty_rows(data, (CC437,)),
        "law_tel80_prison": penalty_rows(data, (TEL80,)),
        "law_tel80_fine": penalty_rows(data, (TEL80,)),
        "law_sim_year": _one(provisions, SIM, "instrument_year"),
        "law_prakas_date": _one(provisions, PRAKAS, "valid_from"),
        "law_prakas_name": _one(provisions, PRAKAS, "instrument"),
        "law_rule_quote": rows_of("general_rules", rule.iloc[:1]),
        "law_cybercrime_sentence": cybercrime_rows(data, focus),
        "law_in_force_sentence": rows_of("provisions", force, "status"),
        "law_it_penalty_sentence": penalty_rows(data, CC_IT_SECTOR),
        "law_intent_sentence": merge(rows_of("provisions", offences, "intent_required"),
                                     rows_of("general_rules", rules[rules["country"].astype(str) == focus])),
        "law_cc305_sentence": penalty_rows(data, (CC305,)),
        "law_press_sentence": penalty_rows(data, PRESS_CONTENT, "kind"),
        "law_telecom_sentence": rows_of("provisions", first, "valid_from"),
        "law_powers_sentence": merge(*(rows_of("provisions", powers, s) for s in SAFEGUARDS)),
        "law_heaviest_sentence": merge(rows_of("provisions", force[force["kind"].astype(str) == "offence"], "status"),
                                       top),
        "law_vague_sentence": merge(rows_of("provisions", force, "status"),
                                    rows_of("provisions", force[force["vague_terms"].notna()], "vague_terms")),
    })

