"""Section 4's tables (the draft's offence articles; draft Art. 23 against Convention Art. 3) and the captions of its
figures and tables, apart from its values and sentences (research.sections.draft_cybercrime_law)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import draft as dr
from research.analysis import elements as el
from research.analysis.asof import reading_date
from research.analysis.basis import traced, with_rows
from research.analysis.common import parse_list
from research.analysis.draft import CONVENTION_ARTICLE, DRAFT_ARTICLE, PAPER_DRAFT, draft_row
from research.analysis.penalties import penalties_of
from research.data.labels import label
from research.sections import law_words, words


def _said(value) -> str:
    value = el._value(value)
    return "not known" if value is None else ("yes" if value else "no")


def offences_table(paper: dict, draft: str = PAPER_DRAFT) -> pd.DataFrame:
    """The draft's offence articles as the report lists them: article, heading, category, Convention counterpart,
    how much text is known, the three qualifiers, the penalty (a group range said so) and the source."""
    provisions, penalties = paper["provisions"], paper["penalties"]
    rows = dr.draft_rows(provisions, draft)
    rows = rows[rows["kind"].astype(str) == "offence"]
    intent = el.effective_intent(provisions, paper.get("general_rules"))
    group = dr.group_penalty(paper, draft).value
    records = []
    for _, r in rows.iterrows():
        own = penalties_of(penalties, str(r["provision_id"]))
        alone = own[own["provisions"].astype(str) == str(r["provision_id"])]
        if len(alone):
            penalty = law_words.penalty_text(alone.iloc[0])
        elif len(own) and group:
            penalty = f"{law_words.penalty_text(group['penalty'])} (one range for {law_words.articles_text(group['articles'])})"
        else:
            penalty = "not recorded"
        records.append({"article": str(r["article"]), "heading": str(r["heading"]),
                        "category": label("provisions", "category", str(r["category"])),
                        "Convention article": ", ".join(parse_list(r["convention_articles"])) or "none",
                        "text read": label("provisions", "text_basis", str(r["text_basis"])),
                        "intent": _said(intent.get(str(r["provision_id"]))), "without right": _said(r["without_right"]),
                        "dishonest intent": _said(r["dishonest_intent"]), "penalty": penalty, "source": str(r["source"])})
    columns = ["article", "heading", "category", "Convention article", "text read", "intent", "without right",
               "dishonest intent", "penalty", "source"]
    return pd.DataFrame.from_records(records, columns=columns)


@traced
def draft_article_comparison(tables: dict, draft: str = PAPER_DRAFT, article: str = DRAFT_ARTICLE,
                             against: int = CONVENTION_ARTICLE) -> pd.DataFrame:
    """One draft article against one Convention article, element by element, as the report's table.

    Columns: ``element`` (the Convention's element), ``requirement`` (in words), ``the Convention's words``,
    ``the draft`` (what the draft is known to say), ``assessment``. When the data hold no such article, one row says
    so, so that the table (and the report's reference to it) exists for any valid data. Each row is traced to the
    element and the cell that decides it (:func:`research.analysis.elements.element_rows`).
    """
    row = draft_row(tables["provisions"], draft, article)
    columns = ["element", "requirement", "the Convention's words", "the draft", "assessment"]
    if row is None:
        return with_rows(pd.DataFrame([["not coded", "", "", f"the data hold no draft Article {article}", ""]],
                                      columns=columns), [()])
    intent = el.effective_intent(tables["provisions"], tables.get("general_rules"), el.NOT_APPLIED)
    table = el.comparison(row, against, tables["convention_elements"], tables["codings"], intent.get(str(row["provision_id"])))
    said = table["value"].map(lambda v: "not known" if v is None else ("has it" if v else "does not have it"))
    out = pd.DataFrame({"element": table["label"], "requirement": [label("convention_elements", "requirement", r)
                                                                   for r in table["requirement"]],
                        "the Convention's words": table["text"], "the draft": said, "assessment": table["assessment"]})
    return with_rows(out, el.element_rows(row, against, tables["convention_elements"], tables["codings"]))


@dataclass(frozen=True)
class DraftCaptions:
    """The captions of section 4's figures and tables, each naming the date the draft is read on."""

    coverage: str
    coverage_table: str
    art23: str
    offences: str
    qualifiers: str


def captions(as_of: str | None) -> DraftCaptions:
    """Section 4's captions (see :class:`DraftCaptions`)."""
    on = words.date_text(reading_date(as_of))
    return DraftCaptions(
        coverage=(f"Cambodian instruments in force or in draft on {on} against the Convention's benchmark articles, "
                  f"by the codebook's coverage levels: offence articles by the Convention's mandatory elements, "
                  f"procedural articles by the safeguards Article 15 names, from any source; a blank cell is not "
                  f"coded, which is not a finding that the instrument lacks a counterpart."),
        coverage_table=(f"Coverage of the Convention's benchmark articles in words: one row per Cambodian instrument in "
                        f"force or in draft on {on}, one column per article."),
        art23=("Draft Article 23 (illegal interception) against Convention Article 3, element by element: a mandatory "
               "element missing is a shortfall; an option not used leaves the offence broader, and is no shortfall."),
        offences=(f"The offence articles of the draft the paper examines, as our data hold them on {on}: qualifiers as "
                  f"the text read states them, penalties as their sources give them."),
        qualifiers=(f"Offence provisions per Cambodian instrument on {on} that require each qualifier, are known to lack "
                    f"it, or whose text does not show it (intent with the Criminal Code's Article 5 applied to the "
                    f"Code's own offences)."),
    )
