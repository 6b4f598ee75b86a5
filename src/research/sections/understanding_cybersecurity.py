"""Section 2, Understanding cybersecurity: actors and impacts counted, techniques, named groups, the mere-access debate."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import access as acc
from research.analysis import attack
from research.analysis import elements as el
from research.analysis import incident_counts as ic
from research.analysis.basis import Basis, Measure, basis_field, ids, trace, traced, with_rows
from research.analysis.common import country_list, missing, sentence, shown_as
from research.analysis.countries import country_names
from research.analysis.incidents import CIA
from research.data.labels import label
from research.sections import law_words, words

# The paper's typology of hackers, in its order (sec. Cybersecurity Actors, and the infographic's social-media hacker).
TYPOLOGY = ("script_kiddie", "hacktivist", "cybercriminal", "insider", "state_sponsored", "social_media_hacker")
UNTYPED = ("named_untyped", "not_identified")  # a group named with no type given; no actor identified
# The techniques each recorded as a value of its own (attack_types has no closed list in the schema; a technique
# outside this one is worded but not recorded, so not linked).
TECHNIQUES = ("defacement", "intrusion", "data_leak", "espionage", "account_hijack", "phishing", "ddos", "malware",
              "fraud", "sql_injection")
# The groups the paper names as attackers of the Cambodian government (sec. Categories of cybercrime, fn 28).
PAPER_NAMED_GROUPS = ("Black Hats Team", "Anonymous", "Young Geek", "Brothers Team", "NullCrew")
CHINA = "CHN"
NONE = Measure(0)  # a code no incident or campaign records


def _none_or(n: int) -> str:
    return "none" if n == 0 else words.number(n)


def _actor_noun(code: str, n: int) -> str:
    noun = label("incidents", "actor_type", code) + (" actor" if code == "state_sponsored" else "")
    if n == 1:
        return ("an " if noun[0] in "aeiou" else "a ") + noun
    return words.plural(noun, n)


def _counts(by_code: dict[str, Measure]) -> dict[str, int]:
    return {code: m.value for code, m in by_code.items()}


def actor_sentence(total: Measure, actors: dict[str, Measure], as_of: str | None) -> str:
    """The incidents and campaigns (``total``: :func:`research.analysis.incident_counts.counted`) per actor type
    (``actors``: :func:`research.analysis.incident_counts.by_code`), typed ones in the paper's order, untyped ones
    apart, and the types no entry has."""
    if not total.value:
        return "The incident table holds no incident or campaign to type."
    counts = _counts(actors)
    typed = [f"{words.number(counts[t])} to {_actor_noun(t, counts[t])}" for t in TYPOLOGY if counts.get(t, 0)]
    absent = [_actor_noun(t, 1) for t in TYPOLOGY if not counts.get(t, 0)]
    when = f" as of {words.date_text(as_of)}" if as_of else ""
    text = f"Of the {words.number(total.value)} incidents and campaigns in the table{when}, "
    text += (f"sources attribute {words.join(typed)}" if typed else "no source types the attacker of any")
    named, unknown = (counts.get(t, 0) for t in UNTYPED)
    text += (f"; in {_none_or(named)} a group is named but no source gives its type, and in "
             f"{_none_or(unknown)} no source identifies the attacker.")
    if absent:
        text += f" None is attributed to {words.join(absent, 'or')}."
    return text


def _breached(breached: dict[str, Measure]) -> list[tuple[str, int]]:
    # the properties breached at least once, in the infographic's order: the order the sentence names them
    return [(p, breached.get(p, NONE).value) for p in CIA if breached.get(p, NONE).value]


def impact_sentence(with_impact: Measure, breached: dict[str, Measure]) -> str:
    """The incidents and campaigns with a recorded impact (``with_impact``) that breached each of confidentiality,
    integrity and availability (``breached``: :func:`research.analysis.incident_counts.by_code`)."""
    if not with_impact.value:
        return "No incident or campaign in the table has a recorded impact."
    shown = _breached(breached)
    items = [f"{words.number(n)} {p}" for p, n in shown[1:]]
    text = (f"Counted by the property breached, the infographic's three-way split, {words.number(shown[0][1])} of the "
            f"{words.number(with_impact.value)} incidents and campaigns with a recorded impact breached {shown[0][0]}")
    text += (", " + words.join(items) if items else "")
    none = [p for p in CIA if not breached.get(p, NONE).value]
    text += f"; none breached {words.join(none, 'or')}" if none else ""
    total = sum(n for _, n in shown)
    return text + ("; one entry can breach more than one." if total > with_impact.value else ".")


def impact_uses(breached: dict[str, Measure]) -> tuple[str, ...]:
    """The values :func:`impact_sentence` shows, in its order: the first property breached, the base, the others."""
    names = [f"cyber_n_impact_{p}" for p, _ in _breached(breached)]
    return (*names[:1], "cyber_n_with_impact", *names[1:])


def technique_uses(techniques: dict[str, Measure]) -> tuple[str, ...]:
    """The values :func:`technique_sentence` shows, in its order: the base, then each technique it lists (most
    frequent first) that has a value of its own (:data:`TECHNIQUES`)."""
    return ("cyber_n_with_technique", *(f"cyber_n_technique_{t}" for t in techniques if t in TECHNIQUES))


def technique_sentence(with_technique: Measure, techniques: dict[str, Measure]) -> str:
    """The techniques recorded (``techniques``: :func:`research.analysis.incident_counts.by_code`, most frequent
    first), with the base of entries that record one (``with_technique``)."""
    if not with_technique.value:
        return "No incident or campaign in the table records a technique."
    counts = _counts(techniques)
    items = [f"{words.number(n)} {label('incidents', 'attack_types', t)}" for t, n in counts.items()]
    items[0] = items[0].replace(" ", " records " if next(iter(counts.values())) == 1 else " record ", 1)
    more = "; an entry can record more than one" if sum(counts.values()) > with_technique.value else ""
    return (f"Of the {words.number(with_technique.value)} incidents and campaigns with a recorded technique, "
            f"{words.join(items)}{more}.")


def groups_sentence(matched: Measure) -> str:
    """How many of the groups the paper names are matched to a dated incident or campaign in the table (``matched``:
    :func:`research.analysis.incident_counts.named_groups_matched`)."""
    names_only = sorted(g for g in PAPER_NAMED_GROUPS if g not in matched.value)
    n = len(PAPER_NAMED_GROUPS)
    text = (f"Of the {words.number_word(n)} groups the paper names as attackers of the government, "
            f"{words.number(len(matched.value))} ({words.join(matched.value)}) are matched to at least one dated "
            f"incident or campaign in the table" if matched.value else
            f"None of the {words.number_word(n)} groups the paper names as attackers of the government is matched "
            f"to a dated incident or campaign in the table")
    if names_only and matched.value:
        text += f"; {words.join(names_only)} appear only as names"
    return text + "."


def _fact_date(fact: Measure) -> str | None:
    # the date of a fact (a country_facts row, or None) as ISO text: its date, else its year
    first = fact.value
    if first is None:
        return None
    return first["date"] if not missing(first["date"]) else str(int(first["year"]))


def law_date_sentence(passed: Measure) -> str:
    """When China's Standing Committee passed the Cybersecurity Law, as the data record it (``passed``:
    :func:`research.analysis.attack.first_fact`; without its full stop: the prose cites the sources, then stops)."""
    lead = "China's \u201cCybersecurity Law\u201d was passed by the Standing Committee of its legislature"
    when = _fact_date(passed)
    if when is None:
        return f"{lead}; our data record no date for it"
    return f"{lead} {'on' if len(str(when)) == 10 else 'in'} {words.date_text(when)}"


def _said(value) -> str:
    value = el._value(value)
    return "not known" if value is None else ("yes" if value else "no")


@traced
def access_table(data: dict, focus: str, comparators: str) -> pd.DataFrame:
    """The illegal-access offences as the report lists them: country, provision, status, qualifiers, source; each
    row traced to its provisions row."""
    iso3s = [focus, *country_list(comparators)]
    rows = acc.access_offences(data, iso3s)
    names = country_names(data["countries"])
    return with_rows(pd.DataFrame({
        "country": [names.get(str(c), str(c)) for c in rows["country"]],
        "provision": [law_words.provision_name(r) for _, r in rows.iterrows()],
        "status": [label("provisions", "status", s) for s in rows["status"]],
        "text read": [label("provisions", "text_basis", s) for s in rows["text_basis"]],
        "intent": [_said(v) for v in rows["intent"]],
        "without right": [_said(v) for v in rows["without_right"]],
        "dishonest intent": [_said(v) for v in rows["dishonest_intent"]],
        "source": rows["source"].astype(str).tolist(),
    }), [ids("provisions", [p]) for p in rows["provision_id"]])


def _places(data: dict, iso3s: list[str]) -> str:
    names = country_names(data["countries"])
    return words.join([names.get(c, c) for c in iso3s])


def access_sentence(found: dict[str, Measure], places: str, as_of: str | None) -> str:
    """How many illegal-access offences of ``places`` (the focus and its comparators, in words) require a dishonest
    intent (``found``: :func:`research.analysis.access.dishonest_intent`)."""
    when = f" in force or in draft on {words.date_text(as_of)}" if as_of else ""
    if not found["offences"].value:
        return f"Our data code no illegal-access offence for {places}{when}."
    yes, no, unknown = (found[k].value for k in ("yes", "no", "unknown"))
    return (f"Of the {words.count(found['offences'].value, 'illegal-access offence')}{when} that we code for {places}, "
            f"{_none_or(yes)} {'requires' if yes <= 1 else 'require'} a dishonest intent, {_none_or(no)} "
            f"{'is' if no <= 1 else 'are'} known not to, and for {_none_or(unknown)} the text we hold does not tell.")


ACTOR_VALUES = ("cyber_n_incidents", *(f"cyber_n_actor_{t}" for t in (*TYPOLOGY, *UNTYPED)))
ACCESS_VALUES = ("cyber_n_access_offences", "cyber_n_access_dishonest", "cyber_n_access_not_dishonest",
                 "cyber_n_access_unknown")


@dataclass(frozen=True)
class Understanding:
    """The values and sentences of section 2: each count the sentences show, with its own rows."""

    cyber_n_incidents: int
    cyber_n_actor_script_kiddie: int
    cyber_n_actor_hacktivist: int
    cyber_n_actor_cybercriminal: int
    cyber_n_actor_insider: int
    cyber_n_actor_state_sponsored: int
    cyber_n_actor_social_media_hacker: int
    cyber_n_actor_named_untyped: int
    cyber_n_actor_not_identified: int
    cyber_n_with_impact: int
    cyber_n_impact_confidentiality: int
    cyber_n_impact_integrity: int
    cyber_n_impact_availability: int
    cyber_n_with_technique: int
    cyber_n_technique_defacement: int
    cyber_n_technique_intrusion: int
    cyber_n_technique_data_leak: int
    cyber_n_technique_espionage: int
    cyber_n_technique_account_hijack: int
    cyber_n_technique_phishing: int
    cyber_n_technique_ddos: int
    cyber_n_technique_malware: int
    cyber_n_technique_fraud: int
    cyber_n_technique_sql_injection: int
    cyber_n_groups_matched: int
    cyber_n_access_offences: int
    cyber_n_access_dishonest: int
    cyber_n_access_not_dishonest: int
    cyber_n_access_unknown: int
    cyber_n_named_groups: int = shown_as("words")  # the paper's list, not a data row
    cyber_csl_date: str | None = None
    cyber_actor_sentence: str = sentence(uses=ACTOR_VALUES)
    cyber_impact_sentence: str = sentence()  # its values: impact_uses, per edition
    cyber_technique_sentence: str = sentence()  # its values: technique_uses, per edition
    cyber_groups_sentence: str = sentence(uses=("cyber_n_named_groups", "cyber_n_groups_matched"))
    cyber_csl_sentence: str = sentence(uses=("cyber_csl_date",))
    cyber_access_sentence: str = sentence(uses=ACCESS_VALUES)
    basis: Basis = basis_field()


@traced
def understanding(data: dict, focus: str, comparators: str, as_of: str | None) -> Understanding:
    """Section 2's values and sentences from the data as of ``as_of``; each value carries the rows of its measure,
    each sentence the rows of the measures it uses."""
    mine = attack.victim_of(data["incidents"], focus)
    total, actors = ic.counted(mine, "actor_type"), ic.by_code(mine, "actor_type")
    with_impact, breached = ic.recorded(mine, "cia_impact"), ic.by_code(mine, "cia_impact")
    with_technique, techniques = ic.recorded(mine, "attack_types"), ic.by_code(mine, "attack_types")
    matched = ic.named_groups_matched(mine, PAPER_NAMED_GROUPS)
    passed = attack.first_fact(data["country_facts"], CHINA, "cybersecurity_law")
    when = _fact_date(passed)
    iso3s = [focus, *country_list(comparators)]
    access = acc.dishonest_intent(data, iso3s)
    measures = {
        "cyber_n_incidents": total,
        **{f"cyber_n_actor_{t}": actors.get(t, NONE) for t in (*TYPOLOGY, *UNTYPED)},
        "cyber_n_with_impact": with_impact,
        **{f"cyber_n_impact_{p}": breached.get(p, NONE) for p in CIA},
        "cyber_n_with_technique": with_technique,
        **{f"cyber_n_technique_{t}": techniques.get(t, NONE) for t in TECHNIQUES},
        "cyber_n_groups_matched": Measure(len(matched.value), matched.rows),
        "cyber_csl_date": Measure(words.date_text(when) if when else None, passed.rows),
        **dict(zip(ACCESS_VALUES, (access[k] for k in ("offences", "yes", "no", "unknown")), strict=True)),
    }
    return Understanding(
        **{name: m.value for name, m in measures.items()},
        cyber_n_named_groups=len(PAPER_NAMED_GROUPS),
        cyber_actor_sentence=actor_sentence(total, actors, as_of),
        cyber_impact_sentence=impact_sentence(with_impact, breached),
        cyber_technique_sentence=technique_sentence(with_technique, techniques),
        cyber_groups_sentence=groups_sentence(matched),
        cyber_csl_sentence=law_date_sentence(passed),
        cyber_access_sentence=access_sentence(access, _places(data, iso3s), as_of),
        basis=Basis({
            **{name: trace(m) for name, m in measures.items()},
            "cyber_actor_sentence": trace(total, *actors.values()),
            "cyber_impact_sentence": trace(with_impact, *breached.values()),
            "cyber_technique_sentence": trace(with_technique, *techniques.values()),
            "cyber_groups_sentence": trace(matched),
            "cyber_csl_sentence": trace(passed),
            "cyber_access_sentence": trace(*access.values()),
        }, uses={"cyber_impact_sentence": impact_uses(breached),
                 "cyber_technique_sentence": technique_uses(techniques)}),
    )


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
