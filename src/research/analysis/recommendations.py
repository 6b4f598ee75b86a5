"""The paper's recommendations, each tied to the measured gap in the data that motivates it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import countries as cty
from research.analysis import provisions as prov
from research.analysis.common import parse_list

PROCEDURAL_ARTICLES = range(16, 22)


def _share(numerator: int, denominator: int, noun: str, predicate: str, none: str) -> str:
    return f"{numerator} of {denominator} {noun} {predicate}" if denominator else none


@dataclass(frozen=True)
class MeasuredGaps:
    """One sentence per gap measure a recommendation cites (see :data:`RECOMMENDATIONS`)."""

    vague_in_force: str
    draft_silent_intent: str
    offence_articles_covered: str
    institutions: str
    procedural_powers: str
    content_max_prison: str
    gci_position: str
    budapest: str


def measured_gaps(tables: dict[str, pd.DataFrame], focus: str, khr_per_usd: float) -> MeasuredGaps:
    """Compute the gap measures the recommendations cite, as display text keyed by measure name.

    Parameters
    ----------
    tables : dict of DataFrame
        ``provisions``, ``convention``, ``countries``, ``country_facts``, ``convention_parties``.
    focus : str
        ISO3 of the focus country.
    khr_per_usd : float
        Exchange rate for fines.

    Returns
    -------
    MeasuredGaps
        One sentence per measure named in :data:`RECOMMENDATIONS`; a measure with nothing coded says so.

    Raises
    ------
    ValueError
        If ``khr_per_usd`` is not a positive number.
    """
    provisions, convention = tables["provisions"], tables["convention"]
    mine = provisions[provisions["country"].astype(str) == focus]
    offences = mine[mine["kind"].astype(str) == "offence"]
    drafts = offences[offences["status"].astype(str) == "draft"]
    in_force = offences[offences["status"].astype(str) == "in_force"]
    matrix = prov.coverage_matrix(provisions, convention, focus)
    offence_articles = [a for a in matrix.columns if a <= 11]
    covered_any = [a for a in offence_articles if (matrix[a] != prov.NOT_COVERED).any()]
    full = [a for a in offence_articles if (matrix[a] == prov.COVERED).any()]
    procedural = mine[mine["kind"].astype(str).isin(["procedural_power", "obligation"])]
    n_arts_16_21 = sum(
        any(int(a) in PROCEDURAL_ARTICLES for a in parse_list(v)) for v in procedural["convention_articles"]
    )
    content = prov.penalties(provisions, khr_per_usd, focus)
    content = content[content["category"] == "content_related"]
    max_content = content["prison_max_years"].max() if len(content) else None
    intent_known = drafts["intent_required"].dropna()
    vague = in_force["vague_terms"].notna().sum()
    status = tables["countries"].set_index(tables["countries"]["iso3"].astype(str))["budapest_status"]
    focus_status = str(status.get(focus)) if focus in status.index and pd.notna(status.get(focus)) else "not recorded"
    latest = cty.latest_parties(tables["convention_parties"])
    parties = f"{latest.parties} Parties as of {latest.date}" if latest else "no count of Parties recorded"
    institutions = mine[mine["kind"].astype(str) == "institution"]
    label = cty.latest_gci_label(tables["country_facts"], focus)
    rank = cty.gci_rank_among(tables["country_facts"], focus, label, cty.asean_members(tables["countries"])) if label else None
    return MeasuredGaps(
        vague_in_force=_share(
            int(vague), len(in_force), "offence provisions in force", "rely on undefined broad terms",
            "no offence provision in force coded",
        ),
        draft_silent_intent=_share(
            int((~intent_known.astype(bool)).sum()), len(intent_known), "draft offence provisions", "are silent on intent",
            "no draft offence provision with a coded intent element",
        ),
        offence_articles_covered=f"{len(covered_any)} of {len(offence_articles)} Convention offence articles have a counterpart; {len(full)} with the Convention's qualifiers",
        institutions=f"{len(institutions)} provision(s) creating institutions coded",
        procedural_powers=(
            f"{len(procedural)} procedural powers or data obligations coded; "
            f"{n_arts_16_21} correspond to Convention Arts 16-21, whose Art. 15 safeguards no coded provision states"
        ),
        content_max_prison=(
            f"content offences carry up to {max_content:g} years' imprisonment" if max_content is not None and pd.notna(max_content)
            else "no content-offence penalty coded"
        ),
        gci_position=f"{label}: position {rank.position} of {rank.of} ASEAN members scored" if rank
        else "no index score recorded",
        budapest=f"status: {focus_status}; {parties}",
    )


RECOMMENDATIONS = [
    ("Review the Criminal Code, Press Law and Telecommunications Law so that they neither overlap nor rest on undefined terms.", "vague_in_force"),
    ("Redraft the cybercrime bill's offences with explicit intent and 'without right' elements.", "draft_silent_intent"),
    ("Align the draft's offences with the Convention's substantive articles.", "offence_articles_covered"),
    ("Name the responsible authorities, and create a national committee only if it is independent.", "institutions"),
    ("Subject investigative powers to proportionality, judicial oversight and forensic handling of evidence.", "procedural_powers"),
    ("Amend content offences that restrict expression beyond what security requires.", "content_max_prison"),
    ("Invest in security measures, training and public cyber-awareness programmes.", "gci_position"),
    ("Consider signing and ratifying the Budapest Convention and deepen regional co-operation.", "budapest"),
]


def recommendation_table(gaps: MeasuredGaps) -> pd.DataFrame:
    """The recommendations with the measure that motivates each.

    Returns
    -------
    DataFrame
        ``recommendation``, ``measure`` (its name) and ``measured gap`` (its value as text).
    """
    return pd.DataFrame(
        [{"recommendation": text, "measure": key, "measured gap": getattr(gaps, key)} for text, key in RECOMMENDATIONS]
    )
