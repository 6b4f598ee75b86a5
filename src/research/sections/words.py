"""The words the sections share: numbers, counts, shares, money, dates and country names, as the report writes them.

One house style for every number the package puts into prose, whichever writes it (the sections write computed
sentences, the notebooks record values with ``research.nb.glue``):

- whole numbers up to ten are spelled out where a sentence counts things (``count(7, "article", words=True)`` ->
  "seven articles"), larger ones get thousands separators ("1,234");
- a count agrees with its noun: "1 provision", "3 provisions", never "provision(s)";
- a share names its base: "6 of the 13 provisions"; all of them is "all seven provisions", none "none of the 13";
- a percentage is "46 per cent" (``percent(6, of=13)``), with a stated number of decimals;
- money has no space after the symbol: "US$75,000"; riels are "2,000,000 riels".
"""

from __future__ import annotations

import math

# Nothing here needs pandas, and nothing here imports it: a command that only counts in words (a cached sweep's
# summary and index page, research.nb.glue) stays light. Words for rows of the data are in law_words.py.

WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
SPELL_UP_TO = 10  # whole numbers up to this are written as words by number_word()


def _whole(value) -> bool:
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value) and value.is_integer())


def number(value, decimals: int | None = None) -> str:
    """``value`` with thousands separators: whole numbers without decimals, others with ``decimals`` (default 2)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"number(): not a number: {value!r}")
    if decimals is None:
        return f"{int(value):,}" if _whole(value) else f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:,.{decimals}f}"


def number_word(value, spell_up_to: int = SPELL_UP_TO) -> str:
    """A whole number up to ``spell_up_to`` as a word ("seven"); anything else as :func:`number` writes it."""
    if _whole(value) and 0 <= int(value) <= min(spell_up_to, len(WORDS) - 1):
        return WORDS[int(value)]
    return number(value)


def plural(noun: str, n=2, plural_form: str | None = None) -> str:
    """``noun`` in the form that agrees with ``n``: singular for exactly 1, else ``plural_form`` or a regular plural.

    Regular plurals: "-s", "-es" after s, x, z, ch and sh, "-ies" after a consonant and y. Only the last word
    changes: "offence provision" -> "offence provisions".
    """
    if n == 1:
        return noun
    if plural_form is not None:
        return plural_form
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def count(n, noun: str, plural_form: str | None = None, *, words: bool = False) -> str:
    """A number and its noun in agreement: "1 provision", "3 provisions" ("no provisions" and "seven provisions"
    with ``words``)."""
    if words and n == 0:
        return f"no {plural(noun, 0, plural_form)}"
    shown = number_word(n) if words else number(n)
    return f"{shown} {plural(noun, n, plural_form)}"


def share(part: int, whole: int, noun: str, plural_form: str | None = None) -> str:
    """``part`` of ``whole`` things with the base in the phrase.

    "6 of the 13 provisions"; "all seven provisions" (every one, the total spelled out up to ten); "both
    provisions"; "the one provision"; "none of the 13 provisions".

    Raises
    ------
    ValueError
        If ``part`` is negative or larger than ``whole``.
    """
    if not 0 <= part <= whole:
        raise ValueError(f"share(): {part} of {whole} is not a share")
    things = plural(noun, whole, plural_form)
    if part == whole:
        if whole == 1:
            return f"the one {things}"
        if whole == 2:
            return f"both {things}"
        return f"all {number_word(whole)} {things}"
    if part == 0:
        return f"none of the {number_word(whole)} {things}"
    return f"{number(part)} of the {number(whole)} {things}"


def percent(value, *, of=None, decimals: int = 0) -> str:
    """A percentage as prose writes it: "46 per cent".

    ``value`` is already a percentage (0-100) unless ``of`` is given, in which case it is ``value / of * 100``
    ("6 of 13" -> ``percent(6, of=13)`` -> "46 per cent"). A base of zero has no percentage.
    """
    if of is not None:
        if of == 0:
            raise ValueError("percent(): the base is zero")
        value = value / of * 100
    return f"{number(round(value, decimals), decimals if decimals else None)} per cent"


def money(amount, currency: str) -> str:
    """An amount with its currency: "US$75,000" (no space), "US$1,500.50", "2,000,000 riels"."""
    shown = number(amount) if _whole(amount) else number(amount, 2)
    if currency == "USD":
        return f"US${shown}"
    if currency == "KHR":
        return f"{shown} riels"
    raise ValueError(f"money(): unknown currency {currency!r} (USD or KHR)")


def join(items, conjunction: str = "and") -> str:
    """Items as a list in a sentence: "A", "A and B", "A, B and C" (the order is the caller's)."""
    items = [str(i) for i in items]
    if len(items) <= 2:
        return f" {conjunction} ".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def date_text(iso) -> str:
    """An ISO date at the precision it has, as prose writes it: "2007", "December 2007", "7 November 2016".

    Raises
    ------
    ValueError
        If ``iso`` is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    """
    text = str(iso)
    if len(text) == 4 and text.isdigit():
        return text
    if len(text) == 7 and text[4] == "-":
        return f"{MONTHS[int(text[5:7]) - 1]} {text[:4]}"
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return f"{int(text[8:10])} {MONTHS[int(text[5:7]) - 1]} {text[:4]}"
    raise ValueError(f"not an ISO date: {iso!r}")


# Names that take "the" in a sentence ("the Philippines", "the United States").
_NAMES_WITH_THE = ("Philippines", "United States", "United Kingdom", "Netherlands", "Russian Federation",
                   "Republic of Korea", "Dominican Republic", "Holy See")


GCI_UNIT_SCALE_UNTIL = 2018  # GCI editions to 2018 score 0 to 1, later ones 0 to 100 (data/README.md)


def gci_scale(year: int) -> tuple[str, int]:
    """The scale of a GCI edition and the decimals its scores carry: ("0 to 1", 3) to 2018, ("0 to 100", 2) after."""
    return ("0 to 1", 3) if int(year) <= GCI_UNIT_SCALE_UNTIL else ("0 to 100", 2)


def ordinal(n: int) -> str:
    """A position as prose writes it: "1st", "2nd", "3rd", "9th", "11th", "22nd"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def country_name(name: str) -> str:
    """A country's name as a sentence uses it: "the Philippines", "Japan"."""
    return f"the {name}" if name in _NAMES_WITH_THE else name
