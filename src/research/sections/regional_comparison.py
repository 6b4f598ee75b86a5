"""Section 5, the regional comparison: its dates and findings in words, the captions of its figures and tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import comparison
from research.analysis import elements as el
from research.analysis import regional_measures as rm
from research.analysis import regional_points as points
from research.analysis.basis import Basis, Measure, basis_field, ids, merge, trace, traced, with_rows
from research.analysis.common import sentence
from research.analysis.countries import country_names
from research.sections import words
from research.sections.words import count, join, share

TIMELINE_CAPTION = (
    "Emergency response teams, cybercrime and cybersecurity laws, strategies and steps under the Convention, each "
    "legal act apart (signature; ratification, acceptance or approval by a signatory; accession by an invited State; "
    "entry into force), by year."
)
COVERAGE_CAPTION = (
    "Cambodia, China, Japan and Singapore against the Convention's offence articles 2-11, element by element, each "
    "state's law as it stood on the edition's date: met where its provisions together show every mandatory element; "
    "otherwise the best level of its provisions; blank where we have not read that part of its law."
)
QUALIFIERS_CAPTION = (
    "Offence provisions coded per state, and how many require each qualifier of those whose text shows it (intent "
    "with each general rule on intent applied as far as its own words reach: its own code, or every offence of the "
    "country's law)."
)
PENALTIES_CAPTION = (
    "Basic penalties of the offences coded in the four states, in years and US dollars (2019 average rates); a dashed "
    "line marks a penalty stated as a maximum only."
)
PENALTY_TABLE_CAPTION = (
    "The basic penalties drawn in the figure above, in figures: years of imprisonment and fines in US dollars at 2019 "
    "average rates."
)
GCI_CAPTION = (
    "ITU Global Cybersecurity Index scores by edition, from a hand transcription of the ITU's reports (the SSPI data "
    "compilation); the scale is 0-1 to 2018 and 0-100 from 2020, so scores of the two periods are not comparable."
)
PARTIES_CAPTION = "Number of Parties to the Convention on Cybercrime over time, from dated reports."


NOT_RECORDED = "an undated year (not recorded in our data)"


@dataclass(frozen=True)
class RegionalDates:
    """Every date the section on China, Japan and Singapore quotes."""

    chn_csl_adopted: str
    chn_csl_in_force: str
    cncert_founded: str
    jpn_strategy_date: str
    jpn_basic_act_date: str
    jpn_basic_act_amended: str
    jpcert_founded: str
    jpn_uca_date: str
    jpn_convention_signed: str
    jpn_convention_accepted: str
    jpn_convention_in_force: str
    sgp_strategy_year: str
    sgp_cma_commenced: str
    sgp_cma_2013_in_operation: str
    sgp_cma_amended: str
    sgp_csa_in_force: str
    singcert_founded: str
    basis: Basis = basis_field()


@traced
def regional_dates(facts: pd.DataFrame, provisions: pd.DataFrame) -> RegionalDates:
    """Each date of :class:`RegionalDates` in words, traced to the fact or provision row it was read from."""
    found = points.regional_dates(facts, provisions)
    return RegionalDates(**{name: words.date_text(m.value) if m.value else NOT_RECORDED for name, m in found.items()},
                         basis=Basis({name: trace(m) for name, m in found.items()}))


@traced
def penalty_rows(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`regional_penalties` as the report lists it: text cells, years and dollars rounded (each row traced to
    its penalty and the provisions it covers)."""
    def years(v):
        return "" if pd.isna(v) else f"{v:g}"

    def dollars(v):
        return "" if pd.isna(v) else f"US${v:,.0f}"

    out = pd.DataFrame({"penalty": table["label"], "imprisonment (years)": [
        f"{years(lo)}-{years(hi)}" if years(lo) else (f"up to {years(hi)}" if years(hi) else "")
        for lo, hi in zip(table["prison_min_years"], table["prison_max_years"])],
        "fine (US dollars)": [f"{dollars(lo)}-{dollars(hi)}" if dollars(lo) else (f"up to {dollars(hi)}" if dollars(hi)
                              else "") for lo, hi in zip(table["fine_min_usd"], table["fine_max_usd"])]})
    return with_rows(out, [merge(ids("penalties", [p]), ids("provisions", list(covered)))
                           for p, covered in zip(table["penalty_id"], table["provisions"])])


def _coverage_parts(counts: list, focus: str | None) -> list[tuple[str, tuple[str, ...]]]:
    """Each row's part of the coverage sentence, with the names of the values it shows, in order (a row no value
    names, :data:`COVERAGE_ROWS`, shows its counts unnamed): the words and the names are written together, so the
    report links each number the part shows to its own value."""
    parts = []
    for label, iso3, part, n in counts:
        row = _coverage_row(iso3, part, focus) if focus else None
        shown = [(f"{label}, {n[rm.SHOWN].value} shown", rm.SHOWN)]
        if n[rm.AT_MOST].value != n[rm.SHOWN].value:
            shown.append((f", at most {n[rm.AT_MOST].value}", rm.AT_MOST))
        notes = [(f"{words} {n[count].value}", count) for words, count in (
            ("narrower for", rm.NARROWER), ("not coded for", rm.NOT_CODED),
            ("no counterpart found for", rm.NO_COUNTERPART)) if n[count].value]
        text = "".join(t for t, _ in shown) + (f" ({'; '.join(t for t, _ in notes)})" if notes else "")
        parts.append((text, tuple(coverage_value(row, c) for _, c in shown + notes) if row else ()))
    return parts


