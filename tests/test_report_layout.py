"""How tables are set and the DOCX laid out: widths from content, repeats said once, wide tables, A4, contents."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from research.report.docx import A4_SECTION, contents_markdown, heading_id, on_a4
from research.report.layout import AS_ABOVE, PORTRAIT_LINE, column_weights, is_wide, said_once, separator
from research.report.markdown import pipe_table


def test_a_long_text_column_is_wider_than_a_yes_no_column_and_no_word_is_cut():
    header = ["article", "intent", "why"]
    rows = [["21", "not known", "The second coder read the paper's 'fraudulent' as the intent rule " * 3],
            ["22", "yes", "Both coders code the same words, but differ on the cut " * 2]]
    weights = column_weights(header, rows)
    assert weights[2] > weights[0] and weights[2] > weights[1]
    assert weights[1] >= len("known") + 1 and weights[0] >= len("article") + 1  # the longest word fits
    assert round(sum(weights)) == PORTRAIT_LINE


def test_the_dashes_under_the_header_carry_the_widths_and_outrun_pandocs_column_limit():
    rule = separator([10, 30])
    assert len(rule) > 72 and rule.count("-") == 120
    assert [len(part) for part in rule.strip("|").split("|")] == [30, 90]
    assert pipe_table(["a", "b"], [["1", "2"]], [10, 30]).splitlines()[1] == rule


def test_a_long_value_repeated_down_a_column_is_said_once_and_citations_stay():
    penalty = "six months to fifteen years' imprisonment and a fine"
    rows = [["21", penalty, "keyA"], ["22", penalty, "keyA"], ["23", "one to three years", "keyA"], ["24", "no", "keyA"]]
    assert said_once(rows, {2}) == [["21", penalty, "keyA"], ["22", AS_ABOVE, "keyA"],
                                    ["23", "one to three years", "keyA"], ["24", "no", "keyA"]]
    assert said_once([["x", "no"], ["y", "no"]]) == [["x", "no"], ["y", "no"]]  # short values stay


def test_a_table_of_many_columns_is_wide():
    assert is_wide([str(i) for i in range(10)]) and not is_wide(["a", "b", "c"])


def test_contents_link_to_the_ids_pandoc_gives_the_headings():
    markdown = "---\ntitle: x\n---\n## The Convention's reach\n\n## Appendix {#codebook .unnumbered}\n\n### Part\n"
    assert heading_id("Legislating cyberspace: the existing legal framework") == (
        "legislating-cyberspace-the-existing-legal-framework")
    assert contents_markdown(markdown).splitlines()[-2:] == [
        "- [The Convention's reach](#the-conventions-reach)", "- [Appendix](#codebook)"]


def test_the_docx_is_set_on_a4():
    body = b'<w:document><w:body><w:p/></w:body></w:document>'
    assert on_a4(body) == b'<w:document><w:body><w:p/>' + A4_SECTION + b'</w:body></w:document>'
    letter = b'<w:body><w:p/><w:sectPr><w:pgSz w:w="12240" w:h="15840"/></w:sectPr></w:body>'
    assert b'w:w="11906" w:h="16838"' in on_a4(letter) and b"12240" not in on_a4(letter)


@pytest.mark.slow
def test_the_paper_docx_is_a4_with_contents_whose_links_reach_their_headings_and_sized_columns(report_build):
    with zipfile.ZipFile(io.BytesIO((report_build.output_dir / "paper.docx").read_bytes())) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    assert 'w:pgSz w:w="11906" w:h="16838"' in document and "12240" not in document
    assert 'TOC \\o' not in document  # no field Word would ask to update
    anchors = re.findall(r'<w:hyperlink w:anchor="([^"]+)"', document)
    bookmarks = set(re.findall(r'<w:bookmarkStart [^>]*w:name="([^"]+)"', document))
    assert len(anchors) > 10 and set(anchors) <= bookmarks
    widths = [re.findall(r'<w:gridCol w:w="(\d+)"', grid) for grid in re.findall(r"<w:tblGrid>.*?</w:tblGrid>", document)]
    assert widths and all(len(set(w)) > 1 for w in widths if len(w) > 2)  # no table of equal columns


def test_docx_tables_are_set_small_as_in_print():
    from research.report.docx import small_tables

    styles = (b'<w:styles><w:style w:styleId="Normal" w:type="paragraph"><w:pPr/></w:style>'
              b'<w:style w:default="1" w:styleId="Table" w:type="table"><w:name w:val="Table" /><w:tblPr/></w:style>'
              b'</w:styles>')
    assert small_tables(styles) == styles.replace(b'<w:name w:val="Table" /><w:tblPr/>',
                                                  b'<w:name w:val="Table" /><w:rPr><w:sz w:val="16" />'
                                                  b'<w:szCs w:val="16" /></w:rPr><w:tblPr/>')
