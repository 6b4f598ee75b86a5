"""Section 2, Understanding cybersecurity: actors and impacts counted, techniques, named groups, the mere-access debate."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import elements as el
from research.analysis import incidents as inc
from research.analysis.basis import Basis, basis_field, ids, rows_of, traced, with_rows
from research.analysis.common import country_list, missing, sentence
from research.analysis.countries import country_names
from research.data.labels import label
from research.sections import words

# The paper's typology of hackers, in its order (sec. Cybersecurity Actors, and the infographic's social-media hacker).
TYPOLOGY = ("script_kiddie", "hacktivist", "cybercriminal", "insider", "state_sponsored", "social_media_hacker")
# The groups the paper names as attackers of the Cambodian government (sec. Categories of cybercrime, fn 28).
PAPER_NAMED_GROUPS = ("Black Hats Team", "Anonymous", "Young Geek", "Brothers Team", "NullCrew")
CHINA = "CHN"
ACCESS_ARTICLE = 2  # the Convention's illegal-access offence


def _none_or(n: int) -> str:
    return "none" if n == 0 else words.number(n)


def _actor_noun(code: str, n: int) -> str:
    noun = label("incidents", "actor_type", code) + (" actor" if code == "state_sponsored" else "")
    if n == 1:
        return ("an " if noun[0] in "aeiou" else "a ") + noun
    return words.plural(noun, n)


def actor_sentence(incidents: pd.DataFrame, as_of: str | None) -> str:
    """The incidents and campaigns per actor type, typed ones in the paper's order, untyped ones apart, and the
    types no entry has."""
    rows = inc.counted(incidents)
    if rows.empty:
        return "The incident table holds no incident or campaign to type."
    counts = rows["actor_type"].astype(str).value_counts()
    typed = [f"{words.number(int(counts[t]))} to {_actor_noun(t, int(counts[t]))}" for t in TYPOLOGY if counts.get(t, 0)]
    absent = [_actor_noun(t, 1) for t in TYPOLOGY if not counts.get(t, 0)]
    when = f" as of {words.date_text(as_of)}" if as_of else ""
    text = f"Of the {words.number(len(rows))} incidents and campaigns in the table{when}, "
    text += (f"sources attribute {words.join(typed)}" if typed else "no source types the attacker of any")
    untyped = int(counts.get("named_untyped", 0)), int(counts.get("not_identified", 0))
    text += (f"; in {_none_or(untyped[0])} a group is named but no source gives its type, and in "
             f"{_none_or(untyped[1])} no source identifies the attacker.")
    if absent:
        text += f" None is attributed to {words.join(absent, 'or')}."
    return text


def impact_sentence(incidents: pd.DataFrame) -> str:
    """The incidents and campaigns that breached each of confidentiality, integrity and availability."""
    rows = inc.counted(incidents)
    with_impact = int(rows["cia_impact"].notna().sum())
    if not with_impact:
        return "No incident or campaign in the table has a recorded impact."
    totals = inc.impact_totals(rows)
    counts = {"confidentiality": totals.n_confidentiality, "integrity": totals.n_integrity,
              "availability": totals.n_availability}
    shown = [(p, n) for p, n in counts.items() if n]
    items = [f"{words.number(n)} {p}" for p, n in shown[1:]]
    text = (f"Counted by the property breached, the infographic's three-way split, {words.number(shown[0][1])} of the "
            f"{words.number(with_impact)} incidents and campaigns with a recorded impact breached {shown[0][0]}")
    text += (", " + words.join(items) if items else "")
    none = [p for p, n in counts.items() if not n]
    text += f"; none breached {words.join(none, 'or')}" if none else ""
    return text + ("; one entry can breach more than one." if sum(counts.values()) > with_impact else ".")


def technique_sentence(incidents: pd.DataFrame) -> str:
    """The techniques recorded, most frequent first, with the base of entries that record one."""
    rows = inc.counted(incidents)
    base = int(rows["attack_types"].notna().sum())
    counts = inc.attack_type_counts(rows)
    if not base:
        return "No incident or campaign in the table records a technique."
    items = [f"{words.number(int(n))} {label('incidents', 'attack_types', t)}" for t, n in counts.items()]
    items[0] = items[0].replace(" ", " records " if int(counts.iloc[0]) == 1 else " record ", 1)
    more = "; an entry can record more than one" if counts.sum() > base else ""
    return (f"Of the {words.number(base)} incidents and campaigns with a recorded technique, "
            f"{words.join(items)}{more}.")


def groups_sentence(incidents: pd.DataFrame) -> str:
    """How many of the groups the paper names are matched to a dated incident or campaign in the table."""
    rows = inc.counted(incidents).dropna(subset=["year"])
    actors = set(rows["actor"].dropna().astype(str))
    matched = sorted(g for g in PAPER_NAMED_GROUPS if g in actors)
    names_only = sorted(g for g in PAPER_NAMED_GROUPS if g not in actors)
    n = len(PAPER_NAMED_GROUPS)
    text = (f"Of the {words.number_word(n)} groups the paper names as attackers of the government, "
            f"{words.number(len(matched))} ({words.join(matched)}) are matched to at least one dated incident or "
            f"campaign in the table" if matched else
            f"None of the {words.number_word(n)} groups the paper names as attackers of the government is matched "
            f"to a dated incident or campaign in the table")
    if names_only and matched:
        text += f"; {words.join(names_only)} appear only as names"
    return text + "."


def law_date_sentence(facts: pd.DataFrame) -> str:
    """When China's Standing Committee passed the Cybersecurity Law, as the data record it (without its full stop:
    the prose cites the sources, then stops)."""
    rows = facts[(facts["iso3"].astype(str) == CHINA) & (facts["indicator"].astype(str) == "cybersecurity_law")]
    rows = rows.dropna(subset=["year"]).sort_values("year", kind="stable")
    lead = "China's \u201cCybersecurity Law\u201d was passed by the Standing Committee of its legislature"
    if rows.empty:
        return f"{lead}; our data record no date for it"
    first = rows.iloc[0]
    when = first["date"] if not missing(first["date"]) else str(int(first["year"]))
    return f"{lead} {'on' if len(str(when)) == 10 else 'in'} {words.date_text(when)}"


def access_offences(data: dict, iso3s: list[str]) -> pd.DataFrame:
    """The illegal-access counterparts (Convention Art. 2) among the offences of the given countries, with intent
    after each country's general-part rule (its own instrument), in the order of ``iso3s`` then of the data."""
    provisions = data["provisions"]
    rows = provisions[provisions["country"].astype(str).isin(iso3s) & (provisions["kind"].astype(str) == "offence")]
    rows = rows[el.corresponds(rows, ACCESS_ARTICLE)]
    intent = el.effective_intent(provisions, data.get("general_rules"))
    order = {c: i for i, c in enumerate(iso3s)}
    rows = rows.assign(_o=rows["country"].astype(str).map(order)).sort_values("_o", kind="stable").drop(columns="_o")
    return rows.assign(intent=[intent.get(str(p)) for p in rows["provision_id"]])


