"""Parts of the sweep on small inputs: the country list, progress lines, the pages' HTML."""

from __future__ import annotations

import base64
import io

import pytest
from bs4 import BeautifulSoup

from research.errors import ParameterError
from research.sweep.pages import figure_html, index_html, table_html
from research.sweep.progress import Progress
from research.sweep.sweep import parse_countries


def test_parse_countries_forgives_case_and_spaces_and_drops_repeats():
    assert parse_countries(" khm, vnm,KHM ") == ["KHM", "VNM"]
    with pytest.raises(ParameterError, match="not a three-letter"):
        parse_countries("KHM,K1")
    with pytest.raises(ParameterError, match="at least one"):
        parse_countries(" , ")


def test_plain_progress_prints_a_line_per_item():
    out = io.StringIO()
    progress = Progress(3, out, tty=False)
    progress.update("ran", "KHM", "1.0s")
    progress.update("cached", "VNM")
    progress.update("failed", "XXX", "boom")
    progress.finish()
    assert out.getvalue() == "  done     KHM  1.0s\n  cached   VNM\n  failed   XXX  boom\n"
    assert progress.counts == {"ran": 1, "cached": 1, "failed": 1} and progress.done == 3


def test_terminal_progress_is_a_bar_with_the_counts_and_keeps_failures_on_their_own_line():
    out = io.StringIO()
    progress = Progress(2, out, tty=True)
    progress.update("ran", "KHM")
    progress.update("failed", "XXX", "boom")
    progress.finish()
    text = out.getvalue()
    assert "\r" in text and "  failed   XXX  boom\n" in text
    assert "2/2" in text and "1 ran, 0 cached, 1 failed" in text


def test_index_links_each_profile_escapes_data_and_lists_failures():
    page = index_html([{"iso3": "KHM", "name": "Cambodia <b>", "n_incidents": "3"}], {"XXX": "no <such> country"})
    soup = BeautifulSoup(page, "html.parser")
    assert [a["href"] for a in soup.find_all("a")] == ["KHM.html"]
    assert soup.find("a").get_text() == "Cambodia <b>"  # shown as text, not markup
    assert soup.find("li", class_="failed").get_text() == "XXX: no <such> country"
    assert not soup.find_all("link") and soup.find("style")
    assert [s.get("src") for s in soup.find_all("script")] == [None]  # inline enhancement only, nothing loaded
    assert soup.find("form", class_="profile-filter").has_attr("hidden")  # shown only where the script runs
    assert len(soup.find("tbody").find_all("tr")) == 1  # without JavaScript, every row is there


def test_the_index_says_one_profile_and_the_date():
    page = index_html([{"iso3": "KHM", "name": "Cambodia", "as_of_text": "27 April 2026"}], {})
    text = BeautifulSoup(page, "html.parser").find("p").get_text()
    assert text.startswith("1 profile, each") and "as they stood on 27 April 2026." in text


def test_figures_are_embedded_and_empty_tables_say_so():
    record = {"name": "profile-KHM-gci", "caption": "A & B", "alt": 'say "hi"', "files": {"svg": "figures/x.svg"}}
    soup = BeautifulSoup(figure_html(2, record, {"figures/x.svg": b"<svg/>"}), "html.parser")
    assert soup.find("img")["src"] == "data:image/svg+xml;base64," + base64.b64encode(b"<svg/>").decode()
    assert soup.find("img")["alt"] == 'say "hi"' and soup.find("figcaption").get_text() == "Figure 2. A & B"
    table = {"name": "t", "caption": "None here", "file": "tables/t.csv"}
    soup = BeautifulSoup(table_html(1, table, {"tables/t.csv": b"a_b,c\n"}), "html.parser")
    assert [th.get_text() for th in soup.find_all("th")] == ["a b", "c"]
    assert soup.find("td").get_text() == "none recorded" and soup.find("td")["colspan"] == "2"
