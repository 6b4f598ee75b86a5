"""Every article, country and Convention article that the evidence-base issue lists is in the data, with evidence."""

from __future__ import annotations

import pytest

from research import data

# Taken from the evidence-base issue's list of what provisions.csv must hold (instrument, article as the paper
# treats it); ranges the paper treats as one are one row.
REQUIRED_PROVISIONS = (
    [("Criminal Code", a) for a in ("305", "306", "308", "317-320", "427", "428", "429", "437")]
    + [("Press Law", a) for a in ("11", "12", "14")]
    + [("Law on Telecommunications", a) for a in ("6", "66", "76", "80", "81", "97")]
    + [("Draft Law on Cybercrime V.1", a) for a in ("1", "2", "7", "17", "21", "22", "23", "24", "25", "26", "28")]
)
REQUIRED_COUNTRIES = ["KHM", "CHN", "JPN", "SGP", "USA", "CAN", "AUS", "PHL", "LKA",
                      "BRN", "IDN", "LAO", "MYS", "MMR", "THA", "VNM"]
NAMED_PARTIES = ["USA", "CAN", "AUS", "JPN", "PHL", "LKA"]


@pytest.fixture(scope="module")
def tables():
    return data.load()


@pytest.mark.parametrize("instrument,article", REQUIRED_PROVISIONS)
def test_listed_article_is_coded(tables, instrument, article):
    rows = tables["provisions"]
    match = rows[(rows["instrument"] == instrument) & (rows["article"] == article)]
    assert len(match) == 1, f"{instrument} art. {article}"


def test_criminal_code_430_to_432_are_covered(tables):
    rows = tables["provisions"]
    articles = set(rows.loc[rows["instrument"] == "Criminal Code", "article"].dropna())
    covered = set()
    for a in articles:
        low, _, high = a.partition("-")
        covered |= set(range(int(low), int(high or low) + 1))
    assert {430, 431, 432} <= covered


@pytest.mark.parametrize("words", ["cell-phone", "Prakas"])
def test_regulation_and_prakas_are_coded(tables, words):
    assert tables["provisions"]["instrument"].str.contains(words).any()


@pytest.mark.parametrize("iso3", ["CHN", "JPN", "SGP"])
def test_comparators_have_an_instrument(tables, iso3):
    assert (tables["provisions"]["country"] == iso3).any()


def test_every_listed_country_is_present(tables):
    assert set(REQUIRED_COUNTRIES) <= set(tables["countries"]["iso3"])


def test_named_parties_are_parties_as_the_paper_says(tables):
    countries = tables["countries"].set_index("iso3")
    assert all(countries.loc[c, "budapest_status"] == "party" for c in NAMED_PARTIES)
    assert countries.loc["KHM", "budapest_status"] != "party"


def test_convention_articles_1_to_48(tables):
    assert sorted(tables["convention"]["article"].astype(int)) == list(range(1, 49))


@pytest.mark.parametrize("group", ["NullCrew", "Anonymous", "TEMP.Periscope", "Black Hats", "Young Geek", "Brothers Team"])
def test_groups_the_paper_names_are_incidents(tables, group):
    assert tables["incidents"]["actor"].fillna("").str.contains(group, regex=False).any()


def test_paper_count_of_parties_in_march_2019(tables):
    parties = tables["convention_parties"]
    row = parties[parties["date"] == "2019-03"]
    assert list(row["parties"]) == [63] and list(row["basis"]) == ["paper"]


@pytest.mark.parametrize("table", ["provisions", "incidents", "countries", "country_facts", "convention", "convention_parties"])
def test_every_row_names_its_evidence(tables, table):
    frame = tables[table]
    assert frame[["source", "locator", "basis"]].notna().all().all()
