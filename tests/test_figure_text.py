"""Values that reach matplotlib (a country's name, an edition) are drawn as text: a "$...$" in them is never parsed as
mathtext, which would fail with an error naming no data file or draw something the data do not say."""

from __future__ import annotations

import io

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from research.nb import profile_figures

NAME = r"$\frac{$ Cambodia $x^2$"  # not valid mathtext: parsing it raises


def _history() -> pd.DataFrame:
    return pd.DataFrame({"scale": ["0-1", "0-1"], "year": [2017, 2017], "edition": [r"$\alpha$ 2017", "2018"],
                         "iso3": ["KHM", "VNM"], "score": [0.2, 0.3]})


def test_the_control_matplotlib_alone_parses_the_name_as_math():
    fig, ax = plt.subplots()
    ax.set_title(NAME)
    with pytest.raises(ValueError):
        fig.savefig(io.BytesIO(), format="svg")
    plt.close(fig)


def test_a_dollar_in_a_countrys_name_is_drawn_as_text(tmp_path):
    profile_figures.gci(_history(), ["KHM", "VNM"], {"KHM": NAME, "VNM": "Viet $a$ Nam"}, tmp_path, "GCI scores",
                        "Scores 0.2 and 0.3")
    svg = next((tmp_path / "figures").glob("*.svg"))
    assert svg.stat().st_size > 0  # drawn; with the names parsed as math, gci raises like the control
