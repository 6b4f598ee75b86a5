"""The paper's figures: one function per figure, a frame in, SVG and PNG out (see research.nb.style)."""

# Each draw_* function returns the matplotlib figure (tested on small frames); the function of the same name
# without the prefix draws it and saves it under its label.


from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from research.nb.style import PALETTE, STYLE, empty, save

COVERAGE_COLOURS = {"covered": "#2e7d32", "covered without qualifiers": "#f9a825", "not covered": "#e0e0e0"}


def draw_incidents_by_year(table: pd.DataFrame, undated: int):
    """Stacked bars of incidents per year by actor type (``table`` from ``analysis.incidents.incidents_by_year``)."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.5, 3.6))
        if table.empty or table.to_numpy().sum() == 0:
            empty(ax, "no dated incidents")
        else:
            bottom = np.zeros(len(table))
            for i, actor in enumerate(table.columns):
                values = table[actor].to_numpy()
                ax.bar(table.index, values, bottom=bottom, color=PALETTE[i % len(PALETTE)], label=actor.replace("_", " "))
                bottom += values
            ax.set_xlabel("year")
            ax.set_ylabel("incidents")
            ax.yaxis.get_major_locator().set_params(integer=True)
            ax.legend(loc="upper left", ncols=2, fontsize=8)
            if undated:
                ax.annotate(f"+ {undated} undated", xy=(1, 1), xycoords="axes fraction", ha="right", va="top", fontsize=8)
    return fig


def incidents_by_year(table: pd.DataFrame, undated: int, output_dir, caption: str, alt: str):
    """Draw :func:`draw_incidents_by_year` and save it as ``fig-incidents-by-year``; return it for display."""
    return save(draw_incidents_by_year(table, undated), "fig-incidents-by-year", output_dir, caption, alt)


def draw_actor_impact(table: pd.DataFrame):
    """Heat map of actor type against confidentiality / integrity / availability (counts in the cells)."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(5.5, 0.45 * max(len(table), 2) + 1.2))
        if table.empty:
            empty(ax, "no coded impacts")
        else:
            data = table.to_numpy()
            ax.imshow(data, cmap="Blues", aspect="auto", vmin=0)
            ax.set_xticks(range(len(table.columns)), [c for c in table.columns])
            ax.set_yticks(range(len(table.index)), [i.replace("_", " ") for i in table.index])
            for (r, c), value in np.ndenumerate(data):
                ax.text(c, r, str(value), ha="center", va="center", color="white" if value > data.max() / 2 else "black")
            ax.spines[:].set_visible(False)
            ax.tick_params(length=0)
    return fig


def actor_impact(table: pd.DataFrame, output_dir, caption: str, alt: str):
    """Draw :func:`draw_actor_impact` and save it as ``fig-actor-impact``; return it for display."""
    return save(draw_actor_impact(table), "fig-actor-impact", output_dir, caption, alt)


