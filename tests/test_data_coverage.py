"""Every article, country and Convention article that the evidence-base issue lists is in the data, with evidence."""

from __future__ import annotations

import pytest

from research import data

# Taken from the evidence-base issue's list of what provisions.csv must hold (instrument, article as the paper
# treats it); ranges the paper treats as one are one row. Telecom Art. 81 is not a row of its own: it sets the fine of
# the Art. 80 offence (paper fn 58), so it is in that offence's penalty (see test_telecom_81_fine_is_art_80s below).
# The whole Draft V.1 that any source identifies (Arts 1-3 and 5-38) is listed, as the coding issue asks.
REQUIRED_PROVISIONS = (
    [("Criminal Code", a) for a in ("305", "306", "308", "317-320", "427", "428", "429", "437")]
    + [("Press Law", a) for a in ("11", "12", "14")]
    + [("Law on Telecommunications", a) for a in ("6", "66", "76", "80", "97")]
    + [("Draft Law on Cybercrime V.1", str(a)) for a in [1, 2, 3, *range(5, 39)]]
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


def test_telecom_81_fine_is_art_80s(tables):
    # the paper: Art. 80, seven to fifteen years (fn 57), "in addition ... fined from 140 to 300 million Riels" (fn 58)
    pen = tables["penalties"]
    row = pen[pen["provisions"] == "KHM-TEL2015-80"].iloc[0]
    assert (row["prison_min_months"], row["prison_max_months"], row["fine_min"], row["fine_max"]) == (
        84, 180, 140_000_000, 300_000_000)


def test_the_draft_group_penalty_is_given_once_for_its_group(tables):
    # fn 71: "six months to fifteen years imprisonment and fines between one million and twenty four million Riels"
    pen = tables["penalties"]
    group = [f"KHM-DRAFT2014-{a}" for a in range(21, 27)]
    rows = pen[pen["provisions"].astype(str).str.contains("KHM-DRAFT2014-2[1-6]", regex=True)]
    assert rows["provisions"].tolist() == [";".join(group)]
    assert (rows.iloc[0]["prison_min_months"], rows.iloc[0]["prison_max_months"]) == (6, 180)
