"""`research import-laws unctad` on small files made in the tracker's format (tests/fixtures/unctad/).

The expected rows are counted off the fixture by hand: five rows of five areas each, Holy See's four "No Data" areas
left out (its "No Legislation" for indirect taxation kept), so 21 rows; Afghanistan and the Holy See are not in the
shipped countries.csv; three addresses fail the URL checks ("javascript:", "#", one without a scheme).
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest

from research.cli import main
from research.errors import UnlicensedDataError
from research.repro.licences import check_licences

FIXTURE = Path(__file__).parent / "fixtures" / "unctad"


def run(*args, capsys) -> tuple[int, str]:
    status = main(["import-laws", "unctad", *map(str, args)])
    return status, capsys.readouterr().err


def rows(path: Path) -> list[dict]:
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))


def snapshot(data_copy: Path, references: Path) -> dict:
    return {p.name: p.read_bytes() for p in [*data_copy.iterdir(), references]}


def test_good_files_give_sourced_rows_new_countries_and_the_release(data_copy, references_copy, capsys):
    status, err = run(FIXTURE / "data.csv", "--links", FIXTURE / "document_links.json", "--meta",
                      FIXTURE / "meta.json", "--data-dir", data_copy, "--references", references_copy,
                      capsys=capsys)
    assert status == 0, err
    got = rows(data_copy / "law_status.csv")
    assert len(got) == 21
    by = {(r["iso3"], r["area"]): r for r in got}
    assert by[("KHM", "cybercrime")]["status"] == "draft"
    assert by[("KHM", "cybercrime")]["instruments"] == "Draft Cybercrime law, 2023."
    assert by[("KHM", "cybercrime")]["links"] == ""
    assert by[("CHN", "cybercrime")]["instruments"] == "Cybersecurity Law 2017 | Other law"
    assert by[("CHN", "cybercrime")]["links"] == "https://example.org/cn-csl"
    assert by[("VAT", "indirect_taxation")]["status"] == "none"
    assert ("VAT", "cybercrime") not in by
    sha = hashlib.sha256((FIXTURE / "data.csv").read_bytes()).hexdigest()
    for row in got:
        assert (row["date"], row["release"], row["file_sha256"], row["licence"], row["source"], row["basis"]) == (
            "2026-04-27", "test-release-1", sha, "none", "unctad2026cyberlaw", "secondary")
    assert by[("AFG", "cybercrime")]["groups"] == ("Asia and Oceania;Developing countries;Least developed countries;"
                                                   "Landlocked developing countries")
    added = {r["iso3"]: r for r in rows(data_copy / "countries.csv")}
    assert added["AFG"]["name"] == "Afghanistan" and added["AFG"]["source"] == "unctad2026cyberlaw"
    assert "VAT" in added and len(added) == 18
    bib = references_copy.read_text(encoding="utf-8")
    assert "@dataset{unctad2026cyberlaw," in bib and sha in bib and "No licence is granted" in bib
    assert "cybercrime: legislation 3, draft 1, none 0" in err
    assert "2 countries added" in err
    assert main(["validate", str(data_copy), "--references", str(references_copy)]) == 0


def test_junk_links_and_no_data_are_left_out_one_line_each(data_copy, references_copy, capsys):
    status, err = run(FIXTURE / "data.csv", "--links", FIXTURE / "document_links.json", "--meta",
                      FIXTURE / "meta.json", "--data-dir", data_copy, "--references", references_copy,
                      capsys=capsys)
    assert status == 0
    left = [line for line in err.splitlines() if line.startswith("  left out:")]
    links = [line for line in left if "is no safe http(s) address" in line]
    assert len(links) == 3
    assert any("'javascript:alert(1)'" in line and "004 Afghanistan, Cybercrime" in line for line in links)
    assert any("'#'" in line and "116 Cambodia" in line for line in links)
    assert any("'www.example.org/x'" in line for line in links)
    assert sum("No Data" in line and "Holy See (VAT)" in line for line in left) == 4
    assert "javascript" not in (data_copy / "law_status.csv").read_text(encoding="utf-8")


def test_a_re_import_replaces_its_release(data_copy, references_copy, capsys):
    args = (FIXTURE / "data.csv", "--meta", FIXTURE / "meta.json", "--data-dir", data_copy, "--references",
            references_copy)
    assert run(*args, capsys=capsys)[0] == 0
    assert run(*args, capsys=capsys)[0] == 0
    assert len(rows(data_copy / "law_status.csv")) == 21
    assert references_copy.read_text(encoding="utf-8").count("@dataset{unctad2026cyberlaw,") == 1


def test_an_unknown_code_is_left_out_and_named(data_copy, references_copy, tmp_path, capsys):
    made = tmp_path / "data.csv"
    text = (FIXTURE / "data.csv").read_text(encoding="utf-8")
    made.write_text(text + "999,Nowhere,Legislation,Legislation,Legislation,Legislation,Legislation,"
                    "0,0,0,0,0,0,0,0\n", encoding="utf-8")
    status, err = run(made, "--meta", FIXTURE / "meta.json", "--data-dir", data_copy, "--references",
                      references_copy, capsys=capsys)
    assert status == 0
    assert "data.csv:7: code '999' (Nowhere) is no UN M49 country code known to country_converter" in err
    assert len(rows(data_copy / "law_status.csv")) == 21


@pytest.mark.parametrize("change, message", [
    (lambda t: t.replace(",Cybercrime,", ",Cyber,", 1), "data.csv:1: has no column 'Cybercrime'"),
    (lambda t: t.replace("156,China,Legislation", '156,China,"=HYPERLINK(""http://x"",""y"")"', 1),
     "data.csv:4: column Electronic Transactions: '=HYPERLINK"),
], ids=["missing column", "formula cell"])
def test_bad_files_get_a_located_error_and_nothing_written(data_copy, references_copy, tmp_path, capsys, change,
                                                           message):
    made = tmp_path / "data.csv"
    made.write_text(change((FIXTURE / "data.csv").read_text(encoding="utf-8")), encoding="utf-8")
    before = snapshot(data_copy, references_copy)
    status, err = run(made, "--meta", FIXTURE / "meta.json", "--data-dir", data_copy, "--references",
                      references_copy, capsys=capsys)
    assert status == 1
    assert message in err and "Traceback" not in err
    assert snapshot(data_copy, references_copy) == before


def test_an_unknown_release_without_meta_is_refused(data_copy, references_copy, capsys):
    status, err = run(FIXTURE / "data.csv", "--data-dir", data_copy, "--references", references_copy,
                      capsys=capsys)
    assert status == 1 and "is no release we know: give --meta FILE" in err


def test_the_projects_own_data_is_never_written(capsys):
    status, err = run(FIXTURE / "data.csv", "--meta", FIXTURE / "meta.json", capsys=capsys)
    assert status == 1 and "is the project's own data: copy it" in err


def test_dist_refuses_a_data_folder_with_unlicensed_rows(data_copy, references_copy, capsys):
    check_licences(data_copy)  # the shipped data: no such row
    assert run(FIXTURE / "data.csv", "--meta", FIXTURE / "meta.json", "--data-dir", data_copy, "--references",
               references_copy, capsys=capsys)[0] == 0
    with pytest.raises(UnlicensedDataError, match=r"law_status.csv:2: holds data of unctad2026cyberlaw under no "):
        check_licences(data_copy)
    shutil.rmtree(data_copy)
