"""The paper's figures: one function per figure, a frame in, SVG and PNG out (see research.nb.style)."""

# Each draw_* function returns the matplotlib figure (tested on small frames); the function of the same name
# without the prefix draws it and saves it under its label.


from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from research.analysis import levels as lv
from research.analysis.incidents import BY_PAPER, LATER
from research.data.labels import label
from research.nb.plaintext import plain, plain_all
from research.nb.style import PALETTE, STYLE, empty, save
from research.sections import figure_words as words

# The codebook's coverage levels (research.analysis.levels), best first: green only for what is shown to meet, blues
# for what is unknown, orange for narrower; colours a reader without colour vision can
# tell apart by lightness, and a letter in every cell that does not depend on colour at all.
COVERAGE_COLOURS = {
    lv.MEETS: "#1b7837",
    lv.NOT_SHOWN: "#9ecae1",
    lv.NAMED_ONLY: "#deebf7",
    lv.NARROWER: "#c2410c",
    lv.NO_COUNTERPART: "#4d4d4d",
    lv.NOT_CODED: "#ffffff",
}
COVERAGE_LETTERS = {lv.MEETS: "M", lv.NOT_SHOWN: "?", lv.NAMED_ONLY: "h", lv.NARROWER: "N", lv.NO_COUNTERPART: "0",
                    lv.NOT_CODED: ""}



def _actor(code) -> str:
    return label("incidents", "actor_type", code)


def draw_incidents_by_year(table: pd.DataFrame, undated: int):
    """Stacked bars of incidents per year by actor type; those reported after the paper's date hatched
    (``table`` from ``analysis.incidents.incidents_by_year``)."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.5, 3.8))
        if table.empty or table.to_numpy().sum() == 0:
            empty(ax, "no dated incidents")
        else:
            bottom = np.zeros(len(table))
            actors = list(dict.fromkeys(table.columns.get_level_values("actor_type")))
            for period, hatch in ((BY_PAPER, None), (LATER, "///")):
                for i, actor in enumerate(actors):
                    values = table[(period, actor)].to_numpy()
                    if values.sum():
                        ax.bar(table.index, values, bottom=bottom, color=PALETTE[i % len(PALETTE)], hatch=hatch,
                               edgecolor="white", linewidth=0.5, label=plain(_actor(actor)) if period == BY_PAPER else None)
                    bottom += values
            if table[LATER].to_numpy().sum():  # the legend describes only what is drawn
                ax.bar([], [], color="white", edgecolor="#555555", hatch="///", label=words.LATER_LEGEND)
            ax.set_xlabel("year")
            ax.set_ylabel("incidents and campaigns")
            ax.yaxis.get_major_locator().set_params(integer=True)
            ax.xaxis.get_major_locator().set_params(integer=True)
            # legend above the bars and the undated count under the axis: neither may sit on the data
            ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, fontsize=8)
            if undated:
                ax.annotate(f"+ {undated} undated", xy=(1, -0.16), xycoords="axes fraction", ha="right", va="top",
                            fontsize=8)
    return fig


def incidents_by_year(table: pd.DataFrame, undated: int, output_dir, caption: str, place: str):
    """Draw :func:`draw_incidents_by_year`, with alt text computed from ``table`` (the incidents against ``place``),
    and save it as ``fig-incidents-by-year``."""
    data = table.copy()
    data.columns = [f"{period}: {_actor(actor)}" for period, actor in data.columns]
    return save(draw_incidents_by_year(table, undated), "fig-incidents-by-year", output_dir, caption,
                words.incidents_alt(table, undated, place),
                data=data.rename_axis("year").reset_index())


def draw_actor_impact(table: pd.DataFrame):
    """Heat map of actor type against confidentiality / integrity / availability (counts in the cells)."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(5.8, 0.45 * max(len(table), 2) + 1.2))
        if table.empty:
            empty(ax, "no coded impacts")
        else:
            data = table.to_numpy()
            ax.imshow(data, cmap="Blues", aspect="auto", vmin=0)
            ax.set_xticks(range(len(table.columns)), plain_all(table.columns))
            ax.set_yticks(range(len(table.index)), plain_all(_actor(i) for i in table.index))
            for (r, c), value in np.ndenumerate(data):
                ax.text(c, r, str(value), ha="center", va="center", color="white" if value > data.max() / 2 else "black")
            ax.spines[:].set_visible(False)
            ax.tick_params(length=0)
    return fig


