"""Section 5, the regional comparison: its dates and findings in words, the captions of its figures and tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import elements as el
from research.analysis import levels as lv
from research.analysis import regional_points as points
from research.analysis.basis import Basis, basis_field, ids, merge, rows_of, traced, with_rows
from research.analysis.common import country_list, sentence
from research.analysis.comparison import groups, regional_coverage
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
                         basis=Basis({name: m.rows for name, m in found.items()}))


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


def regional_coverage_sentence(coverage: pd.DataFrame) -> str:
    """The articles met per row of :func:`regional_coverage`, as bounds (shown; at most, if every unknown element
    of the texts read were present), with the articles not coded and those with no counterpart found."""
    parts = []
    for row in coverage.index:
        b = lv.bounds({a: coverage.at[row, a] for a in coverage.columns})
        uncoded = [a for a in coverage.columns if coverage.at[row, a] == lv.NOT_CODED]
        none = [a for a in coverage.columns if coverage.at[row, a] == lv.NO_COUNTERPART]
        narrower = [a for a in coverage.columns if coverage.at[row, a] == lv.NARROWER]
        notes = [f"narrower for {len(narrower)}"] if narrower else []
        notes += [f"not coded for {len(uncoded)}"] if uncoded else []
        notes += [f"no counterpart found for {len(none)}"] if none else []
        text = f"{row}, {b.shown} shown" + (f", at most {b.at_most}" if b.at_most != b.shown else "")
        parts.append(text + (f" ({'; '.join(notes)})" if notes else ""))
    return ("We count an article as met only where the texts read show every mandatory element of the Convention's "
            "definition, and give in each case the upper bound, the articles that would be met if every element the "
            "texts leave unknown were present; the sentence uses the lower bound, what is shown. Of the offence "
            f"articles 2-11: {'; '.join(parts)}. An article not coded is one for which we have not read that part of "
            "the state's law: it is not an article the law lacks.")


@dataclass(frozen=True)
class RegionalFindings:
    """What the coded comparison shows and what it cannot show, as sentences of the report."""

    n_comparator_offences: int
    regional_coverage_sentence: str = sentence()
    regional_qualifier_sentence: str = sentence()
    regional_limits_sentence: str = sentence()
    basis: Basis = basis_field()


@traced
def regional_findings(tables: dict, focus: str, comparators: str) -> RegionalFindings:
    """Summarise :func:`regional_coverage` and the qualifiers, and say what the texts read cannot show."""
    provisions = tables["provisions"]
    peers = country_list(comparators)
    names = dict(zip(tables["countries"]["iso3"].astype(str), tables["countries"]["name"].astype(str)))
    theirs = provisions[provisions["country"].astype(str).isin(peers) & (provisions["kind"].astype(str) == "offence")]
    coverage = regional_coverage(tables, focus, comparators)
    coverage_sentence = (regional_coverage_sentence(coverage) if len(coverage)
                         else "No offence provision of these states is coded.")
    ruled = el.effective_intent(theirs, tables.get("general_rules"), el.DEFAULT_VARIANT)
    own = el.effective_intent(theirs, tables.get("general_rules"), el.NOT_APPLIED)
    n_own, n_ruled = int(sum(v is True for v in own)), int(sum(v is True for v in ruled))
    rules = tables.get("general_rules")
    rules = rules[rules["country"].astype(str).isin(peers)] if rules is not None else pd.DataFrame(
        columns=["country", "instrument", "article"])
    rules = rules[rules["rule"].astype(str) == "intent_default"] if "rule" in rules.columns else rules
    reach = {el.COUNTRY_SCOPE: "every offence of the country's law", el.INSTRUMENT_SCOPE: "the offences of that code"}
    scopes = el.rule_scopes(rules) if len(rules) else []
    ruled_by = join([f"{names.get(str(r.country), r.country)}'s {r.instrument}, "
                     f"{'Arts' if '-' in str(r.article) else 'Art.'} {r.article}, applied to {reach[scope]}"
                     for r, scope in zip(rules.itertuples(), scopes)])
    unruled = sorted({names.get(c, c) for c in theirs["country"].astype(str)} -
                     {names.get(c, c) for c in rules["country"].astype(str)})
    qualifier_sentence = (f"{share(n_own, len(theirs), 'offence provision').capitalize()} of the comparators state an "
                          f"intent element in their own words; with each general rule on intent applied as far as its own "
                          f"words reach ({ruled_by or 'none is coded'}), {n_ruled} do.")
    if unruled:
        qualifier_sentence += (f" No general part of the criminal law of {join(unruled)} is coded, so an offence there "
                               f"whose own words state no intent is not shown to require it, and the Convention articles "
                               f"it answers are not counted as shown to be met; this may understate what their law "
                               f"requires.")
    penalised = {pid for ids in tables["penalties"]["provisions"].astype(str) for pid in ids.split(";")}
    no_penalty = [pid for pid in theirs["provision_id"].astype(str) if pid not in penalised]
    without = sorted({names.get(c, c) for c in theirs.loc[theirs["provision_id"].astype(str).isin(no_penalty), "country"]})
    heading = theirs[theirs["text_basis"].astype(str) == "heading"]
    limits = (f"{share(len(no_penalty), len(theirs), 'comparator offence').capitalize()} carry no penalty in the "
              f"data, because no penalty provision was read in a verified text ({join(without) or 'none'}); "
              f"{count(len(heading), 'offence')} {'is' if len(heading) == 1 else 'are'} known by heading only. "
              f"The comparison measures the words of the texts read, in the versions read; it cannot show how courts "
              f"read them or how they are enforced.")
    offences = provisions[provisions["kind"].astype(str) == "offence"]
    shown = [c for _, c, _ in groups(tables, focus, comparators)]
    rules = tables.get("general_rules")
    basis = Basis({"n_comparator_offences": rows_of("provisions", theirs, "kind"),
                   "regional_coverage_sentence": rows_of("provisions", offences[offences["country"].astype(str).isin(shown)],
                                                         "convention_articles"),
                   "regional_qualifier_sentence": merge(rows_of("provisions", theirs, "intent_required"),
                                                        rows_of("general_rules", rules)),
                   "regional_limits_sentence": merge(ids("provisions", no_penalty), rows_of("provisions", heading, "text_basis"))})
    return RegionalFindings(len(theirs), coverage_sentence, qualifier_sentence, limits, basis)


@dataclass(frozen=True)
class FocusConventionStatus:
    """The focus country's standing under the Convention as the data record it (status as of the paper)."""

    focus_convention_sentence: str = sentence()
    basis: Basis = basis_field()


@traced
def focus_convention_status(countries: pd.DataFrame, facts: pd.DataFrame, focus: str) -> FocusConventionStatus:
    """Whether the data record the focus country as a Party, and any step it took towards the Convention."""
    row = countries[countries["iso3"].astype(str) == focus]
    name = str(row["name"].iloc[0]) if len(row) else focus
    status = str(row["budapest_status"].iloc[0]) if len(row) and pd.notna(row["budapest_status"].iloc[0]) else None
    steps = facts[(facts["iso3"].astype(str) == focus) & facts["indicator"].astype(str).str.startswith("budapest_")]
    if status == "party":
        text = f"{name} is recorded as one of them."
    elif status is None:
        text = f"{name}'s status under the Convention is not verified in the sources read."
    else:
        text = f"{name} is not among them: the data record it as not a Party"
        text += "." if steps.empty else ", though they record a step towards the Convention."
    return FocusConventionStatus(text, Basis({"focus_convention_sentence": merge(rows_of("countries", row, "budapest_status"),
                                                                                 rows_of("country_facts", steps))}))