def regional_coverage_sentence(counts: list, focus: str | None = None) -> str:
    """The articles met per row of the comparison, as bounds (shown; at most, if every unknown element of the texts
    read were present), with the articles narrower, not coded and with no counterpart found (``counts`` from
    :func:`research.analysis.regional_measures.coverage_counts`)."""
    parts = [text for text, _ in _coverage_parts(counts, focus)]
    if not parts:
        return "No offence provision of these states is coded."
    return ("We count an article as met only where the texts read show every mandatory element of the Convention's "
            "definition, and give in each case the upper bound, the articles that would be met if every element the "
            "texts leave unknown were present; the sentence uses the lower bound, what is shown. Of the offence "
            f"articles 2-11: {'; '.join(parts)}. An article not coded is one for which we have not read that part of "
            "the state's law: it is not an article the law lacks.")


def coverage_uses(counts: list, focus: str) -> tuple[str, ...]:
    """The values :func:`regional_coverage_sentence` shows for ``counts``, in its order: a count it leaves out (none,
    or an upper bound equal to what is shown) is recorded but not named, so its text is never linked to a later
    number."""
    return tuple(name for _, names in _coverage_parts(counts, focus) for name in names)


def qualifier_sentence(own: Measure, ruled: Measure, offences: Measure, rules: Measure, names: dict) -> str:
    """How many of the comparators' offences state intent in their own words and with each general rule on intent
    applied as far as its words reach, and where no general part is coded (the measures of
    :mod:`research.analysis.regional_measures`)."""
    reach = {el.COUNTRY_SCOPE: "every offence of the country's law", el.INSTRUMENT_SCOPE: "the offences of that code"}
    ruled_by = join([f"{names.get(iso3, iso3)}'s {instrument}, {'Arts' if '-' in article else 'Art.'} {article}, "
                     f"applied to {reach[scope]}" for iso3, instrument, article, scope in rules.value["rules"]])
    unruled = sorted({names.get(c, c) for c in rules.value["unruled"]})
    text = (f"{share(own.value, offences.value, 'offence provision').capitalize()} of the comparators state an "
            f"intent element in their own words; with each general rule on intent applied as far as its own "
            f"words reach ({ruled_by or 'none is coded'}), {ruled.value} do.")
    if unruled:
        text += (f" No general part of the criminal law of {join(unruled)} is coded, so an offence there "
                 f"whose own words state no intent is not shown to require it, and the Convention articles "
                 f"it answers are not counted as shown to be met; this may understate what their law "
                 f"requires.")
    return text


def limits_sentence(bare: Measure, offences: Measure, heading: Measure, names: dict) -> str:
    """How many of the comparators' offences carry no penalty in the data (and whose), how many are known by heading
    only, and what the comparison cannot show."""
    without = sorted({names.get(c, c) for _, c in bare.value})
    return (f"{share(len(bare.value), offences.value, 'comparator offence').capitalize()} carry no penalty in the "
            f"data, because no penalty provision was read in a verified text ({join(without) or 'none'}); "
            f"{count(heading.value, 'offence')} {'is' if heading.value == 1 else 'are'} known by heading only. "
            f"The comparison measures the words of the texts read, in the versions read; it cannot show how courts "
            f"read them or how they are enforced.")


# The rows of the comparison named in values: the focus country's law in force and its drafts, and each state the
# paper discusses by name (research.analysis.regional_points); a row the data lack records no count.
COVERAGE_ROWS = {(comparison.LAW, None): "focus_law", (comparison.DRAFTS, None): "focus_drafts",
                 (comparison.LAW, points.CHINA): "chn", (comparison.LAW, points.JAPAN): "jpn",
                 (comparison.LAW, points.SINGAPORE): "sgp"}


def coverage_value(row: str, count_name: str) -> str:
    """The name of the recorded value of one count (:data:`research.analysis.regional_measures.COVERAGE_COUNTS`) of
    one row of the comparison (:data:`COVERAGE_ROWS`)."""
    return f"regional_{row}_{count_name}"


def _coverage_row(iso3: str, part: str, focus: str) -> str | None:
    return COVERAGE_ROWS.get((part, None if iso3 == focus else iso3))


