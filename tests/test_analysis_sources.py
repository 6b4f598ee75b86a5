"""The sources table of the codebook appendix: every key a row names, once per table."""

from __future__ import annotations

import pandas as pd

from research.analysis.sources import COLUMNS, data_sources
from research.data import load


def test_each_table_lists_the_keys_its_rows_name_once_and_in_order():
    tables = {
        "provisions": pd.DataFrame({"source": ["b2019", "a2001", "b2019", None]}),
        "incidents": pd.DataFrame({"source": ["c2010"], "other_sources": ["d2011;a2001"]}),
        "not_a_table_we_describe": pd.DataFrame({"source": ["z"]}),
    }
    frame = data_sources(tables)
    assert list(frame.columns) == COLUMNS
    assert frame["table"].tolist() == ["provisions", "incidents"]  # the described order, unknown tables left out
    assert frame["rows"].tolist() == [4, 1]
    assert frame["sources"].tolist() == ["a2001;b2019", "a2001;c2010;d2011"]


def test_the_shipped_data_name_no_key_outside_the_table():
    data_tables = load()
    frame = data_sources(data_tables)
    listed = {k for keys in frame["sources"] for k in keys.split(";") if k}
    named = set()
    for name in frame["table"].str.replace(" ", "_"):
        for column in ("source", "other_sources"):
            if column in data_tables[name]:
                for value in data_tables[name][column].dropna().astype(str):
                    named.update(v.strip() for v in value.split(";") if v.strip())
    assert listed == named
