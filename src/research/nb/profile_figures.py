"""Figures of a country profile, named by content and country (``profile-KHM-timeline``), drawn like the paper's."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from research.analysis.profiles import ORIGIN, PROFILE_INDICATORS, VICTIM, check_iso3
from research.nb.country_figures import timeline_axes
from research.nb.figures import coverage_axes
from research.nb.plaintext import plain, plain_all
from research.nb.style import PALETTE, PROFILE_FORMATS, STYLE, empty, save

MARKERS = dict(zip(PROFILE_INDICATORS, ["o", "s", "D", "P", "^", "v", "X", "p", "h", "d", "*"], strict=True))


def label(iso3: str, content: str) -> str:
    """The file and cross-reference name of one profile figure or table, e.g. ``profile-KHM-timeline``."""
    return f"profile-{check_iso3(iso3)}-{content}"


def timeline(events: pd.DataFrame, iso3s: list[str], names: dict, output_dir, caption: str, alt: str):
    """One row per country, one marker per dated event (``events`` from ``countries.timeline_events``)."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.5, 0.5 * len(iso3s) + 1.6))
        if events.empty:
            empty(ax, "no dated institutional events recorded")
        else:
            timeline_axes(ax, events, iso3s, names, MARKERS, legend_below=-0.3, legend_columns=4, min_span=8)
    return save(fig, label(iso3s[0], "timeline"), output_dir, caption, alt, PROFILE_FORMATS)


def gci(history: pd.DataFrame, iso3s: list[str], names: dict, output_dir, caption: str, alt: str):
    """Grouped bars of index scores by edition, one panel per scale (``history`` from ``profiles.gci_history``)."""
    scales = [s for s in ("0-1", "0-100") if s in set(history["scale"])]
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, max(len(scales), 1), figsize=(7.5, 3.0), squeeze=False)
        if history.empty:
            empty(axes[0][0], "no index scores recorded")
        for ax, scale in zip(axes[0], scales):
            sub = history[history["scale"] == scale]
            editions = list(dict.fromkeys(sub.sort_values("year", kind="stable")["edition"]))
            width = 0.8 / len(iso3s)
            for i, code in enumerate(iso3s):
                mine = sub[sub["iso3"] == code].set_index("edition")["score"].reindex(editions)
                x = np.arange(len(editions)) + (i - (len(iso3s) - 1) / 2) * width
                ax.bar(x, mine.fillna(0).to_numpy(), width=width, color=PALETTE[i], label=plain(names.get(code, code)))
            ax.set_xticks(range(len(editions)), plain_all(editions))
            ax.set_ylim(0, 1 if scale == "0-1" else 100)
            ax.set_ylabel(f"score ({scale})")
        if not history.empty:
            handles, labels = axes[0][0].get_legend_handles_labels()
            fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=len(iso3s), fontsize=8)
    return save(fig, label(iso3s[0], "gci"), output_dir, caption, alt, PROFILE_FORMATS)


def coverage(matrix: pd.DataFrame, iso3: str, output_dir, caption: str, alt: str):
    """Instruments (rows ``ISO3: instrument``) against benchmark articles, coloured by coverage level."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(8, 0.42 * max(len(matrix), 2) + 1.4))
        coverage_axes(ax, matrix, "no provisions coded")
    return save(fig, label(iso3, "coverage"), output_dir, caption, alt, PROFILE_FORMATS)


def incidents(tables: dict[str, pd.DataFrame], names: dict, output_dir, caption: str, alt: str):
    """One panel per country: dated incidents per year as victim and as attributed origin.

    ``tables`` maps ISO3 codes, the profiled country first, to frames from ``profiles.incidents_by_role``.
    """
    codes = list(tables)
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, len(codes), figsize=(7.5, 2.8), squeeze=False, sharey=True)
        for ax, code in zip(axes[0], codes):
            table = tables[code]
            ax.set_title(plain(names.get(code, code)))
            if table.empty:
                empty(ax, "no dated incidents")
                continue
            width = 0.4
            for i, role in enumerate((VICTIM, ORIGIN)):
                ax.bar(table.index + (i - 0.5) * width, table[role].to_numpy(), width=width, color=PALETTE[i],
                       label=f"as {role}")
            low, high = int(table.index.min()), int(table.index.max())
            ax.set_xlim(min(low, high - 4) - 1, high + 1)
            ax.xaxis.get_major_locator().set_params(integer=True)
            ax.yaxis.get_major_locator().set_params(integer=True)
            ax.set_xlabel("year")
        handles, labels = next((a.get_legend_handles_labels() for a in axes[0] if a.get_legend_handles_labels()[0]),
                               ([], []))
        if handles:
            fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, fontsize=8)
        axes[0][0].set_ylabel("incidents")
    return save(fig, label(codes[0], "incidents"), output_dir, caption, alt, PROFILE_FORMATS)
