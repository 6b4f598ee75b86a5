"""The captions of section 4, and the data rows each value of :class:`research.sections.draft_cybercrime_law.DraftLaw` is
computed from (kept apart so that report_draft.py stays short)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import law
from research.analysis.asof import reading_date
from research.analysis.basis import Basis, ids, merge, rows_of
from research.analysis.common import parse_list
from research.analysis.draft import CONVENTION_ARTICLE, DRAFT_ARTICLE, PAPER_DRAFT
from research.analysis.penalties import penalties_of
from research.sections import words

PRESERVATION_ARTICLE = "17"  # the draft's preservation power, which the paper discusses (fn 79-81)
SAFEGUARD_WORDS = {"proportionality": "proportionality", "independent_supervision": "independent supervision",
                   "grounds_required": "grounds for its use", "scope_duration_limited": "limits of scope and duration"}


def _draft(provisions: pd.DataFrame, draft: str = PAPER_DRAFT) -> pd.DataFrame:
    return provisions[provisions["instrument"].astype(str) == draft]


def _one(rows: pd.DataFrame, article: str) -> pd.DataFrame:
    return rows[rows["article"].astype("string") == article].iloc[:1]


def _group_rows(paper: dict, rows: pd.DataFrame) -> tuple[str, ...]:
    """The penalties row a source gives for a group of the draft's articles, and the group's provisions."""
    ids_ = set(rows["provision_id"].astype(str))
    basic = paper["penalties"][paper["penalties"]["tier"].astype(str) == "basic"]
    for _, row in basic.iterrows():
        listed = parse_list(row["provisions"])
        if len(listed) > 1 and set(listed) <= ids_:
            return merge(rows_of("penalties", basic.loc[[row.name]]), ids("provisions", listed))
    return ()


def _safeguard_rules(rules: pd.DataFrame | None) -> pd.DataFrame | None:
    return None if rules is None else rules[rules["rule"].astype(str).str.startswith("safeguard:")]


def draft_basis(paper: dict, focus: str, content_article: str) -> Basis:
    """The rows of each value of section 4, read on the paper's date (``paper``)."""
    provisions = paper["provisions"]
    rows = _draft(provisions)
    offences = rows[rows["kind"].astype(str) == "offence"]
    art = _one(rows, content_article)
    art28 = merge(rows_of("provisions", art),
                  rows_of("penalties", penalties_of(paper["penalties"], str(art["provision_id"].iloc[0])).iloc[:1])
                  if len(art) else ())
    group = _group_rows(paper, rows)
    mine = provisions[(provisions["country"].astype(str) == focus) & (provisions["status"].astype(str) == "draft")]
    named = mine[mine["instrument"].astype(str).str.lower().str.contains("cybercrime").fillna(False).astype(bool)]
    listed = [r.split(":", 1)[1] for r in group if r.startswith("provisions:")]
    own = rows_of("penalties", paper["penalties"][paper["penalties"]["provisions"].astype(str).isin(listed)])
    elements = paper["convention_elements"]
    a17 = _one(rows, PRESERVATION_ARTICLE)
    return Basis({
        "v1_art28_penalty": art28,
        "v1_group_penalty": group,
        "v1_reading_sentence": merge(rows_of("provisions", rows, "valid_from"), rows_of("provisions", named, "instrument")),
        "v1_categories_sentence": law.offence_categories(provisions, focus).basis.rows.get("n_offences", ()),
        "v1_group_penalty_sentence": merge(group, own),
        "v1_offences_sentence": rows_of("provisions", offences, "text_basis"),
        "v1_art23_sentence": merge(rows_of("provisions", _one(rows, DRAFT_ARTICLE)),
                                   rows_of("convention_elements",
                                           elements[elements["article"].astype(str) == str(CONVENTION_ARTICLE)])),
        "v1_qualifier_sentence": merge(rows_of("provisions", offences, "dishonest_intent"),
                                       rows_of("provisions", offences, "intent_required")),
        "v1_vague_sentence": rows_of("provisions", rows[rows["vague_terms"].notna()], "vague_terms"),
        "v1_coverage_sentence": rows_of("provisions", rows, "convention_articles"),
        "v1_art17_sentence": merge(*(rows_of("provisions", a17, s) for s in SAFEGUARD_WORDS),
                                   rows_of("general_rules", _safeguard_rules(paper.get("general_rules")))),
        "v1_art20_sentence": rows_of("provisions", rows[rows["kind"].astype(str) == "safeguard"].iloc[:1], "text_basis"),
    })


@dataclass(frozen=True)
class DraftCaptions:
    """The captions of section 4's figures and tables, each naming the date the draft is read on."""

    coverage: str
    coverage_table: str
    art23: str
    offences: str
    qualifiers: str


def captions(as_of: str | None) -> DraftCaptions:
    """Section 4's captions (see :class:`DraftCaptions`)."""
    on = words.date_text(reading_date(as_of))
    return DraftCaptions(
        coverage=(f"Cambodian instruments in force or in draft on {on} against the Convention's benchmark articles, "
                  f"by the codebook's coverage levels: offence articles by the Convention's mandatory elements, "
                  f"procedural articles by the safeguards Article 15 names, from any source; a blank cell is not "
                  f"coded, which is not a finding that the instrument lacks a counterpart."),
        coverage_table=(f"Coverage of the Convention's benchmark articles in words: one row per Cambodian instrument in "
                        f"force or in draft on {on}, one column per article."),
        art23=("Draft Article 23 (illegal interception) against Convention Article 3, element by element: a mandatory "
               "element missing is a shortfall; an option not used leaves the offence broader, and is no shortfall."),
        offences=(f"The offence articles of the draft the paper examines, as our data hold them on {on}: qualifiers as "
                  f"the text read states them, penalties as their sources give them."),
        qualifiers=(f"Offence provisions per Cambodian instrument on {on} that require each qualifier, are known to lack "
                    f"it, or whose text does not show it (intent with the Criminal Code's Article 5 applied to the "
                    f"Code's own offences)."),
    )
