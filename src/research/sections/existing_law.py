"""Section 3, the existing legal framework: the cybercrime-law status, penalties, Art. 5's intent rule, safeguards."""

from __future__ import annotations

from dataclasses import dataclass

from research.analysis import law_framework as fw
from research.analysis.basis import Basis, Measure, basis_field, trace, traced
from research.analysis.common import missing, sentence, shown_as
from research.analysis.countries import country_names
from research.analysis.law_framework import CC305, CC317, CC437, CC_IT_SECTOR, PRAKAS, SIM, TEL80
from research.analysis.provisions import SAFEGUARDS
from research.data.labels import label
from research.sections import law_words, words

KIND_PLURALS = {"obligation": "duties or prohibitions"}  # kinds whose label's plural is not regular
# The values holding the penalty of each provision of CC_IT_SECTOR (Articles 427-432), in its order.
IT_PENALTIES = ("law_cc427_penalty", "law_cc428_penalty", "law_cc429_penalty", "law_cc430_penalty")


def _when(as_of: str | None) -> str:
    return f" in force on {words.date_text(as_of)}" if as_of else " in force"


def cybercrime_law_sentence(laws: Measure, as_of: str | None) -> str:
    """Whether the data record a cybercrime law of the focus country as enacted on ``as_of`` (``laws``:
    :func:`research.analysis.law_framework.cybercrime_laws`), and which cybercrime texts they hold as drafts."""
    when = f"As of {words.date_text(as_of)}" if as_of else "In the data"
    if laws.value["any"]:
        return f"{when}, our data record a cybercrime law as enacted: {words.join(laws.value['enacted'])}."
    drafts = laws.value["drafts"]
    held = (f"; the cybercrime {'text' if len(drafts) == 1 else 'texts'} they hold "
            f"({words.join(drafts)}) {'is a draft' if len(drafts) == 1 else 'are drafts'}" if drafts else "")
    return f"{when}, our data record no cybercrime law as enacted{held}."


def in_force_sentence(force: Measure, as_of: str | None) -> str:
    """How many provisions in force, of how many instruments, the provisions table codes."""
    n, instruments = force.value
    when = f"on {words.date_text(as_of)}" if as_of else "in the data"
    return (f"Our provisions table codes {words.count(n, 'provision')} in force {when}, of "
            f"{words.count(instruments, 'instrument')}.")


def penalty_phrase(penalty: Measure, missing_text: str = "a penalty our data do not record") -> str:
    """The basic penalty of one provision in words, or ``missing_text``."""
    return law_words.penalty_text(penalty.value) if penalty.value is not None else missing_text


def group_penalty_sentence(group: Measure, what: str) -> str:
    """The penalties the data record for a group of provisions (``group``:
    :func:`research.analysis.law_framework.provision_penalties`; ``what`` names them as the paper does)."""
    found = [f"{law_words.penalty_text(penalty)} for {law_words.provision_name(row)}"
             for row, penalty in group.value if penalty is not None]
    if not found:
        return f"The paper gives no penalty for {what}, and our data record none."
    return f"Our data record {words.join(found)}."


def intent_sentence(readings: Measure, country: str) -> str:
    """The focus country's offences requiring intent under the three readings of the general-part rule."""
    own, code, every = readings.value
    n = len(own)
    if not n:
        return "Our data code no offence of the country."
    yes, no, unknown = (sum(v is t for v in own) for t in (True, False, None))
    return (f"Of the {words.count(n, 'offence provision')} in force or in draft that we code for {country}, "
            f"{_share_or_none(yes)} {'requires intent in its' if yes <= 1 else 'require intent in their'} own words, "
            f"{_share_or_none(no)} {'is' if no <= 1 else 'are'} known not to, and for "
            f"{words.number(unknown)} the text we hold does not tell. Applying Article 5 to the Code's own offences "
            f"raises the number that require intent to {words.share(sum(v is True for v in code), n, 'provision')}; "
            f"applying it to every offence of the country, drafts included, raises it to "
            f"{words.share(sum(v is True for v in every), n, 'provision')}.")


def press_sentence(press: Measure) -> str:
    """How the data code the Press Law's content rules, and whether they record a penalty for them."""
    n, kinds, with_penalty = press.value["n"], press.value["kinds"], press.value["with_penalty"]
    if not n:
        return "Our data do not code these articles."
    what = words.join(KIND_PLURALS.get(k, words.plural(label("provisions", "kind", k))) for k in kinds)
    them = "it" if n == 1 else "them"
    tail = (f"no sanction for {them} is in the sources read for this edition, and our data record none" if not with_penalty
            else f"our data record a penalty for {words.share(with_penalty, n, 'article')}")
    these = "this article" if n == 1 else f"these {words.number_word(n)} articles"
    return f"Our data code {these} as {what}: {tail}."