def draw_coverage(matrix: pd.DataFrame):
    """Instrument-by-article matrix coloured covered / covered without qualifiers / not covered."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(8, 0.5 * max(len(matrix), 2) + 1.4))
        coverage_axes(ax, matrix, "no instruments")
    return fig


def coverage(matrix: pd.DataFrame, output_dir, caption: str, alt: str):
    """Draw :func:`draw_coverage` and save it as ``fig-coverage``; return it for display."""
    return save(draw_coverage(matrix), "fig-coverage", output_dir, caption, alt)


def coverage_axes(ax, matrix: pd.DataFrame, empty_message: str) -> None:
    """Draw a coverage matrix (rows by Convention articles, cells one of the coverage levels) on ``ax``."""
    levels = list(COVERAGE_COLOURS)
    if matrix.empty:
        empty(ax, empty_message)
    else:
        codes = matrix.map(levels.index).to_numpy()
        cmap = matplotlib.colors.ListedColormap([COVERAGE_COLOURS[level] for level in levels])
        ax.imshow(codes, cmap=cmap, vmin=-0.5, vmax=len(levels) - 0.5, aspect="auto")
        ax.set_xticks(range(len(matrix.columns)), [f"Art. {a}" for a in matrix.columns], rotation=90)
        ax.set_yticks(range(len(matrix.index)), list(matrix.index))
        ax.set_xticks(np.arange(-0.5, len(matrix.columns)), minor=True)
        ax.set_yticks(np.arange(-0.5, len(matrix.index)), minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        ax.tick_params(which="both", length=0)
        ax.spines[:].set_visible(False)
        handles = [matplotlib.patches.Patch(color=COVERAGE_COLOURS[level], label=level) for level in levels]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.35), ncols=3, fontsize=8)


def draw_qualifier_gaps(table: pd.DataFrame):
    """Grouped horizontal bars: per instrument, the shares of offence provisions lacking each qualifier."""
    columns = {"silent_on_intent": "silent on intent", "silent_on_without_right": 'silent on "without right"',
               "vague_terms": "relies on undefined broad terms"}
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7, 0.8 * max(len(table), 1) + 1.2))
        if table.empty:
            empty(ax, "no offence provisions")
        else:
            y = np.arange(len(table))
            height = 0.8 / len(columns)
            for i, (col, name) in enumerate(columns.items()):
                values = table[col].astype(float).fillna(0).to_numpy() * 100
                ax.barh(y + (i - 1) * height, values, height=height, color=PALETTE[i], label=name)
            for i, row in enumerate(table.itertuples()):
                if all(pd.isna(getattr(row, col)) for col in columns):
                    ax.text(1, i, "qualifiers not known (text not available)", va="center", fontsize=8, color="#555555")
            ax.set_yticks(y, [f"{idx} (n={n})" for idx, n in zip(table.index, table["n_offences"])])
            ax.invert_yaxis()
            ax.set_xlim(0, 100)
            ax.set_xlabel("share of offence provisions (%)")
            ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, fontsize=8)
    return fig


def qualifier_gaps(table: pd.DataFrame, output_dir, caption: str, alt: str):
    """Draw :func:`draw_qualifier_gaps` and save it as ``fig-qualifier-gaps``; return it for display."""
    return save(draw_qualifier_gaps(table), "fig-qualifier-gaps", output_dir, caption, alt)


def draw_penalties(table: pd.DataFrame):
    """Two panels: imprisonment range (years) and fine range (US dollars, log scale) per offence provision."""
    with plt.rc_context(STYLE):
        fig, (left, right) = plt.subplots(1, 2, figsize=(8.5, 0.38 * max(len(table), 2) + 1.4), sharey=True)
        if table.empty:
            empty(left, "no penalties coded")
            right.set_axis_off()
        else:
            labels = [f"{r.instrument} art. {r.article}" if pd.notna(r.article) and str(r.article) else str(r.instrument)
                      for r in table.itertuples()]
            y = np.arange(len(table))
            categories = list(dict.fromkeys(table["category"]))
            colours = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(categories)}
            for i, row in enumerate(table.itertuples()):
                colour = colours[row.category]
                _range(left, i, row.prison_min_years, row.prison_max_years, colour, floor=0.0)
                _range(right, i, row.fine_min_usd, row.fine_max_usd, colour, floor=None)
            left.set_yticks(y, labels)
            left.invert_yaxis()
            left.set_xlabel("imprisonment (years)")
            left.set_xlim(left=0)
            right.set_xscale("log")
            right.set_xlabel("fine (US dollars, log scale)")
            handles = [matplotlib.lines.Line2D([], [], color=colours[c], linewidth=6, label=c.replace("_", " ")) for c in categories]
            right.legend(handles=handles, loc="lower right", fontsize=8)
    return fig


def penalties(table: pd.DataFrame, output_dir, caption: str, alt: str):
    """Draw :func:`draw_penalties` and save it as ``fig-penalties``; return it for display."""
    return save(draw_penalties(table), "fig-penalties", output_dir, caption, alt)


def _range(ax, y: int, low, high, colour: str, floor) -> None:
    """A bar from ``low`` to ``high``; an unknown minimum ("up to ...") is drawn as a thin dashed line instead."""
    if pd.isna(high):
        return
    if pd.notna(low):
        ax.plot([low, high], [y, y], color=colour, linewidth=6, solid_capstyle="butt")
        ax.plot([low, high], [y, y], "|", color="black", markersize=8)
        return
    start = floor if floor is not None else high / 10
    ax.plot([start, high], [y, y], color=colour, linewidth=2, linestyle="--")
    ax.plot([high], [y], "|", color="black", markersize=8)


_MARKERS = {"cert_established": "o", "cybercrime_law": "s", "cybersecurity_law": "D", "strategy": "^", "budapest_in_force": "*"}


def timeline_axes(ax, events: pd.DataFrame, iso3s: list[str], names: dict, markers: dict, legend_below: float,
                  legend_columns: int, min_span: int | None = None) -> None:
    """Draw a timeline on ``ax``: one row per country (``iso3s``, labelled by ``names``), a marker per event.

    ``events`` come from ``analysis.countries.timeline_events``; ``markers`` map each indicator drawn to its marker.
    With ``min_span`` (the profiles), the years shown span at least that many, each row keeps its band and a
    country without events says so; without it (the paper), the axes fit the events.
    """
    rows = {code: i for i, code in enumerate(iso3s)}
    for i, (indicator, marker) in enumerate(markers.items()):
        sub = events[events["indicator"] == indicator]
        if not sub.empty:
            ax.scatter(sub["year"], sub["iso3"].map(rows), marker=marker, s=110 if marker == "*" else 60,
                       color=PALETTE[i % len(PALETTE)], label=indicator.replace("_", " "), zorder=3)
    if min_span is not None:
        low, high = int(events["year"].min()), int(events["year"].max())
        ax.set_xlim(min(low, high - min_span) - 1, high + 1)
        for code in iso3s:
            if code not in set(events["iso3"]):
                ax.text(0.5, rows[code], "no dated events recorded", transform=ax.get_yaxis_transform(),
                        ha="center", va="center", color="#555555")
    ax.set_yticks(range(len(iso3s)), [names.get(c, c) for c in iso3s])
    if min_span is None:
        ax.invert_yaxis()
    else:
        ax.set_ylim(len(iso3s) - 0.5, -0.5)
    ax.grid(axis="x", color="#dddddd", zorder=0)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("year")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, legend_below), ncols=legend_columns, fontsize=8)


def draw_timeline(events: pd.DataFrame, countries: list[str]):
    """One row per country, a marker per dated institutional event (CERT, laws, strategy, Convention in force)."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(8, 0.45 * max(len(countries), 2) + 1.4))
        if events.empty:
            empty(ax, "no dated events")
        else:
            # a country without events is labelled by its code, as the events name only those they hold
            names = dict(zip(events["iso3"], events["name"]))
            timeline_axes(ax, events, countries, names, _MARKERS, legend_below=-0.2, legend_columns=5)
    return fig


