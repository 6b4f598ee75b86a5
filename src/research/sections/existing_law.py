"""Section 3, the existing legal framework: the cybercrime-law status, penalties, Art. 5's intent rule, safeguards."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import asof
from research.analysis import elements as el
from research.analysis import penalties as pen
from research.analysis import provisions as prov
from research.analysis.basis import Basis, basis_field, traced
from research.analysis.common import missing, sentence, shown_as
from research.analysis.countries import country_names
from research.analysis.penalties import penalties_of
from research.analysis.provisions import SAFEGUARDS, vague_term_counts
from research.data.labels import label
from research.sections import words
from research.sections.existing_law_rows import (
    CC305,
    CC317,
    CC437,
    CC_IT_SECTOR,
    CYBERCRIME,
    PRAKAS,
    PRESS_CONTENT,
    SIM,
    TEL80,
    TELECOM,
    law_basis,
)

KIND_PLURALS = {"obligation": "duties or prohibitions"}  # kinds whose label's plural is not regular


def _row(provisions: pd.DataFrame, pid: str):
    rows = provisions[provisions["provision_id"].astype(str) == pid]
    return rows.iloc[0] if len(rows) else None


def _basic_penalty(data: dict, pid: str):
    found = penalties_of(data["penalties"], pid)
    return found.iloc[0] if len(found) else None


def cybercrime_law_sentence(data: dict, focus: str, as_of: str | None) -> str:
    """Whether the data record a cybercrime law of the focus country as enacted on ``as_of``, and which cybercrime
    texts they hold as drafts."""
    provisions, facts = data["provisions"], data["country_facts"]
    mine = provisions[provisions["country"].astype(str) == focus]
    named = mine[mine["instrument"].astype(str).str.lower().str.contains(CYBERCRIME)]
    enacted = named[asof.enacted(named)]
    laws = facts[(facts["iso3"].astype(str) == focus) & (facts["indicator"].astype(str) == "cybercrime_law")]
    when = f"As of {words.date_text(as_of)}" if as_of else "In the data"
    if len(enacted) or len(laws):
        names = list(dict.fromkeys([*enacted["instrument"].astype(str), *laws["label"].dropna().astype(str)]))
        return f"{when}, our data record a cybercrime law as enacted: {words.join(names)}."
    drafts = list(dict.fromkeys(named.loc[named["status"].astype(str) == "draft", "instrument"].astype(str)))
    held = (f"; the cybercrime {'text' if len(drafts) == 1 else 'texts'} they hold "
            f"({words.join(drafts)}) {'is a draft' if len(drafts) == 1 else 'are drafts'}" if drafts else "")
    return f"{when}, our data record no cybercrime law as enacted{held}."


def in_force_sentence(provisions: pd.DataFrame, focus: str, as_of: str | None) -> str:
    """How many provisions in force, of how many instruments, the provisions table codes."""
    force = provisions[(provisions["country"].astype(str) == focus) & asof.enacted(provisions)]
    when = f"on {words.date_text(as_of)}" if as_of else "in the data"
    return (f"Our provisions table codes {words.count(len(force), 'provision')} in force {when}, of "
            f"{words.count(int(force['instrument'].nunique()), 'instrument')}.")


def penalty_phrase(data: dict, pid: str, missing_text: str = "a penalty our data do not record") -> str:
    """The basic penalty of one provision in words, or ``missing_text``."""
    row = _basic_penalty(data, pid)
    return words.penalty_text(row) if row is not None else missing_text


def group_penalty_sentence(data: dict, pids, what: str) -> str:
    """The penalties the data record for a group of provisions (``what`` names them as the paper does)."""
    provisions = data["provisions"]
    found = []
    for pid in pids:
        row, penalty = _row(provisions, pid), _basic_penalty(data, pid)
        if row is not None and penalty is not None:
            found.append(f"{words.penalty_text(penalty)} for {words.provision_name(row)}")
    if not found:
        return f"The paper gives no penalty for {what}, and our data record none."
    return f"Our data record {words.join(found)}."


def intent_sentence(data: dict, focus: str) -> str:
    """Cambodian offences requiring intent under the three readings of the general-part rule."""
    provisions, rules = data["provisions"], data.get("general_rules")
    offences = provisions[(provisions["country"].astype(str) == focus) & (provisions["kind"].astype(str) == "offence")]
    ids = offences["provision_id"].astype(str)
    own, code, every = (el.effective_intent(provisions, rules, v).reindex(ids.values)
                        for v in (el.NOT_APPLIED, el.OWN_INSTRUMENT, el.EVERY_OFFENCE))
    n = len(offences)
    if not n:
        return "Our data code no offence of the country."
    yes, no, unknown = (sum(v is t for v in own) for t in (True, False, None))
    name = country_names(data["countries"]).get(focus, focus)
    return (f"Of the {words.count(n, 'offence provision')} in force or in draft that we code for {name}, "
            f"{_share_or_none(yes)} {'requires intent in its' if yes <= 1 else 'require intent in their'} own words, "
            f"{_share_or_none(no)} {'is' if no <= 1 else 'are'} known not to, and for "
            f"{words.number(unknown)} the text we hold does not tell. Applying Article 5 to the Code's own offences "
            f"raises the number that require intent to {words.share(sum(v is True for v in code), n, 'provision')}; "
            f"applying it to every offence of the country, drafts included, raises it to "
            f"{words.share(sum(v is True for v in every), n, 'provision')}.")


def press_sentence(data: dict, pids=PRESS_CONTENT) -> str:
    """How the data code the Press Law's content rules, and whether they record a penalty for them."""
    rows = data["provisions"][data["provisions"]["provision_id"].astype(str).isin(pids)]
    if rows.empty:
        return "Our data do not code these articles."
    kinds = sorted({str(k) for k in rows["kind"].astype(str)})
    what = words.join(KIND_PLURALS.get(k, words.plural(label("provisions", "kind", k))) for k in kinds)
    with_penalty = [p for p in rows["provision_id"].astype(str) if _basic_penalty(data, p) is not None]
    them = "it" if len(rows) == 1 else "them"
    tail = (f"no sanction for {them} is in the sources read for this edition, and our data record none" if not with_penalty
            else f"our data record a penalty for {words.share(len(with_penalty), len(rows), 'article')}")
    these = "this article" if len(rows) == 1 else f"these {words.number_word(len(rows))} articles"
    return f"Our data code {these} as {what}: {tail}."


