"""The rendered page is read with a parser, not regular expressions: what markup hides from a reader stays out of the
outline and the CJK marking, and everything the marking does not touch keeps its bytes."""

from __future__ import annotations

import io
import zipfile

from research.report import a11y
from research.report.links import docx_targets, unsafe_targets
from research.report.page import read_page
from research.report.render import mark_cjk


def test_text_runs_are_the_text_between_markup_with_references_as_written():
    page = "<p>a &amp; b<!-- c --><em>d</em></p>"
    assert [page[s:e] for s, e in read_page(page).text_runs] == ["a &amp; b", "d"]


def test_a_heading_in_a_script_or_a_comment_is_not_in_the_outline():
    page = ('<html lang="en"><head><script>var s = "<h1>x</h1>";</script></head><body><!-- <h2>y</h2> -->'
            '<h1>Title</h1><h2>Part &lt;one&gt;</h2></body></html>')
    assert a11y.heading_outline(page) == [(1, "Title"), (2, "Part <one>")]


def test_the_language_is_the_html_elements_in_any_quoting():
    assert a11y.page_language("<html lang='km'><body></body></html>") == "km"
    assert a11y.page_language('<html><body lang="en"></body></html>') is None


def test_cjk_marking_leaves_styles_attributes_and_comments_alone_and_every_other_byte_as_it_was():
    page = ('<style>p::before { content: "刑法"; }</style>\n<p data-x="刑法" title="a>刑法">刑法 &amp;\n'
            'ひらがな</p><!-- 刑法 -->\n')
    marked = mark_cjk(page)
    run = '<span class="cjk" lang="ja">刑法</span> &amp;\n<span class="cjk" lang="ja">ひらがな</span>'
    assert marked == page.replace("刑法 &amp;\nひらがな", run)
    assert mark_cjk("<p>no such text</p>") == "<p>no such text</p>"


def test_a_link_target_is_read_with_its_references_resolved():
    assert unsafe_targets('<p><a href="java&#115;cript:alert(1)">x</a><a href="#ok">y</a></p>') == [
        "<a href='javascript:alert(1)'>"]


def _docx(rels: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/_rels/document.xml.rels", rels)
    return buffer.getvalue()


def test_a_docx_relationship_is_read_as_xml():
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" TargetMode="External" Target="java&#115;cript:x" Type="t"/>'
            '<Relationship Id="r2" Target="media/a.png" Type="t"/>'
            "<Relationship TargetMode='External' Id='r3' Target='https://example.org/' Type='t'/></Relationships>")
    assert docx_targets(_docx(rels)) == ["word/_rels/document.xml.rels: 'javascript:x'"]
    assert docx_targets(_docx("<Relationships><Relationship")) == [
        "word/_rels/document.xml.rels: not readable as XML (unclosed token: line 1, column 15)"]
