"""The codebook (data/codebook.md) is generated and current, and `research check-quotes` finds, or reports, every
quotation of the coded data in the texts it names."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys

from research import paths
from research.data import codebook
from research.data.quotes import check_quotes, normalise


def test_codebook_is_up_to_date_with_the_schema_and_the_codings():
    assert codebook.write(paths.DATA_DIR, check=True), "run `research datadoc` after editing the data or descriptor"


def test_codebook_covers_every_coded_variable_with_its_rule():
    text = (paths.DATA_DIR / "codebook.md").read_text(encoding="utf-8")
    for name in ("intent_required", "without_right", "dishonest_intent", "independent_supervision", "vague_terms",
                 "text_basis", "category", "convention_articles"):
        assert f"### `{name}`" in text
    for heading in ("General-part rules", "Without right", "Dishonest intent", "Comparison with the Convention"):
        assert f"## {heading}" in text
    # a worked example quotes our own row in its original language: Penal Code Art. 168-2's purpose words
    assert "JPN-PC1907-168-2" in text and "人の電子計算機における実行の用に供する目的で" in text
    for heading in ("Law in force on a date", "Narrowing", "Who orders a power", "Reading Japanese and Chinese terms"):
        assert f"## {heading}" in text


def test_normalise_ignores_typography_line_breaks_and_emphasis_only():
    assert normalise("\u201cfail to\n> make *reference*\u201d") == '"fail to make reference"'
    assert normalise("fail to make") != normalise("fails to make")


def _texts(tmp_path, body: str):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "000_351ef5fff5b1419b.txt").write_text(body, encoding="utf-8")
    return folder


def _data_with_one_paper_quote(tmp_path, quote: str):
    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, data)
    path = data / "codings.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    keep = [r for r in rows if r["source"] == "nguon2019cambodia"][:1]
    keep[0]["quote"] = quote
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(keep)
    for name in ("general_rules.csv", "coding_second.csv", "convention_elements.csv"):
        (data / name).unlink()
    return data


def test_a_quotation_found_word_for_word_passes_and_a_changed_word_is_reported_with_its_line(tmp_path):
    texts = _texts(tmp_path, "The offences are defined in very\nbroad terms and fail to make reference.")
    ok = check_quotes(_data_with_one_paper_quote(tmp_path / "a", "defined in very broad terms"), [texts])
    assert (ok.checked, ok.missing) == (1, [])
    bad = check_quotes(_data_with_one_paper_quote(tmp_path / "b", "defined in very wide terms"), [texts])
    assert [(p.file, p.line, p.column) for p in bad.missing] == [("codings.csv", 2, "quote")]
    assert "is not found word for word in 000_351ef5fff5b1419b.txt" in bad.missing[0].rule


def test_a_quotation_whose_source_has_no_text_here_is_counted_not_failed(tmp_path):
    report = check_quotes(_data_with_one_paper_quote(tmp_path, "anything"), [tmp_path])
    assert report.checked == 0 and report.unchecked == {"nguon2019cambodia": 1} and report.missing == []


def test_check_quotes_command_exits_1_and_names_the_line(tmp_path):
    texts = _texts(tmp_path, "Nothing of the sort.")
    data = _data_with_one_paper_quote(tmp_path / "d", "defined in very broad terms")
    done = subprocess.run([sys.executable, "-m", "research", "check-quotes", str(texts), "--data-dir", str(data)],
                          capture_output=True, text=True)
    assert done.returncode == 1 and "codings.csv:2: quote:" in done.stderr and "Traceback" not in done.stderr