def powers_sentence(provisions: pd.DataFrame, focus: str, as_of: str | None,
                    general_rules: pd.DataFrame | None = None) -> str:
    """How many procedural powers in force are shown, by their own words or by a general procedural rule whose scope
    reaches them, to carry at least one, and all four, of the safeguards Art. 15 names."""
    rows = provisions[(provisions["country"].astype(str) == focus) & asof.enacted(provisions)
                      & (provisions["kind"].astype(str) == "procedural_power")]
    if rows.empty:
        return "Our data code no procedural power in force."
    shown = [len(prov.safeguards_shown(r, general_rules)) for _, r in rows.iterrows()]
    when = f" in force on {words.date_text(as_of)}" if as_of else " in force"
    some, every = sum(s > 0 for s in shown), sum(s == len(SAFEGUARDS) for s in shown)
    return (f"Of the {words.count(len(rows), 'procedural power')}{when} that we code, "
            f"{'none is' if some == 0 else words.number(some) + (' is' if some == 1 else ' are')} shown, by its own "
            f"words or by general procedural law, to carry at least one of the safeguards Article 15 names (the "
            f"\u201cconditions and safeguards provided for under its domestic law\u201d, including, \u201cas appropriate "
            f"in view of the nature of the procedure or power\u201d, independent supervision, grounds justifying "
            f"application and limits of scope and duration, with proportionality), and "
            f"{'none' if every == 0 else words.number(every)} all four.")


def heaviest_sentence(data: dict, focus: str, khr_per_usd: float, as_of: str | None) -> str:
    """The longest maximum prison term among the offences in force, and where it is set."""
    provisions = data["provisions"]
    offences = provisions[(provisions["country"].astype(str) == focus) & (provisions["kind"].astype(str) == "offence")
                          & asof.enacted(provisions)]
    top = pen.heaviest_penalty(data, focus, khr_per_usd)
    when = f" in force on {words.date_text(as_of)}" if as_of else " in force"
    base = f"Among the {words.count(len(offences), 'offence provision')}{when} that we code"
    if top.max_prison_years is None:
        return f"{base}, no penalty states a prison term."
    years = words.term_text(int(round(top.max_prison_years * 12)))
    table = pen.penalty_table(data, khr_per_usd, focus)
    termed = table[(table["status"] != "draft") & table["prison_max_years"].notna()]
    with_term = {p for ps in termed["provisions"] for p in ps} & set(offences["provision_id"].astype(str))
    known = (f"the data record a prison term for {words.share(len(with_term), len(offences), 'provision')}; "
             f"among those")
    return (f"{base}, {known}, the longest maximum prison term is {years}, under {top.max_prison_articles} of "
            f"{words.the_instrument(top.max_prison_instrument)}.")


def vague_sentence(provisions: pd.DataFrame, focus: str, as_of: str | None) -> str:
    """Provisions in force that rely on a broad, open-ended term, and how many distinct terms they use."""
    force = provisions[(provisions["country"].astype(str) == focus) & asof.enacted(provisions)]
    vague = int(force["vague_terms"].notna().sum())
    terms = len(vague_term_counts(force, focus))
    when = f" in force on {words.date_text(as_of)}" if as_of else " in force"
    return (f"Across the {words.count(len(force), 'provision')}{when} that we code, {_share_or_none(vague, len(force))} "
            f"rely on at least one broad, open-ended term of the kind the paper criticises, "
            f"{words.count(terms, 'distinct term')} in all.")


def _share_or_none(part: int, whole: int | None = None) -> str:
    return "none" if part == 0 else words.number(part)


