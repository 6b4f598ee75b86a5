"""Cambodia's existing legal framework measured for section 3: its provisions, penalties, intent rule, powers and broad
terms; each measure carries the rows it counts."""

from __future__ import annotations

import pandas as pd

from research.analysis import asof
from research.analysis import elements as el
from research.analysis import penalties as pen
from research.analysis import provisions as prov
from research.analysis.basis import Measure, ids, merge, rows_of
from research.analysis.penalties import penalties_of
from research.analysis.provisions import SAFEGUARDS, vague_term_counts

# The provisions the paper discusses one by one (shipped ids), looked up by section 3's sentences.
CC317 = "KHM-CC2009-317-320"
CC_IT_SECTOR = ("KHM-CC2009-427", "KHM-CC2009-428", "KHM-CC2009-429", "KHM-CC2009-430-432")
CC305, CC437 = "KHM-CC2009-305", "KHM-CC2009-437"
PRESS_CONTENT = ("KHM-PRESS1995-11", "KHM-PRESS1995-12", "KHM-PRESS1995-14")
TELECOM, TEL80 = "Law on Telecommunications", "KHM-TEL2015-80"
SIM, PRAKAS = "KHM-REG2015-SIM", "KHM-PRAKAS2018-170"
CYBERCRIME = "cybercrime"  # an instrument whose name says so is a cybercrime law or draft


def _provision(provisions: pd.DataFrame, pid: str) -> pd.DataFrame:
    return provisions[provisions["provision_id"].astype(str) == pid]


def _basic(data: dict, pid: str) -> pd.DataFrame:
    return penalties_of(data["penalties"], pid).iloc[:1]


def _mine(provisions: pd.DataFrame, focus: str) -> pd.DataFrame:
    return provisions[provisions["country"].astype(str) == focus]


def _in_force(provisions: pd.DataFrame, focus: str) -> pd.DataFrame:
    mine = _mine(provisions, focus)
    return mine[asof.enacted(mine)]


def provision_penalties(data: dict, pids, column: str | None = None) -> Measure:
    """The listed provisions the data hold, each with its basic penalty: a list of ``(provision row, penalty row or
    None)``; the rows are each provision (its ``column`` cell, if given) and the penalties row of its basic penalty."""
    provisions, found, rows = data["provisions"], [], []
    for pid in pids:
        row, penalty = _provision(provisions, pid), _basic(data, pid)
        rows += [rows_of("provisions", row, column), rows_of("penalties", penalty)]
        if len(row):
            found.append((row.iloc[0], penalty.iloc[0] if len(penalty) else None))
    return Measure(found, merge(*rows))


def basic_penalty(data: dict, pid: str) -> Measure:
    """The basic penalty of one provision (a penalties row, ``None`` when the data record none)."""
    penalty = _basic(data, pid)
    return Measure(penalty.iloc[0] if len(penalty) else None, provision_penalties(data, (pid,)).rows)


def provision_cell(data: dict, pid: str, column: str) -> Measure:
    """One cell of one provision (``None`` when the data hold no such provision or the cell is empty)."""
    row = _provision(data["provisions"], pid)
    value = row[column].iloc[0] if len(row) else None
    return Measure(None if value is None or pd.isna(value) else value, rows_of("provisions", row, column))


def intent_rule(data: dict, focus: str) -> Measure:
    """The quotation of the focus country's general intent rule (``""`` when the data hold none)."""
    rules = data["general_rules"]
    rule = rules[(rules["country"].astype(str) == focus) & (rules["rule"].astype(str) == "intent_default")].iloc[:1]
    return Measure(str(rule["quote"].iloc[0]) if len(rule) else "", rows_of("general_rules", rule))


def cybercrime_laws(data: dict, focus: str) -> Measure:
    """The focus country's cybercrime laws recorded as enacted (instruments and facts' labels) and its cybercrime
    drafts: ``{"any": bool, "enacted": [...], "drafts": [...]}``."""
    provisions, facts = data["provisions"], data["country_facts"]
    mine = _mine(provisions, focus)
    named = mine[mine["instrument"].astype(str).str.lower().str.contains(CYBERCRIME)]
    enacted = named[asof.enacted(named)]
    laws = facts[(facts["iso3"].astype(str) == focus) & (facts["indicator"].astype(str) == "cybercrime_law")]
    names = list(dict.fromkeys([*enacted["instrument"].astype(str), *laws["label"].dropna().astype(str)]))
    drafts = list(dict.fromkeys(named.loc[named["status"].astype(str) == "draft", "instrument"].astype(str)))
    # a fact with no label still records a law: "any" is whether one is recorded, "enacted" the names we have
    return Measure({"any": bool(len(enacted) or len(laws)), "enacted": names, "drafts": drafts},
                   merge(rows_of("provisions", named, "status"), rows_of("country_facts", laws)))


def in_force(data: dict, focus: str) -> Measure:
    """The number of the focus country's provisions in force and of their instruments: ``(provisions, instruments)``."""
    force = _in_force(data["provisions"], focus)
    return Measure((len(force), int(force["instrument"].nunique())), rows_of("provisions", force, "status"))