def powers_sentence(powers: Measure, as_of: str | None) -> str:
    """How many procedural powers in force are shown, by their own words or by a general procedural rule whose scope
    reaches them, to carry at least one, and all four, of the safeguards Art. 15 names."""
    shown = powers.value
    if not shown:
        return "Our data code no procedural power in force."
    some, every = sum(s > 0 for s in shown), sum(s == len(SAFEGUARDS) for s in shown)
    return (f"Of the {words.count(len(shown), 'procedural power')}{_when(as_of)} that we code, "
            f"{'none is' if some == 0 else words.number(some) + (' is' if some == 1 else ' are')} shown, by its own "
            f"words or by general procedural law, to carry at least one of the safeguards Article 15 names (the "
            f"\u201cconditions and safeguards provided for under its domestic law\u201d, including, \u201cas appropriate "
            f"in view of the nature of the procedure or power\u201d, independent supervision, grounds justifying "
            f"application and limits of scope and duration, with proportionality), and "
            f"{'none' if every == 0 else words.number(every)} all four.")


def heaviest_sentence(heaviest: Measure, as_of: str | None) -> str:
    """The longest maximum prison term among the offences in force, and where it is set."""
    n, with_term, top = heaviest.value["n"], heaviest.value["with_term"], heaviest.value["top"]
    base = f"Among the {words.count(n, 'offence provision')}{_when(as_of)} that we code"
    if top.max_prison_years is None:
        return f"{base}, no penalty states a prison term."
    years = law_words.term_text(int(round(top.max_prison_years * 12)))
    known = f"the data record a prison term for {words.share(with_term, n, 'provision')}; among those"
    return (f"{base}, {known}, the longest maximum prison term is {years}, under {top.max_prison_articles} of "
            f"{law_words.the_instrument(top.max_prison_instrument)}.")


def vague_sentence(terms: Measure, as_of: str | None) -> str:
    """Provisions in force that rely on a broad, open-ended term, and how many distinct terms they use."""
    force, vague, distinct = terms.value
    return (f"Across the {words.count(force, 'provision')}{_when(as_of)} that we code, {_share_or_none(vague)} "
            f"rely on at least one broad, open-ended term of the kind the paper criticises, "
            f"{words.count(distinct, 'distinct term')} in all.")


def telecom_sentence(first: Measure) -> str:
    """When the Law on Telecommunications was promulgated, as the earliest date the data give for it."""
    when = f" on {words.date_text(first.value)}" if first.value else ""
    return (f"The Law on Telecommunications was promulgated{when} as the legal instrument for supervising the "
            f"telecommunications sector.")


def _share_or_none(part: int) -> str:
    return "none" if part == 0 else words.number(part)


@dataclass(frozen=True)
class ExistingLaw:
    """The values and sentences of section 3; each number a sentence shows is a value of its own (see ``uses``)."""

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
    law_in_force: int = 0
    law_in_force_instruments: int = 0
    law_cc427_penalty: str = ""
    law_cc428_penalty: str = ""
    law_cc429_penalty: str = ""
    law_cc430_penalty: str = ""
    law_cc305_penalty: str = ""
    law_intent_offences: int = 0
    law_intent_own: int = 0
    law_intent_own_not: int = 0
    law_intent_own_unknown: int = 0
    law_intent_code: int = 0
    law_intent_every: int = 0
    law_press_articles: int = shown_as("words", 0)
    law_press_with_penalty: int = 0
    law_telecom_date: str | None = None
    law_powers: int = 0
    law_powers_some: int = 0
    law_powers_every: int = 0
    law_heaviest_offences: int = 0
    law_heaviest_with_term: int = 0
    law_heaviest_term: str | None = None
    law_heaviest_articles: str | None = None
    law_vague: int = 0
    law_vague_terms: int = 0
    law_cybercrime_sentence: str = sentence()
    law_in_force_sentence: str = sentence(uses=("law_in_force", "law_in_force_instruments"))
    law_it_penalty_sentence: str = sentence(uses=IT_PENALTIES)
    law_intent_sentence: str = sentence(uses=("law_intent_offences", "law_intent_own", "law_intent_own_not",
                                              "law_intent_own_unknown", "law_intent_code", "law_intent_offences",
                                              "law_intent_every"))
    law_cc305_sentence: str = sentence(uses=("law_cc305_penalty",))
    law_press_sentence: str = sentence(uses=("law_press_articles", "law_press_with_penalty"))
    law_telecom_sentence: str = sentence(uses=("law_telecom_date",))
    law_powers_sentence: str = sentence(uses=("law_powers", "law_powers_some", "law_powers_every"))
    law_heaviest_sentence: str = sentence(uses=("law_heaviest_offences", "law_heaviest_with_term",
                                                "law_heaviest_offences", "law_heaviest_term", "law_heaviest_articles"))
    law_vague_sentence: str = sentence(uses=("law_in_force", "law_vague", "law_vague_terms"))
    basis: Basis = basis_field()


def _usd(penalty: Measure, khr_per_usd: float) -> str:
    row = penalty.value
    if row is None or missing(row["fine_max"]) or str(row["fine_currency"]) != "KHR":
        return "an amount our data do not record"
    low = "" if missing(row["fine_min"]) else words.money(round(row["fine_min"] / khr_per_usd, -1), "USD") + " to "
    return low + words.money(round(row["fine_max"] / khr_per_usd, -1), "USD")


