"""The words the report's sections share (research.sections.words, and the few frame helpers they lean on), on values and small typed frames; every
expected text is written out by hand here."""

from __future__ import annotations

import pandas as pd
import pytest
from typed_frames import typed

from research.analysis import asof, penalties
from research.analysis.countries import country_names
from research.sections import law_words as lw
from research.sections import under_attack as ua
from research.sections import words as rt


@pytest.mark.parametrize("iso, text", [("2007", "2007"), ("2007-12", "December 2007"),
                                       ("2016-11-07", "7 November 2016"), ("2019-06-30", "30 June 2019")])
def test_dates_are_written_at_the_precision_the_source_gives(iso, text):
    assert rt.date_text(iso) == text


def test_a_date_that_is_not_iso_is_refused():
    with pytest.raises(ValueError, match="not an ISO date"):
        rt.date_text("June 2019")


@pytest.mark.parametrize("n, text", [(1, "1st"), (2, "2nd"), (3, "3rd"), (9, "9th"), (11, "11th"), (12, "12th"),
                                     (13, "13th"), (21, "21st"), (22, "22nd"), (101, "101st")])
def test_ordinals(n, text):
    assert rt.ordinal(n) == text


def test_the_paper_is_read_on_its_own_date_unless_the_edition_is_earlier():
    assert asof.reading_date("2026-12-01") == "2019-06-30"
    assert asof.reading_date("2019-06-30") == "2019-06-30"
    assert asof.reading_date("2015-01-01") == "2015-01-01"
    assert asof.reading_date(None) == "2019-06-30"


def test_the_latest_entry_keeps_its_own_precision():
    # 2019 (a year) starts before 2019-03 (a month): the month is the later start, and it is written as a month
    tables = {"incidents": pd.DataFrame({"reported": ["2018-08-10", None], "date": ["2019", "2010"]}),
              "convention_parties": pd.DataFrame({"date": ["2019-03", "2012-06"]})}
    assert asof.latest_entry(tables) == "2019-03"
    assert asof.latest_entry({"incidents": pd.DataFrame({"reported": [None], "date": [None]})}) is None


def test_the_edition_sentence_names_the_date_described_and_the_reach_of_the_data():
    tables = {"convention_parties": pd.DataFrame({"date": ["2019-03"]})}
    assert ua.edition_sentence(tables, "2019-06-30") == (
        "This edition describes the evidence as it was known on 30 June 2019 (the date of the paper's latest "
        "statements); the latest dated entry in the data it uses is of March 2019.")
    assert ua.edition_sentence({}, "2026-12-01") == (
        "This edition describes the evidence as it was known on 1 December 2026; no entry is dated.")


@pytest.mark.parametrize("low, high, text", [
    (12, 60, "one to five years' imprisonment"),
    (84, 180, "seven to fifteen years' imprisonment"),
    (6, 180, "six months to fifteen years' imprisonment"),
    (None, 24, "up to two years' imprisonment"),
    (None, 12, "up to one year's imprisonment"),
    (12, None, ""),
])
def test_prison_ranges_in_words(low, high, text):
    assert lw.prison_text(low, high) == text


def test_terms_in_words():
    assert [lw.term_text(m) for m in (180, 12, 6, 300)] == ["fifteen years", "one year", "six months", "25 years"]


def test_fines_in_words_with_the_house_style_for_money():
    assert lw.fine_text(100000, 2000000, "KHR") == "a fine of 100,000 to 2,000,000 riels"
    assert lw.fine_text(500, 1500, "USD") == "a fine of US$500 to US$1,500"
    assert lw.fine_text(None, 5000, "SGD") == "a fine of up to 5,000 SGD"
    assert lw.fine_text(None, None, None, True) == "a fine of an amount the text does not state"
    assert lw.fine_text(None, None, None) == ""


def _penalty(**cells) -> pd.Series:
    row = {"penalty_id": "P", "provisions": "X", "tier": "basic", "source": "s", "locator": "l", "basis": "paper"}
    return typed("penalties", {**row, **cells}).iloc[0]