def actor_impact(table: pd.DataFrame, output_dir, caption: str):
    """Draw :func:`draw_actor_impact`, alt text from ``table``, and save it as ``fig-actor-impact``."""
    data = table.rename(index=_actor).rename_axis("actor type").reset_index()
    return save(draw_actor_impact(table), "fig-actor-impact", output_dir, caption, words.actor_impact_alt(table),
                data=data)


def draw_coverage(matrix: pd.DataFrame):
    """Instrument-by-article matrix coloured by coverage level."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(8.5, 0.5 * max(len(matrix), 2) + 1.8))
        coverage_axes(ax, matrix, "no instruments")
    return fig


def coverage_data(matrix: pd.DataFrame) -> pd.DataFrame:
    """The data of a coverage grid as a long table: one row per row of the grid and article, its level, whether a
    provision is broader than the Convention, and the provisions the cell stands on."""
    broader = matrix.attrs.get("broader", set())
    cells = matrix.attrs.get("cells", {})
    return pd.DataFrame([{"row": str(i), "article": int(a), "level": matrix.at[i, a],
                          "broader than the Convention": "yes" if (i, a) in broader else "",
                          "provisions": "; ".join(cells.get(i, {}).get(a, []))}
                         for i in matrix.index for a in matrix.columns],
                        columns=["row", "article", "level", "broader than the Convention", "provisions"])


def coverage(matrix: pd.DataFrame, output_dir, caption: str, label_name: str = "fig-coverage"):
    """Draw :func:`draw_coverage`, alt text from ``matrix``, and save it under ``label_name`` with its data
    (:func:`coverage_data`) as ``tables/<label_name>.csv``."""
    return save(draw_coverage(matrix), label_name, output_dir, caption, words.coverage_alt(matrix, COVERAGE_COLOURS),
                data=coverage_data(matrix))


def coverage_axes(ax, matrix: pd.DataFrame, empty_message: str) -> None:
    """Draw a coverage matrix (rows by Convention articles, cells one of the coverage levels) on ``ax``."""
    levels = list(COVERAGE_COLOURS)
    if matrix.empty:
        empty(ax, empty_message)
    else:
        codes = matrix.map(levels.index).to_numpy()
        cmap = matplotlib.colors.ListedColormap([COVERAGE_COLOURS[level] for level in levels])
        ax.imshow(codes, cmap=cmap, vmin=-0.5, vmax=len(levels) - 0.5, aspect="auto")
        broader = matrix.attrs.get("broader", set())
        for (r, c), code in np.ndenumerate(codes):
            level = levels[code]
            mark = COVERAGE_LETTERS[level] + ("+" if (matrix.index[r], matrix.columns[c]) in broader else "")
            dark = level in (lv.MEETS, lv.NARROWER, lv.NO_COUNTERPART)
            ax.text(c, r, mark, ha="center", va="center", fontsize=8, color="white" if dark else "black")
        ax.set_xticks(range(len(matrix.columns)), plain_all(f"Art. {a}" for a in matrix.columns), rotation=90)
        ax.set_yticks(range(len(matrix.index)), plain_all(matrix.index))
        ax.set_xticks(np.arange(-0.5, len(matrix.columns)), minor=True)
        ax.set_yticks(np.arange(-0.5, len(matrix.index)), minor=True)
        ax.grid(which="minor", color="#9e9e9e", linewidth=0.8)
        ax.tick_params(which="both", length=0)
        ax.spines[:].set_visible(False)
        shown = [level for level in levels if (matrix == level).to_numpy().any()]
        handles = [matplotlib.patches.Patch(facecolor=COVERAGE_COLOURS[level], edgecolor="#9e9e9e",
                                            label=words.LEVEL_LEGEND[level]) for level in shown]
        if broader:
            handles.append(matplotlib.patches.Patch(facecolor="none", edgecolor="none",
                                                    label=words.BROADER_LEGEND))
        ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, fontsize=8)


QUALIFIER_COLOURS = {"required": "#2e7d32", "absent": "#d1495b", "unknown": "#d9d9d9"}


def draw_qualifier_gaps(table: pd.DataFrame):
    """Per instrument and qualifier, stacked bars of offence provisions that require it, lack it, or are not known."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7.5, 0.9 * max(len(table), 1) + 1.4))
        if table.empty:
            empty(ax, "no offence provisions")
        else:
            rows, labels_ = [], []
            for instrument, row in table.iterrows():
                for q, name in words.QUALIFIER_NAMES.items():
                    rows.append([row[f"{q}_{s}"] for s in QUALIFIER_COLOURS])
                    labels_.append(f"{instrument}: {name}")
            data = np.array(rows, dtype=float)
            left = np.zeros(len(data))
            y = np.arange(len(data))
            for j, (state, colour) in enumerate(QUALIFIER_COLOURS.items()):
                ax.barh(y, data[:, j], left=left, color=colour, label=plain(words.QUALIFIER_STATE_NAMES[state]), height=0.7)
                left += data[:, j]
            ax.set_yticks(y, plain_all(labels_), fontsize=7)
            ax.invert_yaxis()
            ax.set_xlabel("offence provisions")
            ax.xaxis.get_major_locator().set_params(integer=True)
            ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, fontsize=8)
    return fig


