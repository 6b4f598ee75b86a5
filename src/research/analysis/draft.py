"""The paper's draft cybercrime law, measured for section 4: its provisions, penalties, Art. 23 against Art. 3,
qualifiers, broad terms, coverage and Art. 17's safeguards; each measure carries the rows it counts."""

from __future__ import annotations

import pandas as pd

from research.analysis import elements as el
from research.analysis import provisions as prov
from research.analysis.basis import Measure, ids, merge, rows_of
from research.analysis.common import parse_list
from research.analysis.penalties import penalties_of

PAPER_DRAFT = "Draft Law on Cybercrime V.1"  # the draft the paper examines
DRAFT_ARTICLE, CONVENTION_ARTICLE = "23", 3  # the paper's sharpest example: draft Art. 23 against Convention Art. 3
CONTENT_ARTICLE = "28"  # the draft's article on content and websites, which the paper quotes first (fn 6)
PRESERVATION_ARTICLE = "17"  # the draft's preservation power, which the paper discusses (fn 79-81)
# The four Art. 15 safeguards in the order section 4 names them.
PRESERVATION_SAFEGUARDS = ("proportionality", "independent_supervision", "grounds_required", "scope_duration_limited")


def draft_row(provisions: pd.DataFrame, draft: str, article: str):
    """The provisions row of one article of one draft, or ``None`` when the data hold none."""
    rows = provisions[(provisions["instrument"].astype(str) == draft) & (provisions["article"].astype(str) == article)]
    return rows.iloc[0] if len(rows) else None


def draft_rows(provisions: pd.DataFrame, draft: str = PAPER_DRAFT) -> pd.DataFrame:
    """The provisions of the paper's draft."""
    return provisions[provisions["instrument"].astype(str) == draft]


def _offences(provisions: pd.DataFrame, draft: str = PAPER_DRAFT) -> pd.DataFrame:
    rows = draft_rows(provisions, draft)
    return rows[rows["kind"].astype(str) == "offence"]


def _one(provisions: pd.DataFrame, article: str, draft: str = PAPER_DRAFT) -> pd.DataFrame:
    rows = draft_rows(provisions, draft)
    return rows[rows["article"].astype("string") == article].iloc[:1]


def article_penalty(paper: dict, article: str = CONTENT_ARTICLE, draft: str = PAPER_DRAFT) -> Measure:
    """The first penalties row of one article of the draft (``None`` when none is recorded)."""
    row = _one(paper["provisions"], article, draft)
    found = penalties_of(paper["penalties"], str(row["provision_id"].iloc[0])).iloc[:1] if len(row) else None
    return Measure(found.iloc[0] if found is not None and len(found) else None,
                   merge(rows_of("provisions", row), rows_of("penalties", found)))


def group_penalty(paper: dict, draft: str = PAPER_DRAFT) -> Measure:
    """The basic penalty a source gives for a group of the draft's articles: ``{"penalty": row, "articles": [...],
    "provisions": [...]}``, or ``None`` when the data record none."""
    provisions, penalties = paper["provisions"], paper["penalties"]
    known = set(draft_rows(provisions, draft)["provision_id"].astype(str))
    basic = penalties[penalties["tier"].astype(str) == "basic"]
    for _, row in basic.iterrows():
        listed = parse_list(row["provisions"])
        if len(listed) > 1 and set(listed) <= known:
            rows = provisions.set_index(provisions["provision_id"].astype(str)).reindex(listed)
            return Measure({"penalty": row, "articles": [str(a) for a in rows["article"].dropna()], "provisions": listed},
                           merge(rows_of("penalties", basic.loc[[row.name]]), ids("provisions", listed)))
    return Measure(None)


def own_penalties(paper: dict, group: Measure, draft: str = PAPER_DRAFT) -> Measure:
    """The articles of the group (:func:`group_penalty`) for which the data also record a penalty of their own."""
    listed = group.value["provisions"] if group.value else []
    penalties = paper["penalties"]
    single = set(penalties["provisions"].astype(str))
    own = [a for a in (group.value["articles"] if group.value else []) if _pid(paper, a, draft) in single]
    return Measure(own, rows_of("penalties", penalties[penalties["provisions"].astype(str).isin(listed)]))


def _pid(paper: dict, article: str, draft: str) -> str:
    row = _one(paper["provisions"], article, draft)
    return str(row["provision_id"].iloc[0]) if len(row) else ""


def reading(paper: dict, focus: str, draft: str = PAPER_DRAFT) -> Measure:
    """When the draft became public, when our data record it superseded, and whether a later cybercrime draft of
    ``focus`` is recorded (``None`` without the draft)."""
    provisions = paper["provisions"]
    rows = draft_rows(provisions, draft)
    mine = provisions[(provisions["country"].astype(str) == focus) & (provisions["status"].astype(str) == "draft")]
    named = mine[mine["instrument"].astype(str).str.lower().str.contains("cybercrime").fillna(False).astype(bool)]
    trace = merge(rows_of("provisions", rows, "valid_from"), rows_of("provisions", named, "instrument"))
    if rows.empty:
        return Measure(None, trace)
    public = rows["valid_from"].dropna().astype(str)
    ended = rows["valid_to"].dropna().astype(str)
    later = named[named["instrument_year"].astype("Int64") > int(rows["instrument_year"].iloc[0])]
    return Measure({"public": min(public) if len(public) else None, "ended": max(ended) if len(ended) else None,
                    "later": not later.empty}, trace)


