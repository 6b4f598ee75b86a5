"""The paper's draft cybercrime law: which instrument it is, and its Article 23 the paper sets against Art. 3."""

from __future__ import annotations

import pandas as pd

PAPER_DRAFT = "Draft Law on Cybercrime V.1"  # the draft the paper examines
DRAFT_ARTICLE, CONVENTION_ARTICLE = "23", 3  # the paper's sharpest example: draft Art. 23 against Convention Art. 3


def draft_row(provisions: pd.DataFrame, draft: str, article: str):
    """The provisions row of one article of one draft, or ``None`` when the data hold none."""
    rows = provisions[(provisions["instrument"].astype(str) == draft) & (provisions["article"].astype(str) == article)]
    return rows.iloc[0] if len(rows) else None