def timeline(events: pd.DataFrame, countries: list[str], output_dir, caption: str, alt: str):
    """Draw :func:`draw_timeline` and save it as ``fig-timeline``; return it for display."""
    return save(draw_timeline(events, countries), "fig-timeline", output_dir, caption, alt)


def draw_parties(frame: pd.DataFrame, marker_year: float | None):
    """Step line of the number of Parties to the Convention over time, with the paper's date marked."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7, 3.2))
        if frame.empty:
            empty(ax, "no counts recorded")
        else:
            ax.step(frame["year"], frame["parties"], where="post", color=PALETTE[0])
            ax.plot(frame["year"], frame["parties"], "o", color=PALETTE[0], markersize=4)
            if marker_year is not None:
                ax.axvline(marker_year, color=PALETTE[1], linestyle="--", linewidth=1)
                ax.annotate("the paper (March 2019)", xy=(marker_year, ax.get_ylim()[0]), xytext=(4, 6),
                            textcoords="offset points", color=PALETTE[1], fontsize=8)
            ax.set_xlabel("year")
            ax.set_ylabel("Parties to ETS 185")
            ax.set_ylim(bottom=0)
    return fig


def parties(frame: pd.DataFrame, marker_year: float | None, output_dir, caption: str, alt: str):
    """Draw :func:`draw_parties` and save it as ``fig-parties``; return it for display."""
    return save(draw_parties(frame, marker_year), "fig-parties", output_dir, caption, alt)
