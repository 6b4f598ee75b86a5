"""The figure functions (research.nb.figures, research.nb.profile_figures) on small frames made here."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from research.nb import figures, profile_figures, style
from research.nb import glue as g


@pytest.fixture
def recorded(monkeypatch):
    found = []
    monkeypatch.setattr(g, "_emit", lambda kind, name, record: found.append((kind, name, record)))
    return found


def texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_incidents_by_year_stacks_one_bar_per_year_and_actor_type():
    table = pd.DataFrame({"hacktivist": [1, 0, 2], "state_sponsored": [0, 3, 1]}, index=[2010, 2011, 2012])
    fig = figures.draw_incidents_by_year(table, undated=4)
    ax = fig.axes[0]
    heights = [p.get_height() for p in ax.patches]
    bottoms = [p.get_y() for p in ax.patches]
    assert heights == [1, 0, 2, 0, 3, 1]
    assert bottoms == [0, 0, 0, 1, 0, 2]  # the second type sits on the first
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["hacktivist", "state sponsored"]
    assert "+ 4 undated" in texts(fig)
    plt.close(fig)


def test_an_empty_table_says_there_is_nothing_to_draw():
    fig = figures.draw_incidents_by_year(pd.DataFrame(index=pd.Index([], name="year")), undated=0)
    assert texts(fig) == ["no dated incidents"] and not fig.axes[0].axison
    plt.close(fig)


def test_actor_impact_writes_each_count_in_its_cell():
    table = pd.DataFrame([[2, 0, 1], [0, 5, 0]], index=["hacktivist", "insider"],
                         columns=["confidentiality", "integrity", "availability"])
    fig = figures.draw_actor_impact(table)
    assert texts(fig) == ["2", "0", "1", "0", "5", "0"]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["hacktivist", "insider"]
    plt.close(fig)


def test_coverage_colours_each_cell_by_its_level():
    matrix = pd.DataFrame([["covered", "not covered"], ["covered without qualifiers", "covered"]],
                          index=["Code", "Draft"], columns=[2, 3])
    fig = figures.draw_coverage(matrix)
    image = fig.axes[0].images[0].get_array()
    assert image.tolist() == [[0, 2], [1, 0]]  # the order of figures.COVERAGE_COLOURS
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["Art. 2", "Art. 3"]
    plt.close(fig)


def test_penalties_draw_a_bar_for_a_range_and_a_dashed_line_for_a_maximum_only():
    table = pd.DataFrame({"provision_id": ["a", "b"], "instrument": ["Code", "Law"], "article": ["1", None],
                          "category": ["cia", "content_related"], "prison_min_years": [1.0, None],
                          "prison_max_years": [3.0, 5.0], "fine_min_usd": [None, None], "fine_max_usd": [None, None]})
    fig = figures.draw_penalties(table)
    left = fig.axes[0]
    styles = [(tuple(line.get_xdata()), line.get_linestyle()) for line in left.get_lines() if line.get_linewidth() > 1]
    assert ((1.0, 3.0), "-") in styles and ((0.0, 5.0), "--") in styles
    assert [t.get_text() for t in left.get_yticklabels()] == ["Code art. 1", "Law"]
    plt.close(fig)


def test_save_writes_identical_svg_and_png_bytes_each_time_and_records_the_figure(tmp_path, recorded):
    table = pd.DataFrame({"hacktivist": [1, 2]}, index=[2010, 2011])
    figures.incidents_by_year(table, 0, tmp_path / "a", "Caption.", "Alt.")
    figures.incidents_by_year(table, 0, tmp_path / "b", "Caption.", "Alt.")
    for ext in ("svg", "png"):
        first = (tmp_path / "a" / "figures" / f"fig-incidents-by-year.{ext}").read_bytes()
        assert first == (tmp_path / "b" / "figures" / f"fig-incidents-by-year.{ext}").read_bytes()
    assert b"<dc:date>" not in (tmp_path / "a" / "figures" / "fig-incidents-by-year.svg").read_bytes()
    kind, name, record = recorded[0]
    assert (kind, name, record["caption"], record["alt"]) == ("figure", "fig-incidents-by-year", "Caption.", "Alt.")
    assert record["files"] == {"svg": "figures/fig-incidents-by-year.svg", "png": "figures/fig-incidents-by-year.png"}


def test_profile_figures_are_named_by_country_and_saved_as_svg_only(tmp_path, recorded):
    events = pd.DataFrame({"iso3": ["VNM", "KHM"], "indicator": ["strategy", "cert_established"], "year": [2015, 2007],
                           "label": ["", ""]})
    profile_figures.timeline(events, ["VNM", "KHM"], {"VNM": "Viet Nam", "KHM": "Cambodia"}, tmp_path, "C.", "A.")
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == ["profile-VNM-timeline.svg"]
    assert recorded[0][2]["files"] == {"svg": "figures/profile-VNM-timeline.svg"}
    assert style.PROFILE_FORMATS == ("svg",)