def intent_readings(data: dict, focus: str) -> Measure:
    """Whether each offence of the focus country requires intent under the three readings of the general-part rule:
    ``(own words, the Code's own offences, every offence)``, each a list of True/False/None."""
    provisions, rules = data["provisions"], data["general_rules"]
    offences = _mine(provisions, focus)
    offences = offences[offences["kind"].astype(str) == "offence"]
    pids = offences["provision_id"].astype(str)
    readings = tuple(list(el.effective_intent(provisions, rules, v).reindex(pids.values))
                     for v in (el.NOT_APPLIED, el.OWN_INSTRUMENT, el.EVERY_OFFENCE))
    return Measure(readings, merge(rows_of("provisions", offences, "intent_required"),
                                   rows_of("general_rules", rules[rules["country"].astype(str) == focus])))


def press_rules(data: dict, pids=PRESS_CONTENT) -> Measure:
    """How the data code the Press Law's content rules: ``{"n": articles held, "kinds": [...], "with_penalty": n}``."""
    rows = data["provisions"][data["provisions"]["provision_id"].astype(str).isin(pids)]
    kinds = sorted({str(k) for k in rows["kind"].astype(str)})
    with_penalty = [p for p in rows["provision_id"].astype(str) if len(_basic(data, p))]
    return Measure({"n": len(rows), "kinds": kinds, "with_penalty": len(with_penalty)},
                   provision_penalties(data, pids, "kind").rows)


def telecom_date(data: dict) -> Measure:
    """The earliest date from which a provision of the Law on Telecommunications applies (``None`` if none is held)."""
    provisions = data["provisions"]
    telecom = provisions[(provisions["instrument"].astype(str) == TELECOM) & provisions["valid_from"].notna()]
    if not len(telecom):
        return Measure(None)
    first = min(telecom["valid_from"].astype(str))
    return Measure(first, rows_of("provisions", telecom[telecom["valid_from"].astype(str) == first], "valid_from"))


def telecom_year(data: dict) -> Measure:
    """The year of the Law on Telecommunications, the earliest its provisions give (``None`` if none gives one)."""
    provisions = data["provisions"]
    telecom = provisions[(provisions["instrument"].astype(str) == TELECOM) & provisions["instrument_year"].notna()]
    first = telecom[telecom["instrument_year"] == telecom["instrument_year"].min()].iloc[:1]
    return Measure(int(first["instrument_year"].iloc[0]) if len(first) else None,
                   rows_of("provisions", first, "instrument_year"))


def powers_safeguards(data: dict, focus: str) -> Measure:
    """How many of the Art. 15 safeguards each procedural power in force is shown to carry (a list of counts)."""
    force = _in_force(data["provisions"], focus)
    powers = force[force["kind"].astype(str) == "procedural_power"]
    shown = [len(prov.safeguards_shown(r, data.get("general_rules"))) for _, r in powers.iterrows()]
    return Measure(shown, merge(*(rows_of("provisions", powers, s) for s in SAFEGUARDS)))


def heaviest_in_force(data: dict, focus: str, khr_per_usd: float) -> Measure:
    """The longest maximum prison term among the offences in force: ``{"n": offences, "with_term": offences with a
    prison term, "top": HeaviestPenalty}``."""
    force = _in_force(data["provisions"], focus)
    offences = force[force["kind"].astype(str) == "offence"]
    top = pen.heaviest_penalty(data, focus, khr_per_usd)
    table = pen.penalty_table(data, khr_per_usd, focus)
    termed = table[(table["status"] != "draft") & table["prison_max_years"].notna()]
    with_term = {p for ps in termed["provisions"] for p in ps} & set(offences["provision_id"].astype(str))
    return Measure({"n": len(offences), "with_term": len(with_term), "top": top},
                   merge(rows_of("provisions", offences, "status"), top.basis.rows.get("max_prison_years", ())))


def broad_terms_in_force(data: dict, focus: str) -> Measure:
    """The provisions in force, those relying on a broad term, and the distinct terms: ``(force, vague, terms)``."""
    force = _in_force(data["provisions"], focus)
    vague = force[force["vague_terms"].notna()]
    return Measure((len(force), len(vague), len(vague_term_counts(force, focus))),
                   merge(rows_of("provisions", force, "status"), rows_of("provisions", vague, "vague_terms")))


# The numbers section 3's sentences show, each a Measure of its own with the rows it counts (the sentences' own
# measures above carry the rows of the whole selection), keyed as section 3 names the values (without "law_").

def in_force_counts(data: dict, focus: str) -> dict[str, Measure]:
    """The focus country's provisions in force (``in_force``) and their instruments (``in_force_instruments``)."""
    force = _in_force(data["provisions"], focus)
    return {"in_force": Measure(len(force), rows_of("provisions", force, "status")),
            "in_force_instruments": Measure(int(force["instrument"].nunique()),
                                            rows_of("provisions", force, "instrument"))}