def offence_headings(provisions: pd.DataFrame, draft: str = PAPER_DRAFT) -> Measure:
    """The draft's offence articles: how many (``offences``), and how many known by their heading only."""
    rows = _offences(provisions, draft)
    return Measure({"offences": len(rows), "heading": int((rows["text_basis"].astype(str) == "heading").sum())},
                   rows_of("provisions", rows, "text_basis"))


def offence_qualifiers(provisions: pd.DataFrame, draft: str = PAPER_DRAFT) -> Measure:
    """The draft's offences: how many, how many known to make no reference to dishonest intent, known to lack
    intent, and of unknown intent."""
    rows = _offences(provisions, draft)
    dishonest = [el._value(v) for v in rows["dishonest_intent"]]
    intent = [el._value(v) for v in rows["intent_required"]]
    return Measure({"offences": len(rows), "no_dishonest": dishonest.count(False), "no_intent": intent.count(False),
                    "unknown_intent": intent.count(None)},
                   merge(rows_of("provisions", rows, "dishonest_intent"), rows_of("provisions", rows, "intent_required")))


def element_counts(paper: dict, article: str = DRAFT_ARTICLE, against: int = CONVENTION_ARTICLE,
                   draft: str = PAPER_DRAFT) -> Measure:
    """Mandatory elements of the Convention article met, known missing and unknown; options used and offered
    (``None`` when the data hold no such article)."""
    one = _one(paper["provisions"], article, draft)
    elements = paper["convention_elements"]
    trace = merge(rows_of("provisions", one), rows_of("convention_elements",
                                                      elements[elements["article"].astype(str) == str(against)]))
    if one.empty:
        return Measure(None, trace)
    row = one.iloc[0]
    table = el.comparison(row, against, elements, paper["codings"], el._value(row["intent_required"]))
    mandatory = table[table["requirement"] == "mandatory"]["assessment"]
    options = table[table["requirement"] != "mandatory"]["assessment"]
    return Measure({"mandatory": len(mandatory), "met": int((mandatory == el.MEETS).sum()),
                    "missing": int((mandatory == el.SHORTFALL).sum()), "unknown": int((mandatory == el.UNKNOWN).sum()),
                    "options": len(options), "used": int((options == el.USES_OPTION).sum())}, trace)


def broad_terms(provisions: pd.DataFrame, draft: str = PAPER_DRAFT) -> Measure:
    """The distinct broad terms the draft's provisions use (sorted), and the articles that use them."""
    rows = draft_rows(provisions, draft).dropna(subset=["vague_terms"])
    return Measure({"terms": sorted({t for v in rows["vague_terms"] for t in parse_list(v)}),
                    "articles": [str(a) for a in rows["article"].dropna()]},
                   rows_of("provisions", rows, "vague_terms"))


def coverage(paper: dict, focus: str, draft: str = PAPER_DRAFT) -> Measure:
    """The coverage matrix of ``focus``'s instruments (:func:`research.analysis.provisions.coverage_matrix`),
    traced to the draft's counterpart cells."""
    return Measure(prov.coverage_matrix(paper, focus),
                   rows_of("provisions", draft_rows(paper["provisions"], draft), "convention_articles"))


def preservation_safeguards(provisions: pd.DataFrame, draft: str = PAPER_DRAFT, codings: pd.DataFrame | None = None,
                            general_rules: pd.DataFrame | None = None) -> Measure:
    """Draft Art. 17: ``{"values": safeguard -> True/False/None (shown from any source, reported lacking,
    unknown), "ordered_by": who orders it}``, or ``None`` when the data hold no such article."""
    one = _one(provisions, PRESERVATION_ARTICLE, draft)
    rules = None if general_rules is None else general_rules[general_rules["rule"].astype(str).str.startswith(
        prov.SAFEGUARD_RULE)]
    trace = merge(*(rows_of("provisions", one, s) for s in PRESERVATION_SAFEGUARDS), rows_of("general_rules", rules))
    if one.empty:
        return Measure(None, trace)
    row = one.iloc[0]
    shown = set(prov.safeguards_shown(row, general_rules))
    return Measure({"values": {s: True if s in shown else el._value(row.get(s)) for s in PRESERVATION_SAFEGUARDS},
                    "ordered_by": prov.ordered_by(codings, str(row["provision_id"]))}, trace)


def safeguard_article(provisions: pd.DataFrame, draft: str = PAPER_DRAFT) -> Measure:
    """The draft's own conditions-and-safeguards article (its provisions row, ``None`` when the data hold none)."""
    rows = draft_rows(provisions, draft)
    rows = rows[rows["kind"].astype(str) == "safeguard"].iloc[:1]
    return Measure(rows.iloc[0] if len(rows) else None, rows_of("provisions", rows, "text_basis"))
