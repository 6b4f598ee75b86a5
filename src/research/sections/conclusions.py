"""Section 6, conclusions: targets, the Convention's Parties and Cambodia's status, each recommendation's gap."""

from __future__ import annotations

from dataclasses import dataclass

from research.analysis import attack
from research.analysis import incident_counts as ic
from research.analysis import law_framework as fw
from research.analysis import parties as pty
from research.analysis.basis import Basis, Measure, basis_field, trace, traced
from research.analysis.common import sentence, shown_as
from research.analysis.countries import country_names
from research.data.labels import label
from research.sections import words

PAPER_KEY = "nguon2019cambodia"  # the Parties the paper names carry it as their source

RECOMMENDATIONS = [  # the paper's infographic, in its order and words
    ("Review existing laws to ensure that they do not overlap with each other and are applicable.", "overlap_and_vagueness"),
    ("The current draft law should address cyber security properly.", "draft_offences"),
    ("Determine the responsible authorities.", "authorities"),
    ("Establish security measures for the nation more effectively.", "security_measures"),
    ("Actively involve in international and regional cyber engagement and cooperation.", "cooperation"),
    ("Provide cyber awareness programs to government officials, citizens, and schools.", "awareness"),
    ("Cambodia should consider signing and ratifying the convention on cybercrime.", "convention"),
]


# The target sectors of the incident table (the schema's closed list), each recorded as a value of its own.
SECTORS = ("government", "multiple", "judiciary", "civil_society", "military", "business", "election", "finance",
           "individual", "media", "telecom")
NONE = Measure(0)  # a sector no incident or campaign records


def targets_sentence(total: Measure, sectors: dict[str, Measure], no_sector: Measure, as_of: str | None) -> str:
    """The incidents and campaigns (``total``) by the sector of their target (``sectors``:
    :func:`research.analysis.incident_counts.by_code`, most frequent first, ties by code), then those with none."""
    if not total.value:
        return "The incident table holds no incident or campaign."
    items = [f"{words.number(m.value)} {label('incidents', 'target_sector', s)}" for s, m in sectors.items()]
    if no_sector.value:
        items.append(f"{words.number(no_sector.value)} no sector")
    when = f" as of {words.date_text(as_of)}" if as_of else ""
    return (f"Of the {words.number(total.value)} incidents and campaigns in the table{when}, by the sector of their "
            f"target: {words.join(items)}.")


def target_uses(sectors: dict[str, Measure], no_sector: Measure) -> tuple[str, ...]:
    """The values :func:`targets_sentence` shows, in its order: the base, each sector it lists (most frequent first),
    then the entries with no sector if there are any."""
    return ("concl_n_incidents", *(f"concl_n_target_{s}" for s in sectors if s in SECTORS),
            *(("concl_n_target_none",) if no_sector.value else ()))


# The legal act by which a State became a Party (Art. 36: ratification, acceptance or approval by a signatory;
# Art. 37: accession by an invited State), as country_facts.csv records it, named in words.
PARTY_ACTS = {act: act.removeprefix(pty.STEP_PREFIX) for act in pty.PARTY_ACTS}


def party_act(act: Measure) -> str | None:
    """The act by which a State became a Party, with its date (``"accession, 30 November 2012"``), or None
    (``act``: :func:`research.analysis.parties.party_act`)."""
    if act.value is None:
        return None
    indicator, when = act.value
    return f"{PARTY_ACTS[indicator]}, {words.date_text(when)}"


def alphabetical(named: Measure) -> list[tuple[str, str]]:
    """The Parties a source names (``named``: :func:`research.analysis.parties.named_parties`) as ``(name in words,
    iso3)``, in the order of their names."""
    return sorted((words.country_name(name), iso3) for iso3, name in named.value)