def _counted(offences: pd.DataFrame, reading: list, value, own: list | None = None, rule=()) -> Measure:
    """The offences whose ``reading`` is ``value``, counted, with their intent cells, and the general rule where it
    decides one of them (where the reading differs from the offence's ``own`` words)."""
    hit = offences.loc[[v is value for v in reading]]
    decides = own is not None and any(r is value and o is not r for o, r in zip(own, reading))
    return Measure(len(hit), merge(rows_of("provisions", hit, "intent_required"), rule if decides else ()))


def intent_counts(data: dict, focus: str) -> dict[str, Measure]:
    """The focus country's offences (``intent_offences``); those requiring intent in their own words
    (``intent_own``), known not to (``intent_own_not``), not known (``intent_own_unknown``); and those requiring it
    with the general rule applied to the Code's own offences (``intent_code``) and to every offence
    (``intent_every``): :func:`intent_readings`, counted."""
    readings = intent_readings(data, focus)
    offences = _mine(data["provisions"], focus)
    offences = offences[offences["kind"].astype(str) == "offence"]
    rules = data["general_rules"]
    rule = rows_of("general_rules", rules[(rules["country"].astype(str) == focus)
                                          & (rules["rule"].astype(str) == "intent_default")])
    own, code, every = readings.value
    return {"intent_offences": Measure(len(offences), rows_of("provisions", offences, "kind")),
            "intent_own": _counted(offences, own, True), "intent_own_not": _counted(offences, own, False),
            "intent_own_unknown": _counted(offences, own, None),
            "intent_code": _counted(offences, code, True, own, rule),
            "intent_every": _counted(offences, every, True, own, rule)}


def press_counts(data: dict, pids=PRESS_CONTENT) -> dict[str, Measure]:
    """The Press Law's content rules the data hold (``press_articles``), and those with a penalty
    (``press_with_penalty``)."""
    rows = data["provisions"][data["provisions"]["provision_id"].astype(str).isin(pids)]
    fined = [p for p in rows["provision_id"].astype(str) if len(_basic(data, p))]
    return {"press_articles": Measure(len(rows), rows_of("provisions", rows, "kind")),
            "press_with_penalty": Measure(len(fined), provision_penalties(data, fined).rows)}


def powers_counts(data: dict, focus: str) -> dict[str, Measure]:
    """The procedural powers in force (``powers``), those shown to carry at least one Art. 15 safeguard
    (``powers_some``), and all four (``powers_every``), each with the safeguard cells of the powers it counts."""
    force = _in_force(data["provisions"], focus)
    powers = force[force["kind"].astype(str) == "procedural_power"]
    shown = powers_safeguards(data, focus).value

    def counted(hit: list) -> Measure:
        chosen = powers.loc[hit]
        return Measure(len(chosen), merge(*(rows_of("provisions", chosen, s) for s in SAFEGUARDS)))

    return {"powers": Measure(len(powers), rows_of("provisions", powers, "kind")),
            "powers_some": counted([s > 0 for s in shown]),
            "powers_every": counted([s == len(SAFEGUARDS) for s in shown])}


def heaviest_counts(data: dict, focus: str, khr_per_usd: float) -> dict[str, Measure]:
    """The offences in force (``heaviest_offences``), those with a prison term (``heaviest_with_term``), the longest
    maximum term in months (``heaviest_months``) and the articles that set it (``heaviest_articles``):
    :func:`heaviest_in_force`, each with its rows."""
    force = _in_force(data["provisions"], focus)
    offences = force[force["kind"].astype(str) == "offence"]
    top = pen.heaviest_penalty(data, focus, khr_per_usd)
    table = pen.penalty_table(data, khr_per_usd, focus)
    termed = table[(table["status"] != "draft") & table["prison_max_years"].notna()]
    mine = set(offences["provision_id"].astype(str))
    termed = termed.loc[[bool(set(ps) & mine) for ps in termed["provisions"]]]
    with_term = offences[offences["provision_id"].astype(str).isin({p for ps in termed["provisions"] for p in ps})]
    prison = top.basis.rows.get("max_prison_years", ())
    months = None if top.max_prison_years is None else int(round(top.max_prison_years * 12))
    return {"heaviest_offences": Measure(len(offences), rows_of("provisions", offences, "status")),
            "heaviest_with_term": Measure(len(with_term), merge(rows_of("provisions", with_term, "status"), ids(
                "penalties", termed["penalty_id"], "prison_max_months"))),
            "heaviest_months": Measure(months, prison),
            "heaviest_articles": Measure(None if months is None else top.max_prison_articles, prison)}


def broad_term_counts(data: dict, focus: str) -> dict[str, Measure]:
    """The provisions in force relying on a broad term (``vague``) and the distinct terms (``vague_terms``)."""
    force = _in_force(data["provisions"], focus)
    vague = force[force["vague_terms"].notna()]
    rows = rows_of("provisions", vague, "vague_terms")
    return {"vague": Measure(len(vague), rows), "vague_terms": Measure(len(vague_term_counts(force, focus)), rows)}
