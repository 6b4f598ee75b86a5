"""Section 1, Cambodia under attack: the edition's date, the incident record, the draft's Art. 28, CamCERT and the GCI."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import countries as cty
from research.analysis import incidents as inc
from research.analysis.asof import PAPER_DATE
from research.analysis.basis import Basis, basis_field, ids, merge, rows_of, traced
from research.analysis.common import missing, sentence
from research.analysis.countries import country_names
from research.analysis.penalties import penalties_of
from research.analysis.since import latest_rows
from research.sections import words
from research.sections.draft_cybercrime_law import CONTENT_ARTICLE, _article, article_penalty

MFA_LEAK = ("Anonymous", "Foreign Affairs")  # the leak the paper reports (fn 4): actor, and a word of the target


def focus_name(countries: pd.DataFrame, focus: str) -> str:
    """The focus country's name (its code if countries.csv does not list it)."""
    return country_names(countries).get(focus, focus)


def counts_sentence(incidents: pd.DataFrame, as_of: str | None, place: str) -> str:
    """How many entries the incident table holds on ``as_of``, split into incidents, campaigns and claims."""
    kinds = incidents["entry_type"].astype(str)
    n_inc, n_camp, n_claim = (int((kinds == k).sum()) for k in ("incident", "campaign", "claim"))
    when = f"As of {words.date_text(as_of)}" if as_of else "In all"
    return (f"{when}, the incident table holds {words.count(len(incidents), 'entry')} on attacks against {place}: "
            f"{words.count(n_inc, 'single incident')}, {words.count(n_camp, 'campaign')} and "
            f"{words.count(n_claim, 'general claim')} (statements that are not incidents, or groups named with no "
            f"incident attached), which are kept apart and not counted as incidents.")


def dating_sentence(incidents: pd.DataFrame, as_of: str | None) -> str:
    """How many incidents and campaigns are dated, their span, and how many were reported after the paper's date."""
    rows = inc.counted(incidents)
    years = rows["year"].dropna().astype(int)
    noun = "incident or campaign" if len(rows) == 1 else "incidents and campaigns"
    if rows.empty:
        return "The table holds no incident or campaign."
    if years.empty:
        text = f"None of the {words.number(len(rows))} {noun} can be dated"
    else:
        span = f"in {years.min()}" if years.min() == years.max() else f"from {years.min()} to {years.max()}"
        text = f"Of the {words.number(len(rows))} {noun}, {words.number(len(years))} can be dated, {span}"
    later = int((~inc.known_by(rows, PAPER_DATE)).sum())
    if as_of and as_of > PAPER_DATE:
        text += (f", and {words.number(later)} {'was' if later == 1 else 'were'} first reported after "
                 f"{words.date_text(PAPER_DATE)}, the date of the paper's latest statements")
    return text + "."


def attribution_sentence(incidents: pd.DataFrame, countries: pd.DataFrame) -> str:
    """How many incidents and campaigns a source attributes to actors abroad, and the commonest attributed origin."""
    rows = inc.counted(incidents)
    origin = rows["actor_country"].astype("string")
    foreign = origin[origin.notna() & (origin != rows["victim_country"].astype("string"))]
    if foreign.empty:
        return "No source attributes any of them to actors based outside the victim country."
    counts = foreign.value_counts()
    names = country_names(countries)
    top = sorted(words.country_name(names.get(str(c), str(c))) for c in counts[counts == counts.max()].index)
    each = f"{words.number(int(counts.max()))} each" if len(top) > 1 else words.share(int(counts.max()), len(foreign), "entry")
    return (f"Sources attribute {words.number(len(foreign))} of the {words.number(len(rows))} to actors based "
            f"outside the country attacked, most often in {words.join(top)} ({each}).")


def mfa_leak_sentence(incidents: pd.DataFrame) -> str:
    """The paper's report of the documents Anonymous leaked from the Ministry of Foreign Affairs, counted from the
    incident table where it records the number (without its full stop: the prose cites the source, then stops)."""
    actor, word = MFA_LEAK
    rows = inc.counted(incidents)
    hit = rows[(rows["actor"].astype("string") == actor) & rows["target"].astype("string").str.contains(word).fillna(False)]
    leaked = hit["records_leaked"].dropna()
    amount = f"more than {words.number(int(leaked.max()))} documents" if len(leaked) else "documents"
    return (f"Another hacktivist collective, {actor}, caused {amount} to be stolen from the Ministry of Foreign Affairs "
            f"and leaked")


def cert_sentence(facts: pd.DataFrame, focus: str) -> str:
    """When the focus country's national computer emergency response team was set up, as the data record it."""
    rows = facts[(facts["iso3"].astype(str) == focus) & (facts["indicator"].astype(str) == "cert_established")]
    rows = rows.dropna(subset=["year"]).sort_values("year", kind="stable")
    if rows.empty:
        return "Our data record no founding date for the national computer emergency response team."
    first = rows.iloc[0]
    when = first["date"] if not missing(first["date"]) else str(int(first["year"]))
    name = f", {first['label']}," if not missing(first["label"]) else ""
    return (f"The national computer emergency response team{name} was established in {words.date_text(when)} to deal "
            f"with cybersecurity and cybercrime.")