def parties_sentence(at_paper: Measure, named: Measure, acts: dict[str, Measure]) -> str:
    """The paper's count of Parties (``at_paper``: :func:`research.analysis.parties.count_at`), its date, and the
    Parties it names (``named``), each with the act by which it became one where the data record it (``acts``, by
    ISO3: :func:`research.analysis.parties.party_act`; without its full stop: the prose cites the paper, then stops)."""
    names = [n + (f" ({act})" if (act := party_act(acts.get(c, Measure(None)))) else "") for n, c in alphabetical(named)]
    listed = (f"; the paper names {words.number_word(len(names))} of them, listed here alphabetically with the act by "
              f"which each became a Party where our data record it: {words.join(names)}" if names else "")
    if at_paper.value is None:
        return f"Our data do not hold the paper's count of Parties{listed}"
    return (f"As of {words.date_text(pty.PAPER_DATE)}, by the paper's count, the Convention had {at_paper.value} "
            f"Parties (the paper says they had \u201cratified\u201d it; a signatory becomes a Party by ratification, "
            f"acceptance or approval, any other State by accession){listed}")


def latest_parties_sentence(latest: Measure, as_of: str | None) -> str:
    """The latest count of Parties in the data as of ``as_of`` (``latest``: :func:`research.analysis.parties.
    latest_count`), or that the paper's count is the latest."""
    when = f" as of {words.date_text(as_of)}" if as_of else ""
    if latest.value is None:
        return f"Our data hold no count of Parties{when}."
    if latest.value.date == pty.PAPER_DATE:
        return f"The paper's count is the latest in the data this edition uses{when}."
    return (f"By {words.date_text(latest.value.date)}, the latest count in the data this edition uses, the Convention "
            f"had {latest.value.parties} Parties.")


def status_sentence(name: str, status: Measure, steps: list[Measure], as_of: str | None) -> str:
    """A country's status under the Convention as of the paper (``status``: :func:`research.analysis.parties.status`),
    and any step towards it recorded since (``steps``: :func:`research.analysis.parties.steps`)."""
    said = (f"{name}'s status under the Convention is not verified in our data" if status.value is None else
            f"By the Council of Europe's list of Parties as our data read it for {words.date_text(pty.PAPER_DATE)}, "
            f"{name} was {'a Party' if status.value == 'party' else label('countries', 'budapest_status', status.value)}")
    until = f" up to {words.date_text(as_of)}" if as_of else ""
    if not steps:
        return f"{said}, and our data record no signature, ratification, acceptance, approval or accession by it{until}."
    done = [f"{label('country_facts', 'indicator', step.value[0])} ({words.date_text(step.value[1])})" for step in steps]
    return f"{said}; our data record {words.join(done)}{until}."


NAMED_SHOWN = 6  # the Parties the paper names (six): the date of the act of each, in the sentence's order, is a value
STEPS = ("signature", "ratification", "acceptance", "approval", "accession", "in_force")  # each step's date a value
PARTIES_VALUES = ("concl_parties_at_paper", "concl_n_paper_parties",
                  *(f"concl_party_{k}_act_date" for k in range(1, NAMED_SHOWN + 1)))


@dataclass(frozen=True)
class Conclusions:
    """The values and sentences of section 6: each count and date the sentences show, with its own rows."""

    concl_n_incidents: int
    concl_n_target_government: int
    concl_n_target_multiple: int
    concl_n_target_judiciary: int
    concl_n_target_civil_society: int
    concl_n_target_military: int
    concl_n_target_business: int
    concl_n_target_election: int
    concl_n_target_finance: int
    concl_n_target_individual: int
    concl_n_target_media: int
    concl_n_target_telecom: int
    concl_n_target_none: int
    concl_parties_at_paper: int | None
    concl_n_paper_parties: int = shown_as("words")
    concl_party_1_act_date: str | None = None
    concl_party_2_act_date: str | None = None
    concl_party_3_act_date: str | None = None
    concl_party_4_act_date: str | None = None
    concl_party_5_act_date: str | None = None
    concl_party_6_act_date: str | None = None
    concl_latest_parties_date: str | None = None
    concl_latest_parties: int | None = None
    concl_focus_signature_date: str | None = None
    concl_focus_ratification_date: str | None = None
    concl_focus_acceptance_date: str | None = None
    concl_focus_approval_date: str | None = None
    concl_focus_accession_date: str | None = None
    concl_focus_in_force_date: str | None = None
    concl_telecom_year: int | None = shown_as("d")
    concl_n_recommendations: int = shown_as("words")
    concl_targets_sentence: str = sentence()  # its values: target_uses, per edition
    concl_parties_sentence: str = sentence(uses=PARTIES_VALUES)
    concl_latest_parties_sentence: str = sentence(uses=("concl_latest_parties_date", "concl_latest_parties"))
    concl_status_sentence: str = sentence(uses=tuple(f"concl_focus_{s}_date" for s in STEPS))
    basis: Basis = basis_field()


