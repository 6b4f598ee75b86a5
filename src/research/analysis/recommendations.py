"""The paper's seven infographic recommendations, each beside the gap the data measure for it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import countries as cty
from research.analysis import elements as el
from research.analysis import provisions as prov
from research.analysis.basis import Basis, basis_field, merge, rows_of, traced, with_rows
from research.analysis.draft import PAPER_DRAFT
from research.analysis.law import in_force
from research.wording import date_text


@dataclass(frozen=True)
class MeasuredGaps:
    """One sentence per gap a recommendation answers; each states what is missing, measured, or that it is met."""

    overlap_and_vagueness: str
    draft_offences: str
    authorities: str
    security_measures: str
    cooperation: str
    awareness: str
    convention: str
    basis: Basis = basis_field()


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


@traced
def measured_gaps(tables: dict[str, pd.DataFrame], focus: str) -> MeasuredGaps:
    """Compute the gap each recommendation answers, from the focus country's data.

    Parameters
    ----------
    tables : dict of DataFrame
        provisions, codings, general_rules, convention, convention_elements, countries, country_facts,
        convention_parties, incidents.
    focus : str
        ISO3 of the focus country.
    """
    provisions = tables["provisions"]
    mine = provisions[provisions["country"].astype(str) == focus]
    force = in_force(provisions, focus)
    vague = int(force["vague_terms"].notna().sum())
    n_instr = int(force.loc[force["vague_terms"].notna(), "instrument"].nunique())
    draft = mine[(mine["instrument"].astype(str) == PAPER_DRAFT) & (mine["kind"].astype(str) == "offence")]
    no_dishonest = int(sum(el._value(v) is False for v in draft["dishonest_intent"]))
    heading = int((draft["text_basis"].astype(str) == "heading").sum())
    powers = mine[mine["kind"].astype(str) == "procedural_power"]
    independent = int(sum(el._value(v) is True for v in powers["independent_supervision"]))
    incidents = tables["incidents"]
    gov = incidents[incidents["entry_type"].astype(str).isin(["incident", "campaign"])
                    & incidents["target_sector"].astype(str).isin(["government", "election", "military", "judiciary"])]
    coop = mine[(mine["instrument"].astype(str) == PAPER_DRAFT) & (mine["kind"].astype(str) == "cooperation")]
    coop_heading = int((coop["text_basis"].astype(str) == "heading").sum())
    label = cty.latest_gci_label(tables["country_facts"], focus)
    rank = cty.gci_rank_among(tables["country_facts"], focus, label, cty.asean_members(tables["countries"])) if label else None
    status = tables["countries"].set_index(tables["countries"]["iso3"].astype(str))["budapest_status"]
    is_party = focus in status.index and str(status.get(focus)) == "party"
    latest = cty.latest_parties(tables["convention_parties"])
    parties = f"the Convention had {latest.parties} Parties by {date_text(latest.date)}" if latest else "no count of Parties is recorded"
    party_rows = rows_of("convention_parties", tables["convention_parties"][
        tables["convention_parties"]["date"].astype(str) == latest.date]) if latest else ()
    focus_row = rows_of("countries", tables["countries"][tables["countries"]["iso3"].astype(str) == focus], "budapest_status")
    basis = Basis({
        "overlap_and_vagueness": merge(rows_of("provisions", force, "status"),
                                       rows_of("provisions", force[force["vague_terms"].notna()], "vague_terms")),
        "draft_offences": merge(rows_of("provisions", draft, "dishonest_intent"), rows_of("provisions", draft, "text_basis")),
        "authorities": rows_of("provisions", powers, "independent_supervision"),
        "security_measures": rows_of("incidents", gov, "target_sector"),
        "cooperation": merge(rows_of("provisions", coop, "text_basis"), focus_row),
        "awareness": merge(cty.gci_rows(tables["country_facts"], cty.asean_members(tables["countries"]), label),
                           rows_of("countries", tables["countries"][tables["countries"]["asean_member"].fillna(False)
                                                                   .astype(bool)], "asean_member")) if rank else (),
        "convention": merge(focus_row, party_rows),
    })
    return MeasuredGaps(
        overlap_and_vagueness=(f"{vague} of the {len(force)} provisions in force rely on an undefined broad term, in "
                               f"{n_instr} {_plural(n_instr, 'instrument', 'instruments')}" if vague else
                               f"none of the {len(force)} provisions in force is coded with an undefined broad term"),
        draft_offences=(f"{no_dishonest} of the draft's {len(draft)} offence articles are known to make no reference to "
                        f"dishonest intent; {heading} are known only by their headings" if len(draft) else
                        "the data code no offence of the draft"),
        authorities=(f"{independent} of the {len(powers)} procedural powers coded {_plural(independent, 'shows', 'show')} "
                     f"independent supervision of the authority that uses it"),
        security_measures=(f"{len(gov)} incidents and campaigns against government, electoral, military or judicial "
                           f"targets are recorded"),
        cooperation=(f"{coop_heading} of the draft's {len(coop)} international co-operation articles are known only by "
                     f"their headings; " + ("Cambodia is a Party to the Convention" if is_party else
                                            "Cambodia is not recorded as a Party to the Convention")),
        awareness=(f"{label}: score {rank.score:g}, position {rank.position} of the {rank.of} ASEAN members scored"
                   if rank else "no index score is recorded"),
        convention=(f"met: Cambodia is recorded as a Party; {parties}" if is_party else
                    f"Cambodia is not recorded as a Party; {parties}"),
        basis=basis,
    )


RECOMMENDATIONS = [  # the paper's infographic, in its order and words
    ("Review existing laws to ensure that they do not overlap with each other and are applicable.", "overlap_and_vagueness"),
    ("The current draft law should address cyber security properly.", "draft_offences"),
    ("Determine the responsible authorities.", "authorities"),
    ("Establish security measures for the nation more effectively.", "security_measures"),
    ("Actively involve in international and regional cyber engagement and cooperation.", "cooperation"),
    ("Provide cyber awareness programs to government officials, citizens, and schools.", "awareness"),
    ("Cambodia should consider signing and ratifying the convention on cybercrime.", "convention"),
]


@traced
def recommendation_table(gaps: MeasuredGaps) -> pd.DataFrame:
    """The infographic's recommendations (quoted) beside the measured gap that each answers (each row traced to the
    rows of its gap).

    Returns
    -------
    DataFrame
        ``recommendation (the paper's words)`` and ``what the data measure``.
    """
    table = pd.DataFrame([{"recommendation (the paper's words)": text, "what the data measure": getattr(gaps, key)}
                          for text, key in RECOMMENDATIONS])
    return with_rows(table, [gaps.basis.rows.get(key, ()) for _, key in RECOMMENDATIONS])


def coverage_of(tables: dict, focus: str) -> pd.DataFrame:
    """The focus country's coverage matrix (shared by the conclusions and the recommendations)."""
    return prov.coverage_matrix(tables, focus)