def test_a_penalty_joins_prison_and_fine_as_its_combination_says():
    both = {"prison_min_months": 12, "prison_max_months": 36, "fine_min": 500, "fine_max": 1500, "fine_currency": "USD"}
    assert lw.penalty_text(_penalty(**both, combination="and")) == (
        "one to three years' imprisonment and a fine of US$500 to US$1,500")
    assert lw.penalty_text(_penalty(**both, combination="or")) == (
        "one to three years' imprisonment or a fine of US$500 to US$1,500")
    assert lw.penalty_text(_penalty(**both, combination="and_or")) == (
        "one to three years' imprisonment, a fine of US$500 to US$1,500, or both")
    assert lw.penalty_text(_penalty(**both)) == (
        "one to three years' imprisonment and a fine of US$500 to US$1,500 (whether both apply together is not "
        "recorded)")
    assert lw.penalty_text(_penalty(prison_max_months=60)) == "up to five years' imprisonment"
    assert lw.penalty_text(_penalty()) == "no penalty stated"


def test_penalties_of_a_provision_alone_or_in_a_group_and_of_one_tier():
    pens = typed("penalties", *({"penalty_id": i, "provisions": p, "tier": t, "source": "s", "locator": "l",
                                 "basis": "paper"} for i, p, t in [("A", "X;Y", "basic"), ("B", "Y", "repeat"),
                                                                   ("C", "XY", "basic")]))
    assert list(penalties.penalties_of(pens, "Y")["penalty_id"]) == ["A"]
    assert list(penalties.penalties_of(pens, "Y", "repeat")["penalty_id"]) == ["B"]
    assert list(penalties.penalties_of(pens, "X")["penalty_id"]) == ["A"]


def test_provisions_and_instruments_are_named_as_a_sentence_names_them():
    rows = typed("provisions", *({"provision_id": i, "country": c, "instrument": n, "instrument_year": 2000,
                                  "status": "in_force", "article": a, "heading": h, "kind": "offence", "category": "cia",
                                  "text_basis": "quoted", "summary": "s", "source": "s", "locator": "l", "basis": "paper"}
                                 for i, c, n, a, h in [("1", "KHM", "Law on Telecommunications", "80", "H"),
                                                       ("2", "KHM", "Criminal Code", "317-320", "H"),
                                                       ("3", "SGP", "Computer Misuse Act", "3", "H"),
                                                       ("4", "KHM", "Prakas No. 170", None, "Website control")]))
    assert [lw.provision_name(r) for _, r in rows.iterrows()] == [
        "Article 80 of the Law on Telecommunications", "Articles 317-320 of the Criminal Code",
        "Section 3 of the Computer Misuse Act", "Prakas No. 170 (Website control)"]


def test_country_names_take_the_article_they_need_and_cover_origins_not_listed():
    assert rt.country_name("Philippines") == "the Philippines"
    assert rt.country_name("Japan") == "Japan"
    countries = typed("countries", {"iso3": "KHM", "name": "Cambodia", "asean_member": True, "source": "s",
                                    "locator": "l", "basis": "paper"})
    assert country_names(countries) == {"IRN": "Iran", "KHM": "Cambodia"}


def test_articles_are_listed_with_runs_as_ranges():
    assert lw.articles_text(["28"]) == "Art. 28"
    assert lw.articles_text(["21", "22", "23", "24", "25", "26"]) == "Arts 21-26"
    assert lw.articles_text(["21", "24"]) == "Arts 21 and 24"
    assert lw.articles_text(["6A", "6B"]) == "Arts 6A and 6B"
    assert lw.articles_text([]) == ""


def test_the_scale_of_a_gci_edition():
    assert rt.gci_scale(2018) == ("0 to 1", 3)
    assert rt.gci_scale(2020) == ("0 to 100", 2)


def test_codebook_text_names_tables_and_columns_in_words():
    from research.analysis.codebook import readable

    assert readable("element by element through convention_elements.csv, as for independent_supervision.") == (
        "element by element through the convention elements table, as for independent supervision.")
    assert readable("full_text = the whole article; codings.csv") == "full text = the whole article; the codings table"