def gci_sentence(facts: pd.DataFrame, countries: pd.DataFrame, focus: str) -> str:
    """The focus country's score in the first GCI edition recorded, its scale and its position among ASEAN members
    (without its full stop: the prose cites the source, then stops)."""
    cap = cty.response_capacity(facts, countries, focus)
    name = focus_name(countries, focus)
    if cap.gci_first_score is None:
        return f"Our data hold no Global Cybersecurity Index score for {name}"
    year = int(facts.loc[(facts["indicator"].astype(str) == "gci_score")
                         & (facts["label"].astype(str) == cap.gci_first_label), "year"].iloc[0])
    scale, decimals = words.gci_scale(year)
    where = (f", {words.ordinal(cap.gci_first_position)} of the {words.number(cap.gci_first_group)} ASEAN members with "
             f"a recorded score" if cap.gci_first_position else "")
    return (f"In the first edition of the ITU's Global Cybersecurity Index in our data, {cap.gci_first_label}, {name} "
            f"scored {words.number(cap.gci_first_score, decimals)} on a scale of {scale}{where}")


@dataclass(frozen=True)
class UnderAttack:
    """The values and sentences of section 1 (``attack_n_undated`` also labels the incident figure)."""

    attack_n_undated: int
    attack_art28_penalty: str
    attack_edition_sentence: str = sentence()
    attack_counts_sentence: str = sentence()
    attack_dating_sentence: str = sentence()
    attack_attribution_sentence: str = sentence()
    attack_mfa_leak_sentence: str = sentence()
    attack_cert_sentence: str = sentence()
    attack_gci_sentence: str = sentence()
    basis: Basis = basis_field()


def penalty_rows(paper: dict) -> tuple[str, ...]:
    """The provisions row of the paper's draft article and the penalties rows that give its basic penalty."""
    row = _article(paper["provisions"], CONTENT_ARTICLE)
    if row is None:
        return ()
    found = penalties_of(paper["penalties"], str(row["provision_id"]))
    return merge(ids("provisions", [row["provision_id"]]), rows_of("penalties", found.iloc[:1]))


def _facts_rows(facts: pd.DataFrame, focus: str, indicator: str) -> tuple[str, ...]:
    rows = facts[(facts["iso3"].astype(str) == focus) & (facts["indicator"].astype(str) == indicator)]
    return rows_of("country_facts", rows.dropna(subset=["year"]).sort_values("year", kind="stable").iloc[:1])


def _attack_basis(data: dict, paper: dict, mine: pd.DataFrame, focus: str, as_of: str | None) -> Basis:
    facts, countries = data["country_facts"], data["countries"]
    rows = inc.counted(mine)
    origin = rows["actor_country"].astype("string")
    foreign = rows[(origin.notna() & (origin != rows["victim_country"].astype("string"))).fillna(False).astype(bool)]
    actor, word = MFA_LEAK
    leak = rows[((rows["actor"].astype("string") == actor)
                 & rows["target"].astype("string").str.contains(word)).fillna(False).astype(bool)]
    cap = cty.response_capacity(facts, countries, focus).basis.rows
    later = rows[~inc.known_by(rows, PAPER_DATE)] if as_of and as_of > PAPER_DATE else rows.iloc[:0]
    return Basis({
        "attack_n_undated": rows_of("incidents", rows[rows["year"].isna()], "year"),
        "attack_art28_penalty": penalty_rows(paper),
        "attack_edition_sentence": latest_rows(data),
        "attack_counts_sentence": rows_of("incidents", mine, "entry_type"),
        "attack_dating_sentence": merge(rows_of("incidents", rows.dropna(subset=["year"]), "year"),
                                        rows_of("incidents", later, "reported")),
        "attack_attribution_sentence": rows_of("incidents", foreign, "actor_country"),
        "attack_mfa_leak_sentence": rows_of("incidents", leak, "records_leaked"),
        "attack_cert_sentence": _facts_rows(facts, focus, "cert_established"),
        "attack_gci_sentence": merge(cap.get("gci_first_score", ()), cap.get("gci_first_position", ())),
    })


@traced
def under_attack(data: dict, paper: dict, focus: str, as_of: str | None) -> UnderAttack:
    """Section 1's values from the data as of ``as_of`` (``data``) and the paper's draft as the paper read it
    (``paper``: provisions and penalties as of :func:`research.analysis.asof.reading_date`)."""
    incidents, facts, countries = data["incidents"], data["country_facts"], data["countries"]
    mine = incidents[incidents["victim_country"].astype(str) == focus]
    rows = inc.counted(mine)
    return UnderAttack(
        attack_n_undated=int(rows["year"].isna().sum()),
        attack_art28_penalty=article_penalty(paper),
        attack_edition_sentence=words.edition_sentence(data, as_of),
        attack_counts_sentence=counts_sentence(mine, as_of, focus_name(countries, focus)),
        attack_dating_sentence=dating_sentence(mine, as_of),
        attack_attribution_sentence=attribution_sentence(mine, countries),
        attack_mfa_leak_sentence=mfa_leak_sentence(mine),
        attack_cert_sentence=cert_sentence(facts, focus),
        attack_gci_sentence=gci_sentence(facts, countries, focus),
        basis=_attack_basis(data, paper, mine, focus, as_of),
    )


def incidents_caption(as_of: str | None, place: str = "Cambodia") -> str:
    """The caption of the incidents-per-year figure, dated."""
    when = f" reported by {words.date_text(as_of)}" if as_of else ""
    later = (f"; hatched: first reported after {words.date_text(PAPER_DATE)}, the paper's date"
             if as_of and as_of > PAPER_DATE else "")
    return (f"Incidents and campaigns against {place}{when}, per year and type of actor as a source types it "
            f"(dated entries only; general claims not counted){later}.")