def _numbers(data: dict, focus: str, khr_per_usd: float) -> dict[str, Measure]:
    """The numbers and dates section 3's sentences show, by value name, each with its own rows."""
    counts = (fw.in_force_counts(data, focus), fw.intent_counts(data, focus), fw.press_counts(data),
              fw.powers_counts(data, focus), fw.heaviest_counts(data, focus, khr_per_usd),
              fw.broad_term_counts(data, focus))
    named = {f"law_{key}": m for measures in counts for key, m in measures.items()}
    named["law_heaviest_term"] = named.pop("law_heaviest_months").map(law_words.term_text)
    penalties = {name: fw.basic_penalty(data, pid) for name, pid in zip((*IT_PENALTIES, "law_cc305_penalty"),
                                                                        (*CC_IT_SECTOR, CC305))}
    return {**named, **{n: Measure(penalty_phrase(m), m.rows) for n, m in penalties.items()},
            "law_telecom_date": fw.telecom_date(data).map(words.date_text)}


@traced
def existing_law(data: dict, focus: str, khr_per_usd: float, as_of: str | None) -> ExistingLaw:
    """Section 3's values from the data as of ``as_of`` (riels converted at ``khr_per_usd``); each traced to the rows
    of the measures it uses (the exchange rate is a parameter, not a data row)."""
    cc317, cc437, tel80 = (fw.basic_penalty(data, pid) for pid in (CC317, CC437, TEL80))
    sim, prakas_date, prakas_name = (fw.provision_cell(data, SIM, "instrument_year"),
                                     fw.provision_cell(data, PRAKAS, "valid_from"),
                                     fw.provision_cell(data, PRAKAS, "instrument"))
    rule, laws, force = fw.intent_rule(data, focus), fw.cybercrime_laws(data, focus), fw.in_force(data, focus)
    it_sector, cc305 = fw.provision_penalties(data, CC_IT_SECTOR), fw.provision_penalties(data, (CC305,))
    readings, press, telecom = fw.intent_readings(data, focus), fw.press_rules(data), fw.telecom_date(data)
    powers, heaviest = fw.powers_safeguards(data, focus), fw.heaviest_in_force(data, focus, khr_per_usd)
    terms = fw.broad_terms_in_force(data, focus)
    numbers = _numbers(data, focus, khr_per_usd)
    t80 = tel80.value
    return ExistingLaw(
        law_cc317_penalty=penalty_phrase(cc317),
        law_cc437_penalty=penalty_phrase(cc437),
        law_cc437_usd=_usd(cc437, khr_per_usd),
        law_khr_per_usd=float(khr_per_usd),
        law_tel80_prison=law_words.prison_text(t80["prison_min_months"], t80["prison_max_months"]) if t80 is not None else "",
        law_tel80_fine=law_words.fine_text(t80["fine_min"], t80["fine_max"], t80["fine_currency"]) if t80 is not None else "",
        law_sim_year=int(sim.value) if sim.value is not None else None,
        law_prakas_date=words.date_text(str(prakas_date.value)) if prakas_date.value is not None else "",
        law_prakas_name=str(prakas_name.value) if prakas_name.value is not None else "",
        law_rule_quote=rule.value,
        **{name: m.value for name, m in numbers.items()},
        law_cybercrime_sentence=cybercrime_law_sentence(laws, as_of),
        law_in_force_sentence=in_force_sentence(force, as_of),
        law_it_penalty_sentence=group_penalty_sentence(it_sector, "Articles 427 to 432"),
        law_intent_sentence=intent_sentence(readings, country_names(data["countries"]).get(focus, focus)),
        law_cc305_sentence=group_penalty_sentence(cc305, "Article 305"),
        law_press_sentence=press_sentence(press),
        law_telecom_sentence=telecom_sentence(telecom),
        law_powers_sentence=powers_sentence(powers, as_of),
        law_heaviest_sentence=heaviest_sentence(heaviest, as_of),
        law_vague_sentence=vague_sentence(terms, as_of),
        basis=Basis({
            "law_cc317_penalty": trace(cc317), "law_cc437_penalty": trace(cc437), "law_cc437_usd": trace(cc437),
            "law_tel80_prison": trace(tel80), "law_tel80_fine": trace(tel80), "law_sim_year": trace(sim),
            "law_prakas_date": trace(prakas_date), "law_prakas_name": trace(prakas_name),
            "law_rule_quote": trace(rule), **{name: trace(m) for name, m in numbers.items()},
            "law_cybercrime_sentence": trace(laws),
            "law_in_force_sentence": trace(force), "law_it_penalty_sentence": trace(it_sector),
            "law_intent_sentence": trace(readings), "law_cc305_sentence": trace(cc305),
            "law_press_sentence": trace(press), "law_telecom_sentence": trace(telecom),
            "law_powers_sentence": trace(powers), "law_heaviest_sentence": trace(heaviest),
            "law_vague_sentence": trace(terms),
        }),
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
