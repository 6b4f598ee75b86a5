"""The world in an imported law tracker's terms: its figure (with the data table beside it) and its section parts."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from research.analysis import tracker
from research.nb.glue import glue_all, glue_sentence
from research.nb.style import STYLE, save
from research.nb.tables import save_table
from research.sections import tracker_words

STATUS_COLOURS = {"legislation": "#2e7d32", "draft": "#f9a825", "none": "#9e9e9e"}
WORLD_LABEL = "fig-world-cybercrime-law"
AGREEMENT_LABEL = "tbl-tracker-agreement"


def draw_world(counts: pd.DataFrame):
    """Horizontal stacked bars: per group, the countries with cybercrime legislation, a draft or none."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.5, 0.35 * len(counts) + 1.2))
        left = np.zeros(len(counts))
        y = np.arange(len(counts))[::-1]
        for status in tracker.STATUSES:
            values = counts[status].to_numpy()
            ax.barh(y, values, left=left, color=STATUS_COLOURS[status], label=tracker.STATUS_TEXT[status],
                    edgecolor="white", linewidth=0.5)
            left += values
        ax.set_yticks(y, [f"{g} ({n})" for g, n in zip(counts.index, counts["countries"])])
        ax.set_xlabel("countries")
        ax.legend(loc="lower right", fontsize=8)
    return fig


def world_figure(counts: pd.DataFrame, output_dir, caption: str):
    """Draw :func:`draw_world` as ``fig-world-cybercrime-law``, its data in ``tables/`` as every figure's."""
    return save(draw_world(counts), WORLD_LABEL, output_dir, caption, tracker_words.world_alt(counts),
                data=counts.reset_index())


def agreement_part(tables: dict, output_dir) -> None:
    """Record the agreement paragraph, and save the agreement table when a tracker is imported and compared.

    Without imported rows the paragraph is empty (no value recorded with it) and no table is written, so the
    section reads as before.
    """
    part = tracker_words.agreement_part(tables)
    if part.tracker_agreement_paragraph:
        glue_all(part)  # the paragraph, with the numbers it shows as values of their own
    else:
        glue_sentence("tracker_agreement_paragraph", "", function="research.sections.tracker_words.agreement_paragraph")
    agreement = tracker_words.agreement_shown(tables)
    if not agreement.empty:
        save_table(agreement, AGREEMENT_LABEL, output_dir, caption=tracker_words.agreement_caption(tables["law_status"]),
                   cite_columns=["sources"])


def world_part(tables: dict, output_dir) -> None:
    """Record the world paragraph, and draw the world figure (its data beside it) when a tracker is imported."""
    part = tracker_words.world_part(tables["law_status"])
    if part.tracker_world_paragraph:
        glue_all(part)  # the paragraph, with the numbers it shows as values of their own
    else:
        glue_sentence("tracker_world_paragraph", "", function="research.sections.tracker_words.world_paragraph")
    counts = tracker.world_counts(tables["law_status"])
    if not counts.empty:
        world_figure(counts, output_dir, caption=tracker_words.world_caption(tables["law_status"]))