def _said(value) -> str:
    value = el._value(value)
    return "not known" if value is None else ("yes" if value else "no")


@traced
def access_table(data: dict, focus: str, comparators: str) -> pd.DataFrame:
    """The illegal-access offences as the report lists them: country, provision, status, qualifiers, source; each
    row traced to its provisions row."""
    iso3s = [focus, *country_list(comparators)]
    rows = access_offences(data, iso3s)
    names = country_names(data["countries"])
    return with_rows(pd.DataFrame({
        "country": [names.get(str(c), str(c)) for c in rows["country"]],
        "provision": [words.provision_name(r) for _, r in rows.iterrows()],
        "status": [label("provisions", "status", s) for s in rows["status"]],
        "text read": [label("provisions", "text_basis", s) for s in rows["text_basis"]],
        "intent": [_said(v) for v in rows["intent"]],
        "without right": [_said(v) for v in rows["without_right"]],
        "dishonest intent": [_said(v) for v in rows["dishonest_intent"]],
        "source": rows["source"].astype(str).tolist(),
    }), [ids("provisions", [p]) for p in rows["provision_id"]])


def access_sentence(data: dict, focus: str, comparators: str, as_of: str | None) -> str:
    """How many illegal-access offences of the focus and its comparators require a dishonest intent."""
    iso3s = [focus, *country_list(comparators)]
    rows = access_offences(data, iso3s)
    names = country_names(data["countries"])
    where = words.join([names.get(c, c) for c in iso3s])
    when = f" in force or in draft on {words.date_text(as_of)}" if as_of else ""
    if rows.empty:
        return f"Our data code no illegal-access offence for {where}{when}."
    values = [el._value(v) for v in rows["dishonest_intent"]]
    yes, no, unknown = (sum(v is t for v in values) for t in (True, False, None))
    return (f"Of the {words.count(len(rows), 'illegal-access offence')}{when} that we code for {where}, "
            f"{_none_or(yes)} {'requires' if yes <= 1 else 'require'} a dishonest intent, {_none_or(no)} "
            f"{'is' if no <= 1 else 'are'} known not to, and for {_none_or(unknown)} the text we hold does not tell.")


