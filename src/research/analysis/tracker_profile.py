"""A country profile's paragraph on an imported law tracker: its status per area, and our coding beside it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import tracker
from research.data.labels import label


@dataclass(frozen=True)
class TrackerSection:
    """The tracker's statuses for one country, and whether our coding agrees for cybercrime; empty without one."""

    unctad_cybercrime: str  # the index's column: "legislation", "a draft", "no legislation" or ""
    tracker_sentence: str
    tracker_agreement_sentence: str


def known_by(law_status: pd.DataFrame, as_of: str) -> pd.DataFrame:
    """The tracker's rows dated on or before ``as_of`` (a profile describes nothing later)."""
    return law_status[law_status["date"].astype(str) <= as_of]


def tracker_section(tables: dict, iso3: str, name: str, as_of: str) -> TrackerSection:
    """What the latest release known on ``as_of`` records for ``iso3``, and our coding's status beside it."""
    known = known_by(tables["law_status"], as_of)
    mine = known[known["iso3"].astype(str) == iso3]
    if mine.empty:
        return TrackerSection("", "", "")
    areas = [tracker.latest(mine, area) for area in dict.fromkeys(mine["area"].astype(str))]
    parts = []
    for row in pd.concat(areas).itertuples():
        titles = "" if pd.isna(row.instruments) else "; ".join(
            f"\u201c{t.strip().rstrip('.')}\u201d" for t in str(row.instruments).split(" | "))
        parts.append(f"{label('law_status', 'area', row.area)}, {tracker.STATUS_TEXT[row.status]}"
                     + (f" ({titles})" if titles else ""))
    cyber = tracker.latest(mine)
    status = tracker.STATUS_TEXT[cyber["status"].iloc[0]] if len(cyber) else ""
    sentence = (f"{tracker.release_text(mine)} records for {name}: " + "; ".join(parts) + " (titles as "
                "the tracker gives them). The tracker grants no licence for its data, which stay in the user's own "
                "data folder.")
    agreement = tracker.agreement_table({**tables, "law_status": cyber})
    if agreement.empty:
        said = (f"Our coded provisions say nothing of {name}'s cybercrime law, so the tracker's status is not "
                "checked against them." if len(cyber) else "")
        return TrackerSection(status, sentence, said)
    row = agreement.iloc[0]
    ours = row["our in-force law (Arts 2-6)"] or row["our drafts"]
    said = (f"On the same date our coded provisions say {row['our status']}" + (f" ({ours})" if ours else "")
            + f"; dates: {row['our dates']}. "
            + ("This agrees with UNCTAD." if row["status agrees"] == "yes" else
               f"This disagrees with UNCTAD's status ({row['UNCTAD status']}); the disagreement is reported, not "
               "resolved.")
            + ("" if row["instruments named alike"] == "yes" else
               " The instruments UNCTAD links share no distinctive word of their names with those we code."))
    return TrackerSection(status, sentence, said)

