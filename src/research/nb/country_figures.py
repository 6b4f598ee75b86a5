"""The figures about countries: the institutional timeline, Parties over time, and the regional comparison."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from research.data.labels import label
from research.nb.plaintext import plain, plain_all
from research.nb.style import PALETTE, STYLE, empty, save

# every event kind the timeline shows, with its marker; labels come from datapackage.json (x-labels)
_MARKERS = {"cert_established": "o", "cybercrime_law": "s", "cybersecurity_law": "D", "strategy": "^",
            "budapest_signature": "v", "budapest_ratification": "P", "budapest_acceptance": "p",
            "budapest_approval": "h", "budapest_accession": "X", "budapest_in_force": "*"}


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
                       color=PALETTE[i % len(PALETTE)], label=label("country_facts", "indicator", indicator), zorder=3)
    if min_span is not None:
        low, high = int(events["year"].min()), int(events["year"].max())
        ax.set_xlim(min(low, high - min_span) - 1, high + 1)
        for code in iso3s:
            if code not in set(events["iso3"]):
                ax.text(0.5, rows[code], "no dated events recorded", transform=ax.get_yaxis_transform(),
                        ha="center", va="center", color="#555555")
    ax.set_yticks(range(len(iso3s)), plain_all(names.get(c, c) for c in iso3s))
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
            shown = {k: m for k, m in _MARKERS.items() if k in set(events["indicator"])}  # the legend: only what is drawn
            timeline_axes(ax, events, countries, names, shown, legend_below=-0.2, legend_columns=3)
    return fig


def timeline(events: pd.DataFrame, countries: list[str], output_dir, caption: str):
    """Draw :func:`draw_timeline`, alt text from ``events``, and save it as ``fig-timeline``."""
    alt = (f"Timeline of {len(events)} dated events for {len(countries)} countries, from {events['year'].min()} to "
           f"{events['year'].max()}." if len(events) else "Timeline with no dated event.")
    data = events[[c for c in ("name", "iso3", "indicator", "year", "label") if c in events.columns]]
    return save(draw_timeline(events, countries), "fig-timeline", output_dir, caption, alt, data=data)


def draw_parties(frame: pd.DataFrame, marker_year: float | None, marker_label: str = "the paper (March 2019)"):
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
                ax.annotate(plain(marker_label), xy=(marker_year, ax.get_ylim()[0]), xytext=(4, 6),
                            textcoords="offset points", color=PALETTE[1], fontsize=8)
            ax.set_xlabel("year")
            ax.set_ylabel("Parties to ETS 185")
            ax.set_ylim(bottom=0)
    return fig


def parties(frame: pd.DataFrame, marker_year: float | None, output_dir, caption: str):
    """Draw :func:`draw_parties`, alt text from ``frame``, and save it as ``fig-parties``."""
    alt = (f"Step chart of {len(frame)} dated counts of Parties, from {int(frame['parties'].iloc[0])} in "
           f"{int(frame['year'].iloc[0])} to {int(frame['parties'].iloc[-1])} in {int(frame['year'].iloc[-1])}."
           if len(frame) else "No count of Parties to draw.")
    return save(draw_parties(frame, marker_year), "fig-parties", output_dir, caption, alt, data=frame)
