"""The coverage rule: one ordered level per provision and Convention article, per country and article, and bounds.

The codebook's "Coverage levels" section states this rule in words; the tests derive their expected levels from
those words. Levels, worst first: ``narrower`` (a mandatory element shown missing, or a sector, result or
threshold restriction the Convention does not allow, or an option a Party did not declare), ``not shown`` (text
read; some mandatory element unknown), ``named only`` (known by heading), ``meets`` (every mandatory element shown).
``broader`` is a separate mark. A country's article is ``met`` when the union of its provisions shows every mandatory
element; without a counterpart it is ``no counterpart found`` (a ``none_found`` row of law_searches.csv) or ``not
coded``. Unknown never counts as met: a count of articles met is given as bounds, :func:`bounds`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from research.analysis import elements as el

NARROWER, NOT_SHOWN, NAMED_ONLY, MEETS = "narrower", "not shown", "named only", "meets"
NO_COUNTERPART, NOT_CODED = "no counterpart found", "not coded"
PROVISION_LEVELS = (NARROWER, NOT_SHOWN, NAMED_ONLY, MEETS)  # worst first, as the codebook orders them
LEVELS = (MEETS, NOT_SHOWN, NAMED_ONLY, NARROWER, NO_COUNTERPART, NOT_CODED)  # as figures and tables list them
RANK = {level: i for i, level in enumerate(PROVISION_LEVELS)}
COULD_MEET = (MEETS, NOT_SHOWN)  # text read and nothing shown short: met if every unknown element were present
BROADER = "broader"

# Mandatory elements that restrict an offence: a provision shown without one reaches more than the article's
# minimum (public transmissions, any hindering rather than only serious hindering, interception by any means),
# which is broader, never a shortfall.
LIMITS = {(3, "non_public"), (3, "technical_means"), (5, "serious_hindering")}
# The same holds, in every offence article, for intent and "without right": an offence shown to need neither reaches
# unintentional or authorised conduct too. That is over-breadth (a liberty concern the report may name), not a
# shortfall against the Convention's minimum.
LIMITING_FIELDS = ("intent_required", "without_right")
NARROWINGS = ("sector", "result", "threshold")
NARROWING_PREFIX = "narrowing:"
# Restrictions the Convention itself allows by a reservation: a Party may require that data interference result
# in serious harm (Art. 4(2)).
ALLOWED_NARROWING = {(4, "result"): "reservation:4(2)", (4, "threshold"): "reservation:4(2)"}
PARTY = "party"

# The kinds of :class:`Reason`: short of the article ...
MISSING, NOT_DECLARED, NARROWING = "missing", "not declared", "narrowing"
# ... not shown (an element unknown; whether a Party declared an option it uses unknown) ...
UNKNOWN, DECLARATION_UNKNOWN = "unknown", "declaration unknown"
# ... and broader (a limiting element not required; an option not used).
NOT_REQUIRED, OPTION_UNUSED = "not required", "option unused"


class Reason(NamedTuple):
    """Why a provision stands where it does: the reason's kind (``MISSING`` ...), the element's label, an option's,
    a safeguard's or a narrowing's name (``subject``), and a narrowing's quotation."""

    kind: str
    subject: str
    quote: str = ""


@dataclass(frozen=True)
class Level:
    """One provision against one article: its level, the broader mark, and the reasons (:class:`Reason`)."""

    level: str
    broader: bool = False
    short: tuple[Reason, ...] = ()
    unknown: tuple[Reason, ...] = ()
    wider: tuple[Reason, ...] = ()
    shown: frozenset = field(default_factory=frozenset)


def _frame(tables: dict, name: str) -> pd.DataFrame | None:
    frame = tables.get(name)
    return frame if frame is not None and len(frame) else None


def option_name(element: pd.Series) -> str:
    """The name party_options.csv gives an element: its own for an option, ``reservation:<art>(<para>)`` for a
    reservation (from the element's locator, e.g. ``Art. 4(2)`` -> ``reservation:4(2)``)."""
    if str(element["requirement"]) != "reservation":
        return str(element["element"])
    found = re.search(r"(\d+)\((\d+)\)", str(element.get("locator", "")))
    return f"reservation:{found.group(1)}({found.group(2)})" if found else f"reservation:{int(element['article'])}"


def is_party(tables: dict, country: str) -> bool:
    """Whether the data record ``country`` as a Party (countries.csv ``budapest_status``)."""
    countries = _frame(tables, "countries")
    if countries is None:
        return False
    row = countries[countries["iso3"].astype(str) == country]
    return bool(len(row)) and str(row["budapest_status"].iloc[0]) == PARTY


def options_taken(tables: dict, country: str) -> dict[tuple[int, str], bool]:
    """``(article, option) -> taken`` from party_options.csv for one country (empty without the table)."""
    options = _frame(tables, "party_options")
    if options is None:
        return {}
    mine = options[options["country"].astype(str) == country]
    return {(int(a), str(o)): str(t).lower() == "true" for a, o, t in zip(mine["article"], mine["option"], mine["taken"])}


