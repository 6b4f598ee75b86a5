"""The paper's draft cybercrime law: its Article 23 against the Convention's Article 3, element by element."""

from __future__ import annotations

import pandas as pd

from research.analysis import elements as el
from research.analysis.basis import traced, with_rows
from research.data.labels import label

PAPER_DRAFT = "Draft Law on Cybercrime V.1"  # the draft the paper examines
DRAFT_ARTICLE, CONVENTION_ARTICLE = "23", 3  # the paper's sharpest example: draft Art. 23 against Convention Art. 3


def _draft_row(provisions: pd.DataFrame, draft: str, article: str):
    rows = provisions[(provisions["instrument"].astype(str) == draft) & (provisions["article"].astype(str) == article)]
    return rows.iloc[0] if len(rows) else None


@traced
def draft_article_comparison(tables: dict, draft: str = PAPER_DRAFT, article: str = DRAFT_ARTICLE,
                             against: int = CONVENTION_ARTICLE) -> pd.DataFrame:
    """One draft article against one Convention article, element by element, as the report's table.

    Columns: ``element`` (the Convention's element), ``requirement`` (in words), ``the Convention's words``,
    ``the draft`` (what the draft is known to say), ``assessment``. When the data hold no such article, one row says
    so, so that the table (and the report's reference to it) exists for any valid data. Each row is traced to the
    element and the cell that decides it (:func:`research.analysis.elements.element_rows`).
    """
    row = _draft_row(tables["provisions"], draft, article)
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


