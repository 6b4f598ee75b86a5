"""A sentence's numbers linked from its records (issue 19): each value it uses, found as a whole token in order, links
to that value's own entry; the sentence's entry links back to an empty span where the sentence starts."""

from __future__ import annotations

import json

import pytest

from research.errors import ReportError
from research.nb.glue import MIME
from research.report.convert import catalogue
from research.report.markdown import fill_values
from research.report.trace_appendix import appendix_markdown, sentence_links, whole_token_at


def _tag(name: str, text_md: str) -> str:
    """A stand-in for the report's link: shows which value was linked where."""
    return f"<{name}:{text_md}>"


def test_a_token_is_found_only_whole_not_inside_a_longer_number_or_word():
    assert whole_token_at("3 of 30", "3") == 0
    assert whole_token_at("3 of 30", "3", 1) == -1  # "30" holds a 3, but not as a token
    assert whole_token_at("3 of 30", "30") == 5
    assert whole_token_at("2\\,300 rows", "300") == -1 and whole_token_at("2\\,300 rows", "2") == -1
    assert whole_token_at("3\\.5 per cent", "3") == -1 and whole_token_at("3\\.5 per cent", "5") == -1
    assert whole_token_at("seventeen and seven", "seven") == 14
    assert whole_token_at("from 2010 to 2018\\.", "2018") == 13  # a full stop after it ends the token
    assert whole_token_at("3\\, 4 and 5", "3") == 0  # a comma and a space: a list, not 3,4
    assert whole_token_at("9th of the 10", "9") == -1 and whole_token_at("9th of the 10", "9th") == 0
    assert whole_token_at("US\\$75\\,000 each", "US\\$75\\,000") == 0
    assert whole_token_at("anything", "") == -1


def test_each_used_value_links_in_order_searching_on_from_the_previous_one():
    text = "3 of 30 rows, and 3 again"
    linked = sentence_links(text, [("n_of", "3"), ("n_all", "30"), ("n_again", "3")], _tag)
    assert linked == "<n_of:3> of <n_all:30> rows, and <n_again:3> again"


def test_a_repeated_number_links_to_the_value_listed_for_each_place():
    # "3 of 30": the first 3 is the part, the 30 the whole; a 3 listed after the 30 is never the first 3
    assert sentence_links("3 of 30", [("whole", "30"), ("part", "3")], _tag) == "3 of <whole:30>"
    assert sentence_links("30 of 30", [("part", "30"), ("whole", "30")], _tag) == "<part:30> of <whole:30>"


def test_a_value_not_found_is_not_linked_and_the_search_goes_on_from_the_last_found():
    text = "None of the 20 can be dated."
    linked = sentence_links(text, [("n_counted", "20"), ("first_year", "2010"), ("last_year", "2018")], _tag)
    assert linked == "None of the <n_counted:20> can be dated."
    assert sentence_links("No number here.", [("n", "4")], _tag) == "No number here."


def test_the_sentence_starts_with_the_empty_span_its_entry_links_back_to():
    assert sentence_links("No number here.", [], _tag, "use-s") == "[]{#use-s}No number here."
    assert sentence_links("Of 5.", [("n", "5")], _tag, "use-s") == "[]{#use-s}Of <n:5>."


def _output(record: dict) -> dict:
    return {"output_type": "display_data", "metadata": {}, "data": {MIME: record}}


def _notebook(sentence_uses: list[str]) -> dict:
    values = {"cell_type": "code", "metadata": {}, "source": "", "outputs": [
        _output({"kind": "value", "name": "n_of", "value": 3, "text": "3", "rows": ["incidents:I-1"],
                 "function": "pkg.count"}),
        _output({"kind": "value", "name": "n_all", "value": 30, "text": "30", "rows": ["incidents:I-1",
                                                                                        "incidents:I-2"]}),
        _output({"kind": "sentence", "name": "s_share", "text": "Sources name 3 of 30.", "rows": ["incidents:I-1"],
                 "uses": sentence_uses}),
    ]}
    return {"cells": [values, {"cell_type": "markdown", "metadata": {}, "source": "{{s_share}}"}]}


def test_the_report_links_each_value_of_a_sentence_to_its_own_entry_and_the_sentence_is_reachable_back():
    cat = catalogue([("01-x", _notebook(["n_of", "n_all"]))])
    cat.document = "paper"
    first = fill_values("{{s_share}}", cat.values, "01-x, cell 1", cat.link)
    assert first == (
        '[]{#use-s_share}Sources name '
        '[3](supplement.html#where-n_of "n_of: from 1 incidents row by count (01-x, cell 0)"){#use-n_of .traced} of '
        '[30](supplement.html#where-n_all "n_all: from 2 incidents rows (01-x, cell 0)"){#use-n_all .traced}\\.')
    assert cat.used == {"s_share": "paper", "n_of": "paper", "n_all": "paper"}
    again = fill_values("{{s_share}}", cat.values, "01-x, cell 1", cat.link)
    assert "{#" not in again and again.count(".traced}") == 2  # linked again, without the ids of the first use


def test_the_entry_of_a_sentence_lists_the_values_it_shows_after_its_text(tmp_path):
    (tmp_path / "datapackage.json").write_text(json.dumps({"resources": []}), encoding="utf-8")
    from research.data.rows import read_index

    cat = catalogue([("01-x", _notebook(["n_of", "n_all"]))])
    md, _ = appendix_markdown(cat.traces, read_index(tmp_path), set(), {"s_share": "paper"}, {})
    entry = next(p for p in md.split("\n\n") if p.startswith("[]{#where-s_share}"))
    assert entry.split("  \n")[:2] == [
        "[]{#where-s_share}**s\\_share** = Sources name 3 of 30\\. ([back to the text](paper.html#use-s_share))",
        "values shown: [n\\_of](#where-n_of), [n\\_all](#where-n_all)"]
    value = next(p for p in md.split("\n\n") if p.startswith("[]{#where-n_of}"))
    assert "values shown" not in value


def test_a_sentence_using_a_name_recorded_as_no_value_stops_the_report_with_one_line():
    with pytest.raises(ReportError) as info:
        catalogue([("01-x", _notebook(["n_of", "n_missing"]))])
    message = str(info.value)
    assert message == ("01-x: sentence 's_share' uses 'n_missing', which no notebook recorded as a value with glue(): "
                       "name the values the sentence shows")
    assert "\n" not in message
