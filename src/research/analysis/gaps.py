"""The gaps the paper's recommendations answer, measured in the data: each a value with the rows it was measured on."""

from __future__ import annotations

import pandas as pd

from research.analysis import asof
from research.analysis import elements as el
from research.analysis import incidents as inc
from research.analysis import parties as pty
from research.analysis.basis import Measure, merge, rows_of, trace
from research.analysis.common import parse_list
from research.analysis.parties import PARTY_ACTS

CYBERCRIME = "cybercrime"  # an instrument whose name says so is a cybercrime law or draft
STATE_SECTORS = ("government", "election", "military", "judiciary")  # the state targets the sentence counts


def latest_draft(provisions: pd.DataFrame, focus: str) -> pd.DataFrame:
    """The provisions of the latest cybercrime draft of ``focus`` (by its instrument's year); empty when none."""
    mine = provisions[(provisions["country"].astype(str) == focus) & (provisions["status"].astype(str) == "draft")]
    named = mine[mine["instrument"].astype(str).str.lower().str.contains(CYBERCRIME)]
    if named.empty:
        return named
    latest = named.sort_values("instrument_year", kind="stable")["instrument"].astype(str).iloc[-1]
    return named[named["instrument"].astype(str) == latest]


def overlap(force: pd.DataFrame) -> Measure:
    """The Convention articles that provisions of more than one instrument in force answer, in article order."""
    rows = force[force["convention_articles"].notna()]
    by_article: dict[str, set[str]] = {}
    for instrument, articles in zip(rows["instrument"].astype(str), rows["convention_articles"]):
        for a in parse_list(articles):
            by_article.setdefault(a, set()).add(instrument)
    shared = sorted((a for a, i in by_article.items() if len(i) > 1), key=int)
    return Measure(shared, rows_of("provisions", force, "convention_articles"))


def draft_offences(provisions: pd.DataFrame, focus: str) -> Measure:
    """The latest cybercrime draft's offence articles: its name, how many, how many are known to lack a dishonest
    intent and an intent element, and how many undefined broad terms its provisions use (``None`` without a draft)."""
    draft = latest_draft(provisions, focus)
    offences = draft[draft["kind"].astype(str) == "offence"]
    rows = merge(rows_of("provisions", offences, "dishonest_intent"), rows_of("provisions", offences, "intent_required"),
                 rows_of("provisions", draft.dropna(subset=["vague_terms"]), "vague_terms"))
    if draft.empty:
        return Measure(None, rows)
    return Measure({"instrument": str(draft["instrument"].iloc[0]), "offences": len(offences),
                    "no_dishonest_intent": sum(el._value(v) is False for v in offences["dishonest_intent"]),
                    "no_intent": sum(el._value(v) is False for v in offences["intent_required"]),
                    "terms": len({t for v in draft["vague_terms"].dropna() for t in parse_list(v)})}, rows)


def authorities(mine: pd.DataFrame) -> Measure:
    """Provisions coded as institutions: how many in force, how many in drafts, and the drafts that hold them (the
    rows are every provision's kind: which are institutions)."""
    institutions = mine[mine["kind"].astype(str) == "institution"]
    drafts = institutions[asof.is_draft(institutions)]
    return Measure((int(asof.enacted(institutions).sum()), len(drafts),
                    list(dict.fromkeys(drafts["instrument"].astype(str)))), rows_of("provisions", mine, "kind"))


def state_targets(incidents: pd.DataFrame) -> Measure:
    """How many of the incidents and campaigns struck state targets, of how many."""
    counted = inc.counted(incidents)
    state = counted[counted["target_sector"].astype(str).isin(STATE_SECTORS)]
    return Measure((len(state), len(counted)), rows_of("incidents", counted, "target_sector"))


def cooperation(mine: pd.DataFrame) -> Measure:
    """Provisions on international co-operation: provisions in force, co-operation provisions in force, and the
    drafts that hold co-operation articles."""
    force = mine[asof.enacted(mine)]
    coop = mine[mine["kind"].astype(str) == "cooperation"]
    drafts = list(dict.fromkeys(coop.loc[coop["status"].astype(str) == "draft", "instrument"].astype(str)))
    return Measure((len(force), int(asof.enacted(coop).sum()), drafts),
                   merge(rows_of("provisions", force, "status"), rows_of("provisions", coop, "kind")))


def gci_scores(facts: pd.DataFrame, focus: str) -> Measure:
    """The focus country's Global Cybersecurity Index scores (their number); the data hold no count of awareness
    programmes, and these scores measure far more than awareness."""
    scores = facts[(facts["iso3"].astype(str) == focus) & (facts["indicator"].astype(str) == "gci_score")]
    return Measure(len(scores), rows_of("country_facts", scores))


def convention_steps(countries: pd.DataFrame, facts: pd.DataFrame, focus: str) -> Measure:
    """Whether the data record ``focus`` as a Party (its status, or an act that makes a State one)."""
    status, steps = pty.status(countries, focus), pty.steps(facts, focus)
    joined = status.value == "party" or any(step.value[0] in PARTY_ACTS for step in steps)
    return Measure(joined, trace(status, *steps))


def gaps(data: dict, focus: str) -> dict[str, Measure]:
    """Each gap of the infographic's recommendations (by key), measured with its rows."""
    provisions = data["provisions"]
    mine = provisions[provisions["country"].astype(str) == focus]
    return {"overlap_and_vagueness": overlap(mine[asof.enacted(mine)]),
            "draft_offences": draft_offences(provisions, focus),
            "authorities": authorities(mine),
            "security_measures": state_targets(data["incidents"]),
            "cooperation": cooperation(mine),
            "awareness": gci_scores(data["country_facts"], focus),
            "convention": convention_steps(data["countries"], data["country_facts"], focus)}