@dataclass(frozen=True)
class RegionalFindings:
    """What the coded comparison shows and what it cannot show, as sentences of the report, with every count they
    show (``regional_<row>_<count>``: articles of 2-11 per row of the comparison, :data:`COVERAGE_ROWS`)."""

    n_comparator_offences: int
    regional_n_own_intent: int
    regional_n_ruled_intent: int
    regional_n_no_penalty: int
    regional_n_heading_only: int
    regional_focus_law_shown: int | None = None
    regional_focus_law_at_most: int | None = None
    regional_focus_law_narrower: int | None = None
    regional_focus_law_not_coded: int | None = None
    regional_focus_law_no_counterpart: int | None = None
    regional_focus_drafts_shown: int | None = None
    regional_focus_drafts_at_most: int | None = None
    regional_focus_drafts_narrower: int | None = None
    regional_focus_drafts_not_coded: int | None = None
    regional_focus_drafts_no_counterpart: int | None = None
    regional_chn_shown: int | None = None
    regional_chn_at_most: int | None = None
    regional_chn_narrower: int | None = None
    regional_chn_not_coded: int | None = None
    regional_chn_no_counterpart: int | None = None
    regional_jpn_shown: int | None = None
    regional_jpn_at_most: int | None = None
    regional_jpn_narrower: int | None = None
    regional_jpn_not_coded: int | None = None
    regional_jpn_no_counterpart: int | None = None
    regional_sgp_shown: int | None = None
    regional_sgp_at_most: int | None = None
    regional_sgp_narrower: int | None = None
    regional_sgp_not_coded: int | None = None
    regional_sgp_no_counterpart: int | None = None
    regional_coverage_sentence: str = sentence()  # its values: coverage_uses, per edition
    regional_qualifier_sentence: str = sentence(
        uses=("regional_n_own_intent", "n_comparator_offences", "regional_n_ruled_intent"))
    regional_limits_sentence: str = sentence(
        uses=("regional_n_no_penalty", "n_comparator_offences", "regional_n_heading_only"))
    basis: Basis = basis_field()


@traced
def regional_findings(tables: dict, focus: str, comparators: str) -> RegionalFindings:
    """Summarise the coverage of each row of the comparison and the comparators' qualifiers and penalties, and say
    what the texts read cannot show; each value and sentence traced to the rows of the measures it uses."""
    names = country_names(tables["countries"])
    counts = rm.coverage_counts(tables, focus, comparators)
    offences, own = rm.comparator_offences(tables, comparators), rm.intent_in_own_words(tables, comparators)
    ruled, rules = rm.intent_with_rules(tables, comparators), rm.intent_rules(tables, comparators)
    bare, heading = rm.without_penalty(tables, comparators), rm.heading_only(tables, comparators)
    no_penalty = Measure(len(bare.value), bare.rows)
    named = {coverage_value(row, c): m for _, iso3, part, n in counts
             if (row := _coverage_row(iso3, part, focus)) for c, m in n.items()}
    measures = {"n_comparator_offences": offences, "regional_n_own_intent": own, "regional_n_ruled_intent": ruled,
                "regional_n_no_penalty": no_penalty, "regional_n_heading_only": heading, **named}
    every_count = [m for *_, n in counts for m in n.values()]
    return RegionalFindings(
        **{name: m.value for name, m in measures.items()},
        regional_coverage_sentence=regional_coverage_sentence(counts, focus),
        regional_qualifier_sentence=qualifier_sentence(own, ruled, offences, rules, names),
        regional_limits_sentence=limits_sentence(bare, offences, heading, names),
        basis=Basis({**{name: trace(m) for name, m in measures.items()},
                     "regional_coverage_sentence": trace(*every_count),
                     "regional_qualifier_sentence": trace(own, offences, ruled, rules),
                     "regional_limits_sentence": trace(no_penalty, offences, heading)},
                    uses={"regional_coverage_sentence": coverage_uses(counts, focus)}))


@dataclass(frozen=True)
class FocusConventionStatus:
    """The focus country's standing under the Convention as the data record it (status as of the paper)."""

    focus_convention_sentence: str = sentence()
    basis: Basis = basis_field()


def convention_status_sentence(status: Measure, name: str) -> str:
    """Whether the data record the focus country as a Party, and any step it took towards the Convention (``status``
    from :func:`research.analysis.regional_measures.convention_status`)."""
    recorded = status.value["status"]
    if recorded == "party":
        return f"{name} is recorded as one of them."
    if recorded is None:
        return f"{name}'s status under the Convention is not verified in the sources read."
    text = f"{name} is not among them: the data record it as not a Party"
    return text + (", though they record a step towards the Convention." if status.value["steps"] else ".")


@traced
def focus_convention_status(countries: pd.DataFrame, facts: pd.DataFrame, focus: str) -> FocusConventionStatus:
    """Whether the data record the focus country as a Party, and any step it took towards the Convention."""
    status = rm.convention_status(countries, facts, focus)
    sentence_text = convention_status_sentence(status, country_names(countries).get(focus, focus))
    return FocusConventionStatus(sentence_text, Basis({"focus_convention_sentence": trace(status)}))
