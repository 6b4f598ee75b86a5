"""Section 1, Cambodia under attack: the edition's date, the incident record, the draft's Art. 28, CamCERT and the GCI."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import attack, draft
from research.analysis import countries as cty
from research.analysis.asof import PAPER_DATE, latest_entry
from research.analysis.basis import Basis, Measure, basis_field, merge, trace, traced
from research.analysis.common import missing, sentence, shown_as
from research.analysis.countries import country_names
from research.sections import words
from research.sections.draft_cybercrime_law import article_penalty

MFA_LEAK = ("Anonymous", "Foreign Affairs")  # the leak the paper reports (fn 4): actor, and a word of the target


def focus_name(countries: pd.DataFrame, focus: str) -> str:
    """The focus country's name (its code if countries.csv does not list it)."""
    return country_names(countries).get(focus, focus)


def edition_sentence(tables: dict, as_of: str | None) -> str:
    """What date the edition describes, and how far the data it uses reach (the latest dated row)."""
    when = words.date_text(as_of) if as_of else "the latest date in the data"
    latest = latest_entry(tables)
    paper = " (the date of the paper's latest statements)" if as_of == PAPER_DATE else ""
    reach = f"the latest dated entry in the data it uses is of {words.date_text(latest)}" if latest else "no entry is dated"
    return f"This edition describes the evidence as it was known on {when}{paper}; {reach}."


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
    name = f", {first['label']}," if not missing(first["label"]) else ""
    return (f"The national computer emergency response team{name} was established in {founded_text(founded)} to deal "
            f"with cybersecurity and cybercrime.")


def founded_text(founded: Measure) -> str | None:
    """The founding date of :func:`cert_sentence` in words, at the precision the data give (``None`` without one)."""
    first = founded.value
    if first is None:
        return None
    return words.date_text(first["date"] if not missing(first["date"]) else str(int(first["year"])))


@dataclass(frozen=True)
class GciFirst:
    """The texts of the first GCI edition recorded for the focus country, as :func:`gci_sentence` shows them (each
    ``None`` where the data give none)."""

    edition: str | None = None
    score: str | None = None
    scale: str | None = None
    position: str | None = None
    members: int | None = None


def gci_first(facts: pd.DataFrame, countries: pd.DataFrame, focus: str) -> GciFirst:
    """The focus country's first GCI edition, score (to the decimals of its scale), scale and ASEAN position."""
    cap = cty.response_capacity(facts, countries, focus)
    if cap.gci_first_score is None:
        return GciFirst()
    year = int(facts.loc[(facts["indicator"].astype(str) == "gci_score")
                         & (facts["label"].astype(str) == cap.gci_first_label), "year"].iloc[0])
    scale, decimals = words.gci_scale(year)
    ranked = bool(cap.gci_first_position)
    return GciFirst(cap.gci_first_label, words.number(cap.gci_first_score, decimals), scale,
                    words.ordinal(cap.gci_first_position) if ranked else None,
                    cap.gci_first_group if ranked else None)


def gci_sentence(facts: pd.DataFrame, countries: pd.DataFrame, focus: str) -> str:
    """The focus country's score in the first GCI edition recorded, its scale and its position among ASEAN members
    (without its full stop: the prose cites the source, then stops)."""
    gci = gci_first(facts, countries, focus)
    name = focus_name(countries, focus)
    if gci.score is None:
        return f"Our data hold no Global Cybersecurity Index score for {name}"
    where = (f", {gci.position} of the {words.number(gci.members)} ASEAN members with a recorded score"
             if gci.position else "")
    return (f"In the first edition of the ITU's Global Cybersecurity Index in our data, {gci.edition}, {name} "
            f"scored {gci.score} on a scale of {gci.scale}{where}")


@dataclass(frozen=True)
class UnderAttack:
    """The values and sentences of section 1 (``attack_n_undated`` also labels the incident figure); each number or
    data-drawn date a sentence shows is a value of its own, which the sentence names in ``uses``."""

    attack_n_undated: int
    attack_art28_penalty: str
    attack_latest_entry: str | None = None
    attack_n_entries: int = 0
    attack_n_incidents: int = 0
    attack_n_campaigns: int = 0
    attack_n_claims: int = 0
    attack_n_counted: int = 0
    attack_n_dated: int = 0
    attack_first_year: int | None = shown_as("d")
    attack_last_year: int | None = shown_as("d")
    attack_n_later: int | None = None
    attack_n_abroad: int = 0
    attack_n_top_origin: int | None = None
    attack_mfa_documents: int | None = None
    attack_cert_founded: str | None = None
    attack_gci_edition: str | None = None
    attack_gci_score: str | None = None
    attack_gci_scale: str | None = None
    attack_gci_position: str | None = None
    attack_gci_members: int | None = None
    attack_edition_sentence: str = sentence(uses=("attack_latest_entry",))
    attack_counts_sentence: str = sentence(
        uses=("attack_n_entries", "attack_n_incidents", "attack_n_campaigns", "attack_n_claims"))
    attack_dating_sentence: str = sentence(
        uses=("attack_n_counted", "attack_n_dated", "attack_first_year", "attack_last_year", "attack_n_later"))
    # "6 of the 20 ..., most often in China (2 of the 6 entries)": the count abroad comes back in a share
    attack_attribution_sentence: str = sentence(
        uses=("attack_n_abroad", "attack_n_counted", "attack_n_top_origin", "attack_n_abroad"))
    attack_mfa_leak_sentence: str = sentence(uses=("attack_mfa_documents",))
    attack_cert_sentence: str = sentence(uses=("attack_cert_founded",))
    attack_gci_sentence: str = sentence(
        uses=("attack_gci_edition", "attack_gci_score", "attack_gci_scale", "attack_gci_position", "attack_gci_members"))
    basis: Basis = basis_field()