def qualifier_gaps(table: pd.DataFrame, output_dir, caption: str):
    """Draw :func:`draw_qualifier_gaps`, alt text from ``table``, and save it as ``fig-qualifier-gaps``."""
    return save(draw_qualifier_gaps(table), "fig-qualifier-gaps", output_dir, caption, words.qualifier_gaps_alt(table),
                data=table.reset_index())


def draw_penalties(table: pd.DataFrame, colour_by: str = "status"):
    """Two panels: imprisonment range (years) and fine range (US dollars, log scale) per penalty, coloured by
    ``colour_by`` (``status``, or ``country`` for the regional comparison)."""
    with plt.rc_context(STYLE):
        fig, (left, right) = plt.subplots(1, 2, figsize=(9, 0.25 * max(len(table), 2) + 1.6), sharey=True)
        if table.empty:
            empty(left, "no penalties coded")
            right.set_axis_off()
        else:
            y = np.arange(len(table))
            statuses = list(dict.fromkeys(table[colour_by]))
            colours = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(statuses)}
            for i, row in enumerate(table.itertuples()):
                colour = colours[getattr(row, colour_by)]
                _range(left, i, row.prison_min_years, row.prison_max_years, colour, floor=0.0)
                _range(right, i, row.fine_min_usd, row.fine_max_usd, colour, floor=None)
            left.set_yticks(y, plain_all(table["label"]))
            left.invert_yaxis()
            left.set_xlabel("imprisonment (years)")
            left.set_xlim(left=0)
            right.set_xscale("log")
            right.set_xlabel("fine (US dollars, log scale)")
            names = {c: label("provisions", "status", c) if colour_by == "status" else c for c in statuses}
            handles = [matplotlib.lines.Line2D([], [], color=colours[c], linewidth=6, label=plain(names[c])) for c in statuses]
            if table["maximum_only"].any():
                handles.append(matplotlib.lines.Line2D([], [], color="#555555", linewidth=2, linestyle="--",
                                                       label="maximum only"))
            right.legend(handles=handles, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=min(len(handles), 3),
                         fontsize=8)  # above the panel, never on a range
    return fig


def penalties(table: pd.DataFrame, output_dir, caption: str, label_name: str = "fig-penalties", colour_by: str = "status"):
    """Draw :func:`draw_penalties`, alt text from ``table``, and save it under ``label_name``."""
    columns = [c for c in (colour_by, "label", "prison_min_years", "prison_max_years", "fine_min_usd", "fine_max_usd",
                           "maximum_only") if c in table.columns]
    return save(draw_penalties(table, colour_by), label_name, output_dir, caption, words.penalties_alt(table),
                data=table[list(dict.fromkeys(columns))])


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