@dataclass(frozen=True)
class Understanding:
    """The computed sentences of section 2."""

    cyber_actor_sentence: str = sentence()
    cyber_impact_sentence: str = sentence()
    cyber_technique_sentence: str = sentence()
    cyber_groups_sentence: str = sentence()
    cyber_csl_sentence: str = sentence()
    cyber_access_sentence: str = sentence()
    basis: Basis = basis_field()


def _understanding_basis(data: dict, mine: pd.DataFrame, focus: str, comparators: str) -> Basis:
    rows = inc.counted(mine)
    dated = rows.dropna(subset=["year"])
    facts = data["country_facts"]
    csl = facts[(facts["iso3"].astype(str) == CHINA) & (facts["indicator"].astype(str) == "cybersecurity_law")]
    csl = csl.dropna(subset=["year"]).sort_values("year", kind="stable").iloc[:1]
    access = access_offences(data, [focus, *country_list(comparators)])
    return Basis({
        "cyber_actor_sentence": rows_of("incidents", rows, "actor_type"),
        "cyber_impact_sentence": rows_of("incidents", rows[rows["cia_impact"].notna()], "cia_impact"),
        "cyber_technique_sentence": rows_of("incidents", rows[rows["attack_types"].notna()], "attack_types"),
        "cyber_groups_sentence": rows_of("incidents", dated[dated["actor"].astype("string").isin(PAPER_NAMED_GROUPS)
                                                            .fillna(False).astype(bool)], "actor"),
        "cyber_csl_sentence": rows_of("country_facts", csl),
        "cyber_access_sentence": rows_of("provisions", access, "dishonest_intent"),
    })


@traced
def understanding(data: dict, focus: str, comparators: str, as_of: str | None) -> Understanding:
    """Section 2's sentences from the data as of ``as_of``."""
    incidents = data["incidents"]
    mine = incidents[incidents["victim_country"].astype(str) == focus]
    return Understanding(actor_sentence(mine, as_of), impact_sentence(mine), technique_sentence(mine),
                         groups_sentence(mine), law_date_sentence(data["country_facts"]),
                         access_sentence(data, focus, comparators, as_of),
                         _understanding_basis(data, mine, focus, comparators))


def actor_impact_caption(as_of: str | None) -> str:
    """The caption of the actor-by-impact figure, dated."""
    when = f", as of {words.date_text(as_of)}" if as_of else ""
    return (f"Type of actor, as a source types it, against the security property each incident or campaign "
            f"breached{when} (one entry can breach several).")


def access_caption(as_of: str | None) -> str:
    """The caption of the illegal-access table, dated."""
    when = f" on {words.date_text(as_of)}" if as_of else ""
    return (f"Offences corresponding to the Convention's Article 2 (illegal access) in force or in draft{when}: intent "
            f"as the article's words or its code's general part require it, \u201cwithout right\u201d and dishonest "
            f"intent as the text read states them.")