@traced
def under_attack(data: dict, paper: dict, focus: str, as_of: str | None) -> UnderAttack:
    """Section 1's values from the data as of ``as_of`` (``data``) and the paper's draft as the paper read it
    (``paper``: provisions and penalties as of :func:`research.analysis.asof.reading_date`); each value carries the
    rows of its measure, each sentence the rows of the measures it uses."""
    facts, countries = data["country_facts"], data["countries"]
    mine = attack.victim_of(data["incidents"], focus)
    undated, counts, dating = attack.undated(mine), attack.entry_counts(mine), attack.dating(mine, as_of)
    kinds = {k: attack.entries(mine, k) for k in attack.ENTRY_TYPES}
    counted, dated, later = attack.counted(mine), attack.dated(mine), attack.reported_after(mine, as_of)
    first, last = attack.year_bound(mine), attack.year_bound(mine, last=True)
    origins, abroad, top = attack.origins_abroad(mine), attack.attributed_abroad(mine), attack.commonest_origin(mine)
    leaked, latest = attack.records_leaked(mine, *MFA_LEAK), attack.latest_dated(data)
    founded = attack.first_fact(facts, focus, "cert_established")
    gci, gci_rows = gci_first(facts, countries, focus), cty.response_capacity(facts, countries, focus).basis.rows
    art28 = draft.article_penalty(paper)
    return UnderAttack(
        attack_n_undated=undated.value,
        attack_art28_penalty=article_penalty(art28),
        attack_latest_entry=words.date_text(latest.value) if latest.value else None,
        attack_n_entries=attack.entries(mine).value,
        attack_n_incidents=kinds["incident"].value,
        attack_n_campaigns=kinds["campaign"].value,
        attack_n_claims=kinds["claim"].value,
        attack_n_counted=counted.value,
        attack_n_dated=dated.value,
        attack_first_year=first.value,
        attack_last_year=last.value,
        attack_n_later=later.value,
        attack_n_abroad=abroad.value,
        attack_n_top_origin=top.value,
        attack_mfa_documents=leaked.value,
        attack_cert_founded=founded_text(founded),
        attack_gci_edition=gci.edition,
        attack_gci_score=gci.score,
        attack_gci_scale=gci.scale,
        attack_gci_position=gci.position,
        attack_gci_members=gci.members,
        attack_edition_sentence=edition_sentence(data, as_of),
        attack_counts_sentence=counts_sentence(counts, as_of, focus_name(countries, focus)),
        attack_dating_sentence=dating_sentence(dating),
        attack_attribution_sentence=attribution_sentence(origins, countries),
        attack_mfa_leak_sentence=mfa_leak_sentence(leaked),
        attack_cert_sentence=cert_sentence(founded),
        attack_gci_sentence=gci_sentence(facts, countries, focus),
        basis=Basis({
            "attack_n_undated": trace(undated),
            "attack_art28_penalty": trace(art28),
            "attack_latest_entry": trace(latest),
            "attack_n_entries": trace(attack.entries(mine)),
            "attack_n_incidents": trace(kinds["incident"]),
            "attack_n_campaigns": trace(kinds["campaign"]),
            "attack_n_claims": trace(kinds["claim"]),
            "attack_n_counted": trace(counted),
            "attack_n_dated": trace(dated),
            "attack_first_year": trace(first),
            "attack_last_year": trace(last),
            "attack_n_later": trace(later),
            "attack_n_abroad": trace(abroad),
            "attack_n_top_origin": trace(top),
            "attack_mfa_documents": trace(leaked),
            "attack_cert_founded": trace(founded),
            "attack_gci_edition": gci_rows.get("gci_first_label", ()),
            "attack_gci_score": gci_rows.get("gci_first_score", ()),
            "attack_gci_scale": gci_rows.get("gci_first_label", ()),
            "attack_gci_position": gci_rows.get("gci_first_position", ()),
            "attack_gci_members": gci_rows.get("gci_first_group", ()),
            "attack_edition_sentence": trace(latest),
            "attack_counts_sentence": trace(counts),
            "attack_dating_sentence": trace(dating, counted),
            "attack_attribution_sentence": trace(origins, counted),
            "attack_mfa_leak_sentence": trace(leaked),
            "attack_cert_sentence": trace(founded),
            "attack_gci_sentence": merge(gci_rows.get("gci_first_score", ()), gci_rows.get("gci_first_position", ())),
        }),
    )


def incidents_caption(as_of: str | None, place: str = "Cambodia") -> str:
    """The caption of the incidents-per-year figure, dated."""
    when = f" reported by {words.date_text(as_of)}" if as_of else ""
    later = (f"; hatched: first reported after {words.date_text(PAPER_DATE)}, the paper's date"
             if as_of and as_of > PAPER_DATE else "")
    return (f"Incidents and campaigns against {place}{when}, per year and type of actor as a source types it "
            f"(dated entries only; general claims not counted){later}.")
