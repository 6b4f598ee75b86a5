"""Section 1, Cambodia under attack: the edition's date, the incident record, the draft's Art. 28, CamCERT and the GCI."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import attack, draft
from research.analysis import countries as cty
from research.analysis.asof import PAPER_DATE
from research.analysis.basis import Basis, Measure, basis_field, merge, trace, traced
from research.analysis.common import missing, sentence
from research.analysis.countries import country_names
from research.analysis.since import latest_rows
from research.sections import words
from research.sections.draft_cybercrime_law import article_penalty

MFA_LEAK = ("Anonymous", "Foreign Affairs")  # the leak the paper reports (fn 4): actor, and a word of the target


def focus_name(countries: pd.DataFrame, focus: str) -> str:
    """The focus country's name (its code if countries.csv does not list it)."""
    return country_names(countries).get(focus, focus)


def counts_sentence(counts: Measure, as_of: str | None, place: str) -> str:
    """How many entries the incident table holds on ``as_of``, split into incidents, campaigns and claims
    (``counts`` from :func:`research.analysis.attack.entry_counts`)."""
    n = counts.value
    when = f"As of {words.date_text(as_of)}" if as_of else "In all"
    return (f"{when}, the incident table holds {words.count(n['entries'], 'entry')} on attacks against {place}: "
            f"{words.count(n['incident'], 'single incident')}, {words.count(n['campaign'], 'campaign')} and "
            f"{words.count(n['claim'], 'general claim')} (statements that are not incidents, or groups named with no "
            f"incident attached), which are kept apart and not counted as incidents.")


def dating_sentence(dating: Measure) -> str:
    """How many incidents and campaigns are dated, their span, and how many were reported after the paper's date
    (``dating`` from :func:`research.analysis.attack.dating`)."""
    d = dating.value
    noun = "incident or campaign" if d["counted"] == 1 else "incidents and campaigns"
    if not d["counted"]:
        return "The table holds no incident or campaign."
    if d["span"] is None:
        text = f"None of the {words.number(d['counted'])} {noun} can be dated"
    else:
        first, last = d["span"]
        span = f"in {first}" if first == last else f"from {first} to {last}"
        text = f"Of the {words.number(d['counted'])} {noun}, {words.number(d['dated'])} can be dated, {span}"
    if d["later"] is not None:
        text += (f", and {words.number(d['later'])} {'was' if d['later'] == 1 else 'were'} first reported after "
                 f"{words.date_text(PAPER_DATE)}, the date of the paper's latest statements")
    return text + "."


def attribution_sentence(origins: Measure, countries: pd.DataFrame) -> str:
    """How many incidents and campaigns a source attributes to actors abroad, and the commonest attributed origin
    (``origins`` from :func:`research.analysis.attack.origins_abroad`)."""
    counts = origins.value["origins"]
    if not counts:
        return "No source attributes any of them to actors based outside the victim country."
    most, total = max(counts.values()), sum(counts.values())
    names = country_names(countries)
    top = sorted(words.country_name(names.get(c, c)) for c, n in counts.items() if n == most)
    each = f"{words.number(most)} each" if len(top) > 1 else words.share(most, total, "entry")
    return (f"Sources attribute {words.number(total)} of the {words.number(origins.value['counted'])} to actors based "
            f"outside the country attacked, most often in {words.join(top)} ({each}).")


def mfa_leak_sentence(leaked: Measure) -> str:
    """The paper's report of the documents Anonymous leaked from the Ministry of Foreign Affairs, counted from the
    incident table where it records the number (without its full stop: the prose cites the source, then stops)."""
    amount = f"more than {words.number(leaked.value)} documents" if leaked.value is not None else "documents"
    return (f"Another hacktivist collective, {MFA_LEAK[0]}, caused {amount} to be stolen from the Ministry of Foreign "
            f"Affairs and leaked")


def cert_sentence(founded: Measure) -> str:
    """When the focus country's national computer emergency response team was set up, as the data record it
    (``founded`` from :func:`research.analysis.attack.first_fact`)."""
    first = founded.value
    if first is None:
        return "Our data record no founding date for the national computer emergency response team."
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


@traced
def under_attack(data: dict, paper: dict, focus: str, as_of: str | None) -> UnderAttack:
    """Section 1's values from the data as of ``as_of`` (``data``) and the paper's draft as the paper read it
    (``paper``: provisions and penalties as of :func:`research.analysis.asof.reading_date`); each sentence is traced
    to the rows of the measures it uses."""
    facts, countries = data["country_facts"], data["countries"]
    mine = attack.victim_of(data["incidents"], focus)
    undated, counts, dating = attack.undated(mine), attack.entry_counts(mine), attack.dating(mine, as_of)
    origins, leaked = attack.origins_abroad(mine), attack.records_leaked(mine, *MFA_LEAK)
    founded = attack.first_fact(facts, focus, "cert_established")
    gci = cty.response_capacity(facts, countries, focus).basis.rows
    art28 = draft.article_penalty(paper)
    return UnderAttack(
        attack_n_undated=undated.value,
        attack_art28_penalty=article_penalty(art28),
        attack_edition_sentence=words.edition_sentence(data, as_of),
        attack_counts_sentence=counts_sentence(counts, as_of, focus_name(countries, focus)),
        attack_dating_sentence=dating_sentence(dating),
        attack_attribution_sentence=attribution_sentence(origins, countries),
        attack_mfa_leak_sentence=mfa_leak_sentence(leaked),
        attack_cert_sentence=cert_sentence(founded),
        attack_gci_sentence=gci_sentence(facts, countries, focus),
        basis=Basis({
            "attack_n_undated": trace(undated),
            "attack_art28_penalty": trace(art28),
            "attack_edition_sentence": latest_rows(data),
            "attack_counts_sentence": trace(counts),
            "attack_dating_sentence": trace(dating),
            "attack_attribution_sentence": trace(origins),
            "attack_mfa_leak_sentence": trace(leaked),
            "attack_cert_sentence": trace(founded),
            "attack_gci_sentence": merge(gci.get("gci_first_score", ()), gci.get("gci_first_position", ())),
        }),
    )


def incidents_caption(as_of: str | None, place: str = "Cambodia") -> str:
    """The caption of the incidents-per-year figure, dated."""
    when = f" reported by {words.date_text(as_of)}" if as_of else ""
    later = (f"; hatched: first reported after {words.date_text(PAPER_DATE)}, the paper's date"
             if as_of and as_of > PAPER_DATE else "")
    return (f"Incidents and campaigns against {place}{when}, per year and type of actor as a source types it "
            f"(dated entries only; general claims not counted){later}.")
