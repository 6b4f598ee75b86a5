"""Penalties and provisions in words: prison terms, fines, a penalties.csv row, an instrument's and a provision's
name, lists of article numbers (the shared words for rows of the data; words.py holds those for numbers and dates)."""

from __future__ import annotations

import pandas as pd

from research.analysis.common import format_ranges, missing, plain
from research.sections.words import WORDS, join, money, number, plural

_WORDS_TO_TWENTY = (*WORDS, "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                    "eighteen", "nineteen", "twenty")
SECTION_COUNTRIES = ("SGP",)  # statutes divided into sections: "Section 3 of the Computer Misuse Act"


def _duration(months: int) -> tuple[str, str, int]:
    """(number in words, unit, number) of a prison term: whole years in years, otherwise months."""
    n, unit = (months // 12, "year") if months % 12 == 0 else (months, "month")
    word = _WORDS_TO_TWENTY[n] if n < len(_WORDS_TO_TWENTY) else number(n)
    return word, unit, n


def term_text(months: int) -> str:
    """A prison term in words: "fifteen years", "one year", "six months"."""
    word, unit, n = _duration(int(months))
    return f"{word} {plural(unit, n)}"


def _possessive(unit: str, n: int) -> str:
    return f"{unit}'s" if n == 1 else f"{plural(unit, n)}'"


def prison_text(low, high) -> str:
    """A prison range in words: "one to five years' imprisonment", "six months to fifteen years' imprisonment",
    "up to one year's imprisonment"; "" when no maximum is known. Numbers up to twenty are spelled out."""
    if missing(high):
        return ""
    top, unit, n = _duration(int(high))
    if missing(low):
        return f"up to {top} {_possessive(unit, n)} imprisonment"
    bottom, low_unit, m = _duration(int(low))
    if low_unit == unit:
        return f"{bottom} to {top} {_possessive(unit, n)} imprisonment"
    return f"{bottom} {plural(low_unit, m)} to {top} {_possessive(unit, n)} imprisonment"


def _money(amount, currency: str) -> str:
    amount = plain(amount)
    if currency in ("USD", "KHR"):
        return money(amount, currency)
    return f"{number(amount)} {currency}"


def fine_text(low, high, currency, unspecified=None) -> str:
    """A fine in words: "a fine of 100,000 to 2,000,000 riels", "a fine of up to US$1,500"; "a fine of an amount
    the text does not state" when so coded; "" when no fine is known."""
    if missing(high):
        return "a fine of an amount the text does not state" if unspecified is True else ""
    cur = str(currency)
    if missing(low):
        return f"a fine of up to {_money(high, cur)}"
    if cur == "KHR":
        return f"a fine of {number(plain(low))} to {_money(high, cur)}"
    return f"a fine of {_money(low, cur)} to {_money(high, cur)}"


def penalty_text(row: pd.Series) -> str:
    """One penalties.csv row in words: prison and fine joined as the row's ``combination`` says.

    ``and`` -> "X and Y", ``or`` -> "X or Y", ``and_or`` -> "X, Y, or both"; with no combination recorded, "X and
    Y (whether both apply together is not recorded)". "no penalty stated" when the row gives neither.
    """
    prison = prison_text(row.get("prison_min_months"), row.get("prison_max_months"))
    fine = fine_text(row.get("fine_min"), row.get("fine_max"), row.get("fine_currency"), row.get("fine_unspecified"))
    if not prison or not fine:
        return prison or fine or "no penalty stated"
    how = None if missing(row.get("combination")) else str(row.get("combination"))
    if how == "and":
        return f"{prison} and {fine}"
    if how == "or":
        return f"{prison} or {fine}"
    if how == "and_or":
        return f"{prison}, {fine}, or both"
    return f"{prison} and {fine} (whether both apply together is not recorded)"


def the_instrument(instrument: str) -> str:
    """An instrument's name as a sentence uses it: "the Criminal Code", but "Prakas No. 170"."""
    return instrument if " No. " in f" {instrument} " or instrument.startswith("Prakas") else f"the {instrument}"


def provision_name(row: pd.Series) -> str:
    """ "Article 80 of the Law on Telecommunications", "Articles 317-320 of the Criminal Code"; a provision
    without an article number is named by its instrument and heading."""
    instrument = the_instrument(str(row["instrument"]))
    article = row.get("article")
    if missing(article):
        return f"{instrument} ({row['heading']})" if not missing(row.get("heading")) else instrument
    unit = "Section" if str(row.get("country")) in SECTION_COUNTRIES else "Article"
    word = unit + ("s" if "-" in str(article) or ";" in str(article) else "")
    return f"{word} {article} of {instrument}"


def articles_text(articles: list[str]) -> str:
    """Article numbers as prose lists them: "Art. 28", "Arts 21 and 24", "Arts 21-26" (runs of numbers as ranges)."""
    if not articles:
        return ""
    if len(articles) > 1 and all(a.isdigit() for a in articles):
        return "Arts " + format_ranges([int(a) for a in articles])
    return ("Art. " if len(articles) == 1 else "Arts ") + join(articles)