def _date_of(provisions: pd.DataFrame, pid: str) -> str | None:
    row = _row(provisions, pid)
    return None if row is None or missing(row["valid_from"]) else str(row["valid_from"])


@dataclass(frozen=True)
class ExistingLaw:
    """The values and sentences of section 3."""

    law_cc317_penalty: str
    law_cc437_penalty: str
    law_cc437_usd: str
    law_khr_per_usd: float = shown_as(",.0f")
    law_tel80_prison: str = ""
    law_tel80_fine: str = ""
    law_sim_year: int | None = shown_as("d")
    law_prakas_date: str = ""
    law_prakas_name: str = ""
    law_rule_quote: str = ""
    law_cybercrime_sentence: str = sentence()
    law_in_force_sentence: str = sentence()
    law_it_penalty_sentence: str = sentence()
    law_intent_sentence: str = sentence()
    law_cc305_sentence: str = sentence()
    law_press_sentence: str = sentence()
    law_telecom_sentence: str = sentence()
    law_powers_sentence: str = sentence()
    law_heaviest_sentence: str = sentence()
    law_vague_sentence: str = sentence()
    basis: Basis = basis_field()


def _usd(data: dict, pid: str, khr_per_usd: float) -> str:
    row = _basic_penalty(data, pid)
    if row is None or missing(row["fine_max"]) or str(row["fine_currency"]) != "KHR":
        return "an amount our data do not record"
    low = "" if missing(row["fine_min"]) else words.money(round(row["fine_min"] / khr_per_usd, -1), "USD") + " to "
    return low + words.money(round(row["fine_max"] / khr_per_usd, -1), "USD")


@traced
def existing_law(data: dict, focus: str, khr_per_usd: float, as_of: str | None) -> ExistingLaw:
    """Section 3's values from the data as of ``as_of`` (riels converted at ``khr_per_usd``)."""
    provisions = data["provisions"]
    tel80 = _basic_penalty(data, TEL80)
    telecom = provisions[provisions["instrument"].astype(str) == TELECOM]["valid_from"].dropna().astype(str)
    sim, prakas = _row(provisions, SIM), _row(provisions, PRAKAS)
    rules = data["general_rules"]
    rule = rules[(rules["country"].astype(str) == focus) & (rules["rule"].astype(str) == "intent_default")]
    return ExistingLaw(
        law_cc317_penalty=penalty_phrase(data, CC317),
        law_cc437_penalty=penalty_phrase(data, CC437),
        law_cc437_usd=_usd(data, CC437, khr_per_usd),
        law_khr_per_usd=float(khr_per_usd),
        law_tel80_prison=words.prison_text(tel80["prison_min_months"], tel80["prison_max_months"]) if tel80 is not None else "",
        law_tel80_fine=words.fine_text(tel80["fine_min"], tel80["fine_max"], tel80["fine_currency"]) if tel80 is not None else "",
        law_sim_year=int(sim["instrument_year"]) if sim is not None else None,
        law_prakas_date=words.date_text(_date_of(provisions, PRAKAS)) if _date_of(provisions, PRAKAS) else "",
        law_prakas_name=str(prakas["instrument"]) if prakas is not None else "",
        law_rule_quote=str(rule["quote"].iloc[0]) if len(rule) else "",
        law_cybercrime_sentence=cybercrime_law_sentence(data, focus, as_of),
        law_in_force_sentence=in_force_sentence(provisions, focus, as_of),
        law_it_penalty_sentence=group_penalty_sentence(data, CC_IT_SECTOR, "Articles 427 to 432"),
        law_intent_sentence=intent_sentence(data, focus),
        law_cc305_sentence=group_penalty_sentence(data, (CC305,), "Article 305"),
        law_press_sentence=press_sentence(data),
        law_telecom_sentence=(f"The Law on Telecommunications was promulgated on {words.date_text(min(telecom))}" if len(telecom)
                              else "The Law on Telecommunications was promulgated") + (
                                  " as the legal instrument for supervising the telecommunications sector."),
        law_powers_sentence=powers_sentence(provisions, focus, as_of, data.get("general_rules")),
        law_heaviest_sentence=heaviest_sentence(data, focus, khr_per_usd, as_of),
        law_vague_sentence=vague_sentence(provisions, focus, as_of),
        basis=law_basis(data, focus, khr_per_usd),
    )


def provisions_caption(as_of: str | None) -> str:
    """The caption of the table of provisions in force, dated."""
    when = f" on {words.date_text(as_of)}" if as_of else ""
    return f"Cambodian provisions in force{when} that the analysis codes, with their Convention counterparts and sources."


def penalties_caption(khr_per_usd: float, as_of: str | None) -> str:
    """The caption of the penalties figure, with the exchange rate used and the date."""
    when = f" on {words.date_text(as_of)}" if as_of else ""
    return (f"Imprisonment and fine ranges of the Cambodian offences in force or in draft{when}, as their sources give "
            f"them; a range given for a group of articles is drawn once (fines at {words.number(khr_per_usd)} riels "
            f"to the US dollar).")