def _date(measure: Measure, when) -> Measure:
    # a date of a measure, in words, with the measure's rows
    return Measure(words.date_text(when) if when else None, measure.rows)


@traced
def conclusions(data: dict, focus: str, as_of: str | None) -> Conclusions:
    """Section 6's values and sentences from the data as of ``as_of``; each value carries the rows of its measure,
    each sentence the rows of the measures it uses (the number of recommendations is the paper's, not data)."""
    countries, parties, facts = data["countries"], data["convention_parties"], data["country_facts"]
    mine = attack.victim_of(data["incidents"], focus)
    total, sectors = ic.counted(mine, "target_sector"), ic.by_code(mine, "target_sector")
    no_sector = ic.unrecorded(mine, "target_sector")
    at_paper, named, latest = pty.count_at(parties), pty.named_parties(countries, PAPER_KEY), pty.latest_count(parties)
    acts = {iso3: pty.party_act(facts, iso3) for iso3, _ in named.value}
    shown = [acts[iso3] for _, iso3 in alphabetical(named)][:NAMED_SHOWN]
    status, steps = pty.status(countries, focus), pty.steps(facts, focus)
    first_steps = {s: next((m for m in steps if m.value[0] == pty.STEP_PREFIX + s), Measure(None)) for s in STEPS}
    measures = {
        "concl_n_incidents": total,
        **{f"concl_n_target_{s}": sectors.get(s, NONE) for s in SECTORS},
        "concl_n_target_none": no_sector,
        "concl_parties_at_paper": at_paper,
        "concl_n_paper_parties": Measure(len(named.value), named.rows),
        **{f"concl_party_{k}_act_date": _date(act, act.value and act.value[1]) for k, act in enumerate(shown, 1)},
        "concl_latest_parties_date": _date(latest, latest.value and latest.value.date),
        "concl_latest_parties": Measure(latest.value and latest.value.parties, latest.rows),
        **{f"concl_focus_{s}_date": _date(m, m.value and m.value[1]) for s, m in first_steps.items()},
        "concl_telecom_year": fw.telecom_year(data),
    }
    return Conclusions(
        **{name: m.value for name, m in measures.items()},
        concl_n_recommendations=len(RECOMMENDATIONS),
        concl_targets_sentence=targets_sentence(total, sectors, no_sector, as_of),
        concl_parties_sentence=parties_sentence(at_paper, named, acts),
        concl_latest_parties_sentence=latest_parties_sentence(latest, as_of),
        concl_status_sentence=status_sentence(country_names(countries).get(focus, focus), status, steps, as_of),
        basis=Basis({
            **{name: trace(m) for name, m in measures.items()},
            "concl_targets_sentence": trace(total, *sectors.values(), no_sector),
            "concl_parties_sentence": trace(at_paper, named, *acts.values()),
            "concl_latest_parties_sentence": trace(latest),
            "concl_status_sentence": trace(status, *steps),
        }, uses={"concl_targets_sentence": target_uses(sectors, no_sector)}),
    )
