"""Section 6's table: each recommendation of the paper's infographic beside the gap the data measure for it."""

from __future__ import annotations

import pandas as pd

from research.analysis import gaps as gp
from research.analysis import parties as pty
from research.analysis.basis import traced, with_rows
from research.analysis.countries import country_names
from research.sections import words
from research.sections.conclusions import RECOMMENDATIONS, status_sentence


def _focus_status(data: dict, focus: str, as_of: str | None) -> str:
    """The focus country's status under the Convention and its steps since, in words (:func:`status_sentence`)."""
    name = country_names(data["countries"]).get(focus, focus)
    return status_sentence(name, pty.status(data["countries"], focus), pty.steps(data["country_facts"], focus), as_of)


def _draft_offences_gap(found: dict | None, on: str) -> str:
    if found is None:
        return f"not measured: our data hold no cybercrime draft{on}"
    no_d, no_i, n = found["no_dishonest_intent"], found["no_intent"], found["offences"]
    said = ([f"{words.share(no_d, n, 'offence article')} {'is' if no_d == 1 else 'are'} reported to make no "
             f"reference to a dishonest intent"] if no_d else [])
    said += [f"{words.share(no_i, n, 'offence article') if not no_d else words.number(no_i)} "
             f"{'is' if no_i == 1 else 'are'} reported to lack an intent element"] if no_i else []
    said += [f"its provisions use {words.count(found['terms'], 'broad, open-ended term')}"] if found["terms"] else []
    if said:
        return f"in the latest cybercrime draft in our data{on}, the {found['instrument']}, " + "; ".join(said)
    return f"no gap measured in the {found['instrument']}, the latest cybercrime draft{on}"


def gap_words(measured: dict, data: dict, focus: str, as_of: str | None) -> dict[str, str]:
    """Each gap of :func:`research.analysis.gaps.gaps` stated as what is missing; where the data show nothing
    missing, or hold no measure, the cell says so."""
    on = f" on {words.date_text(as_of)}" if as_of else ""
    by = f" by {words.date_text(as_of)}" if as_of else ""
    n_state, n_incidents = measured["security_measures"].value
    n_force, n_coop, coop_drafts = measured["cooperation"].value
    said = _focus_status(data, focus, as_of).rstrip(".")
    return {
        "overlap_and_vagueness": overlap_gap(measured["overlap_and_vagueness"].value, on),
        "draft_offences": _draft_offences_gap(measured["draft_offences"].value, on),
        "authorities": authorities_gap(measured["authorities"].value, on),
        "security_measures": (f"{NOT_MEASURABLE}: they record attacks ({words.number(n_state)} of the "
                              f"{words.count(n_incidents, 'incident or campaign', 'incidents and campaigns')} "
                              f"recorded{by} struck government, electoral, military or judicial targets), not the "
                              f"security measures the nation has taken"),
        "cooperation": (
            f"none of the {words.count(n_force, 'provision')} in force{on} provides for international co-operation"
            + (f"; the co-operation articles coded are in drafts only ({words.join(coop_drafts)})" if coop_drafts else "")
            if not n_coop else f"no gap measured: {words.count(n_coop, 'co-operation provision')} in force{on}"),
        "awareness": (f"{NOT_MEASURABLE}: they hold no count of awareness programmes; the ITU Global Cybersecurity "
                      f"Index, whose scores they hold, measures far more than awareness"),
        "convention": ("no gap measured: the data record the country as a Party" if measured["convention"].value
                       else said[0].lower() + said[1:]),
    }


def gaps(data: dict, focus: str, as_of: str | None) -> dict[str, str]:
    """The gap each of the infographic's recommendations answers, measured in the data as of ``as_of``, in words."""
    return gap_words(gp.gaps(data, focus), data, focus, as_of)


NOT_MEASURABLE = "not measurable from the data"


def overlap_gap(shared: list[str], on: str) -> str:
    """Overlap between the laws in force: the Convention articles that provisions of more than one instrument answer
    (whether the laws are "applicable" the data cannot show)."""
    if not shared:
        return (f"no overlap measured: no Convention article is answered by provisions of more than one instrument "
                f"in force{on} (whether the laws are applicable is {NOT_MEASURABLE})")
    arts = f"Art. {shared[0]}" if len(shared) == 1 else f"Arts {', '.join(shared)}"
    return (f"{words.count(len(shared), 'Convention article')} ({arts}) "
            f"{'is' if len(shared) == 1 else 'are'} answered by provisions of more than one instrument in force{on}; "
            f"whether the laws are applicable is {NOT_MEASURABLE}")


def authorities_gap(found: tuple, on: str) -> str:
    """The responsible authorities the law in force and the drafts establish (provisions coded as institutions)."""
    enacted, n_drafts, in_drafts = found
    tail = (f"; the drafts{on} hold {words.count(n_drafts, 'such provision')} ({words.join(in_drafts)})"
            if n_drafts else "; nor does any draft")
    if not enacted:
        return f"no provision in force{on} is coded as establishing or naming a responsible authority{tail}"
    return f"no gap measured: {words.count(enacted, 'provision')} in force{on} establish a responsible authority"


@traced
def recommendation_table(data: dict, focus: str, as_of: str | None) -> pd.DataFrame:
    """The infographic's recommendations, in its order and words, each beside the gap the data measure for it (each
    row carries the data rows its gap was measured on: the rows of its measure)."""
    measured = gp.gaps(data, focus)
    found = gap_words(measured, data, focus, as_of)
    when = f" (as of {words.date_text(as_of)})" if as_of else ""
    frame = pd.DataFrame([{"recommendation (the paper's words)": text, f"what the data measure as missing{when}": found[key]}
                          for text, key in RECOMMENDATIONS])
    return with_rows(frame, [measured[key].rows for _, key in RECOMMENDATIONS])


def recommendations_caption(as_of: str | None) -> str:
    """The caption of the recommendations table."""
    when = f" on {words.date_text(as_of)}" if as_of else ""
    return (f"The {words.number_word(len(RECOMMENDATIONS))} recommendations of the paper's infographic, in its order "
            f"and words, each beside what the data{when} measure as missing for it.")