def narrowings(codings: pd.DataFrame, provision_id: str) -> dict[str, tuple[bool, str]]:
    """The provision's ``narrowing:*`` cells: kind -> (value, quote)."""
    mine = codings[(codings["record_id"].astype(str) == provision_id)
                   & codings["field"].astype(str).str.startswith(NARROWING_PREFIX)]
    return {str(f)[len(NARROWING_PREFIX):]: (str(v) == "true", "" if pd.isna(q) else str(q))
            for f, v, q in zip(mine["field"], mine["value"], mine["quote"])}


def _allowed(kind: str, article: int, party: bool, taken: dict) -> bool:
    option = ALLOWED_NARROWING.get((int(article), kind))
    if option is None:
        return False
    return taken.get((int(article), option)) is True if party else True


def provision_level(provision: pd.Series, article: int, tables: dict, intent=None, party: bool = False,
                    taken: dict | None = None) -> Level:
    """The level of one provision against one offence article, by the codebook's rule.

    Parameters
    ----------
    provision : Series
        One row of provisions.csv.
    article : int
    tables : dict
        At least ``convention_elements`` and ``codings``.
    intent : bool or None
        The intent element after general-part rules (:func:`research.analysis.elements.effective_intent`).
    party, taken : bool, dict
        Whether the state is a Party, and the options it took (:func:`options_taken`): a Party is judged against
        the options it took; a state that is not a Party against the mandatory minimum.
    """
    if str(provision.get("text_basis")) == "heading":
        return Level(NAMED_ONLY)
    taken = taken or {}
    table = el.element_values(provision, article, tables["convention_elements"], tables["codings"], intent)
    elements = tables["convention_elements"]
    rows = elements[elements["article"].astype(int) == int(article)]
    short, unknown, wider, shown = [], [], [], set()
    for (_, e), value in zip(rows.iterrows(), table["value"]):
        name, label, requirement = str(e["element"]), str(e["label"]), str(e["requirement"])
        if requirement == "mandatory":
            if value is None:
                unknown.append(Reason(UNKNOWN, label))
            elif value:
                shown.add(name)
            elif (int(article), name) in LIMITS or str(e.get("field")) in LIMITING_FIELDS:
                shown.add(name)
                wider.append(Reason(NOT_REQUIRED, label))
            else:
                short.append(Reason(MISSING, label))
        elif value is False:
            wider.append(Reason(OPTION_UNUSED, label))
        elif value is True and party:
            declared = taken.get((int(article), option_name(e)))
            if declared is None:
                unknown.append(Reason(DECLARATION_UNKNOWN, label))
            elif not declared:
                short.append(Reason(NOT_DECLARED, label))
    for kind, (value, quote) in narrowings(tables["codings"], str(provision["provision_id"])).items():
        if value and not _allowed(kind, article, party, taken):
            short.append(Reason(NARROWING, kind, quote))
    level = NARROWER if short else NOT_SHOWN if unknown else MEETS
    return Level(level, bool(wider), tuple(short), tuple(unknown), tuple(wider), frozenset(shown))


def mandatory(elements: pd.DataFrame, article: int) -> set[str]:
    """The names of an article's mandatory elements."""
    rows = elements[(elements["article"].astype(int) == int(article))
                    & (elements["requirement"].astype(str) == "mandatory")]
    return set(rows["element"].astype(str))


def union_level(levels: list[Level], needed: set[str]) -> str:
    """A country's (or instrument's) level for an article from its provisions' levels: ``meets`` when the
    provisions not shown narrower together show every mandatory element, else the best provision level."""
    if not levels:
        raise ValueError("union_level needs at least one provision level")
    fair = [lv for lv in levels if lv.level in COULD_MEET]
    together = set().union(*(lv.shown for lv in fair)) if fair else set()
    if fair and needed <= together and all(u.kind != DECLARATION_UNKNOWN for lv in fair for u in lv.unknown):
        return MEETS
    return max((lv.level for lv in levels), key=RANK.get)


def searched(tables: dict, country: str, article: int) -> str:
    """Without a counterpart: ``no counterpart found`` when law_searches.csv records the law read and none found,
    else ``not coded``."""
    searches = _frame(tables, "law_searches")
    if searches is None:
        return NOT_CODED
    hit = searches[(searches["country"].astype(str) == country)
                   & (searches["convention_article"].astype(str) == str(int(article)))
                   & (searches["result"].astype(str) == "none_found")]
    return NO_COUNTERPART if len(hit) else NOT_CODED


@dataclass(frozen=True)
class Bounds:
    """A count of articles met as bounds: ``shown`` (every mandatory element shown) and ``at_most`` (if every
    unknown element of the text read were present; articles known by heading alone or not coded are counted apart)."""

    shown: int
    at_most: int
    shown_articles: tuple[int, ...] = ()
    possible_articles: tuple[int, ...] = ()


def bounds(levels: dict[int, str]) -> Bounds:
    """:class:`Bounds` of a row of levels (article -> level)."""
    met = tuple(a for a, v in levels.items() if v == MEETS)
    possible = tuple(a for a, v in levels.items() if v in COULD_MEET)
    return Bounds(len(met), len(possible), met, possible)
