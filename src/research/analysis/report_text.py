"""Words the report's sections share: dates, the edition's date, penalties, provision and country names."""

from __future__ import annotations

import pandas as pd

from research import wording
from research.analysis.asof import PAPER_DATE, period_start
from research.analysis.common import format_ranges
from research.wording import date_text as date_words  # one date-in-words for the package

_WORDS_TO_TWENTY = (*wording.WORDS, "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                    "eighteen", "nineteen", "twenty")
# Names that take "the" in a sentence ("the Philippines", "the United States").
_NAMES_WITH_THE = ("Philippines", "United States", "United Kingdom", "Netherlands", "Russian Federation",
                   "Republic of Korea", "Dominican Republic", "Holy See")
SECTION_COUNTRIES = ("SGP",)  # statutes divided into sections: "Section 3 of the Computer Misuse Act"
# Attributed origins of incidents that countries.csv does not list: their English short names.
ORIGINS_NOT_IN_COUNTRIES = {"IRN": "Iran"}


GCI_UNIT_SCALE_UNTIL = 2018  # GCI editions to 2018 score 0 to 1, later ones 0 to 100 (data/README.md)


def gci_scale(year: int) -> tuple[str, int]:
    """The scale of a GCI edition and the decimals its scores carry: ("0 to 1", 3) to 2018, ("0 to 100", 2) after."""
    return ("0 to 1", 3) if int(year) <= GCI_UNIT_SCALE_UNTIL else ("0 to 100", 2)


def missing(value) -> bool:
    """Whether a cell is empty (None, NA or NaN)."""
    return value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value))


def ordinal(n: int) -> str:
    """A position as prose writes it: "1st", "2nd", "3rd", "9th", "11th", "22nd"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def reading_date(as_of: str | None) -> str:
    """The date at which the sections read the law the paper examined: the paper's date, or ``as_of`` if earlier.

    The paper's own draft (Draft V.1) is read as it stood when the paper was written, whatever later date the
    edition describes; an edition of an earlier date reads it as it stood then.
    """
    return min(str(as_of), PAPER_DATE) if as_of else PAPER_DATE


DATED_COLUMNS = (("provisions", "valid_from"), ("incidents", "reported"), ("incidents", "date"),
                 ("country_facts", "date"), ("convention_parties", "date"))


def latest_entry(tables: dict) -> str | None:
    """The latest date any row of the tables carries, at the precision it is written (the end of the record the
    data describe, never the clock); ``None`` when nothing is dated. Dates compare by the day their period starts."""
    found = []
    for name, column in DATED_COLUMNS:
        frame = tables.get(name)
        if frame is not None and column in frame:
            found += [(period_start(v), str(v)) for v in frame[column].dropna()]
    return max(found)[1] if found else None


def edition_sentence(tables: dict, as_of: str | None) -> str:
    """What date the edition describes, and how far the data it uses reach (the latest dated row)."""
    when = date_words(as_of) if as_of else "the latest date in the data"
    latest = latest_entry(tables)
    paper = " (the date of the paper's latest statements)" if as_of == PAPER_DATE else ""
    reach = f"the latest dated entry in the data it uses is of {date_words(latest)}" if latest else "no entry is dated"
    return f"This edition describes the evidence as it was known on {when}{paper}; {reach}."


def _duration(months: int) -> tuple[str, str, int]:
    """(number in words, unit, number) of a prison term: whole years in years, otherwise months."""
    n, unit = (months // 12, "year") if months % 12 == 0 else (months, "month")
    word = _WORDS_TO_TWENTY[n] if n < len(_WORDS_TO_TWENTY) else wording.number(n)
    return word, unit, n


def term_text(months: int) -> str:
    """A prison term in words: "fifteen years", "one year", "six months"."""
    word, unit, n = _duration(int(months))
    return f"{word} {wording.plural(unit, n)}"


def _possessive(unit: str, n: int) -> str:
    return f"{unit}'s" if n == 1 else f"{wording.plural(unit, n)}'"


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
    return f"{bottom} {wording.plural(low_unit, m)} to {top} {_possessive(unit, n)} imprisonment"


def plain(value):
    """A numpy or pandas scalar as the Python number it holds (``wording`` takes plain numbers only)."""
    return value.item() if hasattr(value, "item") else value


def _money(amount, currency: str) -> str:
    amount = plain(amount)
    if currency in ("USD", "KHR"):
        return wording.money(amount, currency)
    return f"{wording.number(amount)} {currency}"


def fine_text(low, high, currency, unspecified=None) -> str:
    """A fine in words: "a fine of 100,000 to 2,000,000 riels", "a fine of up to US$1,500"; "a fine of an amount
    the text does not state" when so coded; "" when no fine is known."""
    if missing(high):
        return "a fine of an amount the text does not state" if unspecified is True else ""
    cur = str(currency)
    if missing(low):
        return f"a fine of up to {_money(high, cur)}"
    if cur == "KHR":
        return f"a fine of {wording.number(plain(low))} to {_money(high, cur)}"
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


def penalties_of(penalties: pd.DataFrame, provision_id: str, tier: str = "basic") -> pd.DataFrame:
    """The penalties rows of one tier that list ``provision_id`` (alone or in a group)."""
    listed = penalties["provisions"].astype(str).str.split(";").map(lambda ids: provision_id in ids)
    return penalties[listed.astype(bool) & (penalties["tier"].astype(str) == tier)]


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


def country_name(name: str) -> str:
    """A country's name as a sentence uses it: "the Philippines", "Japan"."""
    return f"the {name}" if name in _NAMES_WITH_THE else name


def country_names(countries: pd.DataFrame) -> dict[str, str]:
    """ISO3 -> English short name, from countries.csv, with the few attributed origins it does not list."""
    names = dict(ORIGINS_NOT_IN_COUNTRIES)
    names.update(dict(zip(countries["iso3"].astype(str), countries["name"].astype(str))))
    return names


def articles_text(articles: list[str]) -> str:
    """Article numbers as prose lists them: "Art. 28", "Arts 21 and 24", "Arts 21-26" (runs of numbers as ranges)."""
    if not articles:
        return ""
    if len(articles) > 1 and all(a.isdigit() for a in articles):
        return "Arts " + format_ranges([int(a) for a in articles])
    return ("Art. " if len(articles) == 1 else "Arts ") + wording.join(articles)
