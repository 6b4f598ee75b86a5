"""Markdown from data (research.report.markdown): escaping, values, cross-references, citation keys, pipe tables."""

from __future__ import annotations

import string

import pypandoc
import pytest

from research.errors import ReportError
from research.report.markdown import cited_keys, escape, fill_values, fill_xrefs, pipe_table


def to_text(markdown: str) -> str:
    """What a reader sees: Pandoc's plain-text rendering, without smart quotes."""
    return pypandoc.convert_text(markdown, "plain", format="markdown-smart", extra_args=["--wrap=none"]).strip()


@pytest.mark.parametrize("text", ["*not emphasis*", "[@citation]", "<b>tag</b>", "`code`", "# heading", "a | b",
                                  "1. not a list", "$x$", "{{value}}", "@fig-x", string.punctuation])
def test_escaped_text_reads_back_as_written(text):
    assert to_text(escape(text)) == text


def test_escape_collapses_white_space():
    assert escape("a\n  b\tc") == "a b c"


def test_every_ascii_punctuation_mark_is_escaped_and_nothing_else():
    assert escape(string.punctuation) == "".join("\\" + ch for ch in string.punctuation)
    assert escape("Ünïcode ’ text 123") == "Ünïcode ’ text 123"


def test_fill_values_escapes_what_it_fills_in():
    assert fill_values("n = {{ n }}, t = {{t}}", {"n": "1,234", "t": "*x*"}, "here") == "n = 1\\,234, t = \\*x\\*"


def test_fill_values_names_an_unknown_value_and_where():
    with pytest.raises(ReportError, match=r"nb, cell 3: unknown value name \{\{missing\}\}"):
        fill_values("{{missing}}", {}, "nb, cell 3")


def test_fill_xrefs_links_known_labels_and_refuses_unknown_ones():
    assert fill_xrefs("see @fig-a-b.", {"fig-a-b": "Figure 2"}, "w") == "see [Figure 2](#fig-a-b)."
    assert fill_xrefs("mail@fig-a", {}, "w") == "mail@fig-a"  # not a reference: part of a word
    with pytest.raises(ReportError, match="unknown cross-reference @tbl-none"):
        fill_xrefs("@tbl-none", {}, "w")


def test_cited_keys_in_brackets_and_bare_in_order():
    assert cited_keys("As [@a2019, p. 3; @b_c] and @d:e. Not e@mail, not \\@f.") == ["a2019", "b_c", "d:e"]


def test_pipe_table_has_a_header_rule_and_a_space_for_empty_cells():
    assert pipe_table(["a", "b"], [["1", ""]]) == "| a | b |\n|---|---|\n| 1 |   |"
