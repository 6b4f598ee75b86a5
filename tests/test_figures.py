"""The figure functions (research.nb.figures, research.nb.profile_figures) on small frames made here."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from research.analysis import levels as lv
from research.analysis.incidents import BY_PAPER, LATER
from research.nb import figures, profile_figures, style
from research.nb import glue as g


@pytest.fixture
def recorded(monkeypatch):
    found = []
    monkeypatch.setattr(g, "_emit", lambda kind, name, record: found.append((kind, name, record)))
    return found


def texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def by_year(early: dict, later: dict, years) -> pd.DataFrame:
    """A table shaped like analysis.incidents.incidents_by_year: (period, actor type) columns."""
    columns = pd.MultiIndex.from_product([[BY_PAPER, LATER], list(early)], names=["period", "actor_type"])
    return pd.DataFrame([[*(early[a][i] for a in early), *(later[a][i] for a in later)] for i in range(len(years))],
                        index=pd.Index(years, name="year"), columns=columns)


def test_incidents_by_year_stacks_one_bar_per_year_and_actor_type_later_reports_hatched():
    table = by_year({"hacktivist": [1, 0, 2], "state_sponsored": [0, 3, 1]},
                    {"hacktivist": [0, 0, 1], "state_sponsored": [0, 0, 0]}, [2010, 2011, 2012])
    fig = figures.draw_incidents_by_year(table, undated=4)
    ax = fig.axes[0]
    bars = [(p.get_x() + p.get_width() / 2, p.get_y(), p.get_height(), p.get_hatch()) for p in ax.patches
            if p.get_height()]
    # by the paper's date: hacktivist 1 (2010), 2 (2012); state-sponsored 3 (2011), 1 on top in 2012;
    # reported later: one hacktivist in 2012 on top of the three, hatched
    assert sorted(bars) == [(2010, 0, 1, None), (2011, 0, 3, None), (2012, 0, 2, None), (2012, 2, 1, None),
                            (2012, 3, 1, "///")]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["hacktivist", "state-sponsored",
                                                                   "reported after mid-2019"]
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


def test_coverage_colours_each_cell_by_its_level_and_marks_it_in_letters():
    matrix = pd.DataFrame([[lv.MEETS, lv.NOT_CODED], [lv.NARROWER, lv.NAMED_ONLY]], index=["Code", "Draft"],
                          columns=[2, 3])
    matrix.attrs["broader"] = {("Code", 2)}
    fig = figures.draw_coverage(matrix)
    image = fig.axes[0].images[0].get_array()
    # the order of the codebook's levels as figures list them: meets, not shown, named only, narrower, none, not coded
    assert image.tolist() == [[0, 5], [3, 2]]
    # each cell carries its level's letter (not coded stays blank, drawn apart from no counterpart found); + broader
    assert [t.get_text() for t in fig.axes[0].texts] == ["M+", "", "N", "h"]
    # the legend names only the levels drawn, and the broader mark
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert [w.split("  ")[-1].split(" (")[0] for w in legend] == [
        "meets", "named only", "narrower than the Convention", "not coded", "a provision broader than the Convention"]
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["Art. 2", "Art. 3"]
    plt.close(fig)


def test_the_coverage_figure_writes_its_data_as_a_table(tmp_path):
    matrix = pd.DataFrame([[lv.MEETS, lv.NO_COUNTERPART]], index=["Japan"], columns=[2, 3])
    matrix.attrs.update(cells={"Japan": {2: ["JPN-UCAA2013-3"], 3: []}}, broader={("Japan", 2)})
    figures.coverage(matrix, tmp_path, caption="c", label_name="fig-grid")
    table = pd.read_csv(tmp_path / "tables" / "fig-grid.csv", keep_default_na=False)
    assert table.to_dict("records") == [
        {"row": "Japan", "article": 2, "level": "meets", "broader than the Convention": "yes",
         "provisions": "JPN-UCAA2013-3"},
        {"row": "Japan", "article": 3, "level": "no counterpart found", "broader than the Convention": "",
         "provisions": ""}]


def test_penalties_draw_a_bar_for_a_range_and_a_dashed_line_for_a_maximum_only():
    table = pd.DataFrame({"label": ["Code Art. 1", "Law Arts 2-3 (group range)"], "status": ["in_force", "draft"],
                          "group": [False, True], "maximum_only": [False, True], "prison_min_years": [1.0, None],
                          "prison_max_years": [3.0, 5.0], "fine_min_usd": [None, None], "fine_max_usd": [None, None]})
    fig = figures.draw_penalties(table)
    left = fig.axes[0]
    styles = [(tuple(line.get_xdata()), line.get_linestyle()) for line in left.get_lines() if line.get_linewidth() > 1]
    assert ((1.0, 3.0), "-") in styles and ((0.0, 5.0), "--") in styles
    assert [t.get_text() for t in left.get_yticklabels()] == ["Code Art. 1", "Law Arts 2-3 (group range)"]
    plt.close(fig)


def test_save_writes_identical_svg_and_png_bytes_each_time_and_records_the_figure(tmp_path, recorded):
    table = by_year({"hacktivist": [1, 2]}, {"hacktivist": [0, 1]}, [2010, 2011])
    figures.incidents_by_year(table, 0, tmp_path / "a", "Caption.", "Cambodia")
    figures.incidents_by_year(table, 0, tmp_path / "b", "Caption.", "Cambodia")
    for ext in ("svg", "png"):
        first = (tmp_path / "a" / "figures" / f"fig-incidents-by-year.{ext}").read_bytes()
        assert first == (tmp_path / "b" / "figures" / f"fig-incidents-by-year.{ext}").read_bytes()
    assert b"<dc:date>" not in (tmp_path / "a" / "figures" / "fig-incidents-by-year.svg").read_bytes()
    kind, name, record = recorded[0]
    assert (kind, name, record["caption"]) == ("figure", "fig-incidents-by-year", "Caption.")
    # the alt text is computed from the table: 4 incidents, 2010-2011, most in 2011 (3), 1 reported later
    assert record["alt"] == ("Stacked bar chart of 4 dated incidents and campaigns against Cambodia from 2010 to 2011, "
                             "most in 2011 (3); 1 of them first reported after mid-2019; 0 undated entries are not drawn.")
    assert record["files"] == {"svg": "figures/fig-incidents-by-year.svg", "png": "figures/fig-incidents-by-year.png",
                               "csv": "tables/fig-incidents-by-year.csv"}
    # the figure's data as a table: one row per year, a column per period and actor type
    data = pd.read_csv(tmp_path / "a" / "tables" / "fig-incidents-by-year.csv")
    assert data["year"].tolist() == [2010, 2011] and int(data.drop(columns="year").to_numpy().sum()) == 4


def test_profile_figures_are_named_by_country_and_saved_as_svg_only(tmp_path, recorded):
    events = pd.DataFrame({"iso3": ["VNM", "KHM"], "indicator": ["strategy", "cert_established"], "year": [2015, 2007],
                           "label": ["", ""]})
    profile_figures.timeline(events, ["VNM", "KHM"], {"VNM": "Viet Nam", "KHM": "Cambodia"}, tmp_path, "C.", "A: 2 events.")
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == ["profile-VNM-timeline.svg"]
    assert recorded[0][2]["files"] == {"svg": "figures/profile-VNM-timeline.svg"}
    assert style.PROFILE_FORMATS == ("svg",)


def test_the_world_figure_writes_its_data_table_into_tables_as_every_figure_does(tmp_path, recorded):
    from research.nb import tracker_figures

    counts = pd.DataFrame({"legislation": [3, 2], "draft": [1, 1], "none": [0, 0], "countries": [4, 3]},
                          index=pd.Index(["all countries", "Asia"], name="group"))
    tracker_figures.world_figure(counts, tmp_path, "Caption.")
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == ["fig-world-cybercrime-law.png",
                                                                        "fig-world-cybercrime-law.svg"]
    assert recorded[0][2]["files"]["csv"] == "tables/fig-world-cybercrime-law.csv"
    data = pd.read_csv(tmp_path / "tables" / "fig-world-cybercrime-law.csv")
    assert data.to_dict("list") == {"group": ["all countries", "Asia"], "legislation": [3, 2], "draft": [1, 1],
                                    "none": [0, 0], "countries": [4, 3]}
