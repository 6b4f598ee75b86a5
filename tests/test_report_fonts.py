"""Chinese and Japanese text prints with a font that has its glyphs, and says its language (zh, ja)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pdf_fonts import missing_glyphs

from research.report.render import STYLE_FILE, mark_cjk, to_pdf

ROOT = Path(__file__).resolve().parents[1]
HAN = re.compile(r"[\u4e00-\u9fff]")


def _page(body: str) -> str:
    style = STYLE_FILE.read_text(encoding="utf-8")
    return f'<html lang="en"><head><title>t</title><style>{style}</style></head><body>{body}</body></html>'


def _chinese_quotations(limit: int = 6) -> list[str]:
    with (ROOT / "data" / "codings.csv").open(encoding="utf-8") as f:
        texts = [value for row in csv.DictReader(f) for value in row.values() if value and HAN.search(value)]
    assert texts, "the data has Chinese quotations (the test would check nothing)"
    return texts[:limit]


def test_the_data_s_chinese_and_a_japanese_title_print_with_every_glyph():
    body = "".join(f"<p>Quoted: \u201c{q}\u201d</p>" for q in _chinese_quotations())
    body += "<p>Japan's 不正アクセス行為の禁止等に関する法律 (Act No. 128 of 1999)</p>"
    assert missing_glyphs(to_pdf(_page(body), None, 0)) == {}


def test_the_check_finds_a_character_no_font_has():
    # U+E000 is private use: no installed font has a glyph for it, so the PDF sets it with an empty box
    missing = missing_glyphs(to_pdf(_page("<p>a \ue000 b</p>"), None, 0))
    assert "\ue000" in "".join(missing.values())


def test_cjk_runs_carry_their_language_for_screen_readers():
    page = BeautifulSoup(mark_cjk("<p>刑法 and 不正アクセス禁止法</p><p>中华人民共和国刑法</p>"), "html.parser")
    assert [(s["lang"], s.get_text()) for s in page.select("span.cjk")] == [
        ("ja", "刑法"), ("ja", "不正アクセス禁止法"), ("zh", "中华人民共和国刑法")]


@pytest.mark.slow
def test_the_paper_prints_every_glyph_and_the_supplement_marks_its_chinese(report_build):
    out = report_build.output_dir
    assert missing_glyphs((out / "paper.pdf").read_bytes()) == {}
    supplement = BeautifulSoup((out / "supplement.html").read_text(encoding="utf-8"), "html.parser")
    spans = supplement.select("span.cjk")
    assert spans and all(s.get("lang") in ("zh", "ja") for s in spans)
    unmarked = [t for t in supplement.find_all(string=HAN) if t.parent.name not in ("span", "style", "script")
                or "cjk" not in (t.parent.get("class") or [])]
    assert unmarked == []
