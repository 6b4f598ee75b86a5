"""Section 4, the draft cybercrime law the paper examines (Draft V.1): its offences, Art. 23, coverage, Art. 17."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import elements as el
from research.analysis import law
from research.analysis import levels as lv
from research.analysis import provisions as prov
from research.analysis.asof import reading_date
from research.analysis.basis import Basis, basis_field, traced, with_rows
from research.analysis.common import format_ranges, parse_list, sentence
from research.analysis.draft import CONVENTION_ARTICLE, DRAFT_ARTICLE, PAPER_DRAFT, draft_row
from research.analysis.penalties import penalties_of
from research.data.labels import label
from research.sections import words
from research.sections.draft_cybercrime_law_rows import PRESERVATION_ARTICLE, SAFEGUARD_WORDS, draft_basis
from research.sections.draft_cybercrime_law_rows import DraftCaptions as DraftCaptions
from research.sections.draft_cybercrime_law_rows import captions as captions

CONTENT_ARTICLE = "28"  # the draft's article on content and websites, which the paper quotes first (fn 6)


def draft_rows(provisions: pd.DataFrame, draft: str = PAPER_DRAFT) -> pd.DataFrame:
    """The provisions of the paper's draft."""
    return provisions[provisions["instrument"].astype(str) == draft]


def _offences(provisions: pd.DataFrame, draft: str = PAPER_DRAFT) -> pd.DataFrame:
    rows = draft_rows(provisions, draft)
    return rows[rows["kind"].astype(str) == "offence"]


def _article(provisions: pd.DataFrame, article: str, draft: str = PAPER_DRAFT):
    rows = draft_rows(provisions, draft)
    rows = rows[rows["article"].astype("string") == article]
    return rows.iloc[0] if len(rows) else None


def article_penalty(paper: dict, article: str = CONTENT_ARTICLE, draft: str = PAPER_DRAFT) -> str:
    """The basic penalty of one article of the paper's draft in words (tables as of the paper's date)."""
    row = _article(paper["provisions"], article, draft)
    found = penalties_of(paper["penalties"], str(row["provision_id"])) if row is not None else []
    return words.penalty_text(found.iloc[0]) if len(found) else "a penalty our data do not record"


def _verb(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _n(n: int) -> str:
    return "none" if n == 0 else words.number(n)


def reading_sentence(paper: dict, focus: str, as_of: str | None, draft: str = PAPER_DRAFT) -> str:
    """When the paper's draft became public, whether it was still the latest cybercrime draft on the reading date,
    and, in an edition of a later date, whether it had been superseded by then."""
    provisions = paper["provisions"]
    rows = draft_rows(provisions, draft)
    read_on = reading_date(as_of)
    if rows.empty:
        return f"Our data hold no provision of the draft the paper examines ({draft}) as of {words.date_text(read_on)}."
    public = rows["valid_from"].dropna().astype(str)
    text = f"The draft the paper examines, the {draft}" + (f", became public on {words.date_text(min(public))}" if len(public) else "")
    mine = provisions[(provisions["country"].astype(str) == focus) & (provisions["status"].astype(str) == "draft")]
    named = mine[mine["instrument"].astype(str).str.lower().str.contains("cybercrime")]
    later = named[named["instrument_year"].astype("Int64") > int(rows["instrument_year"].iloc[0])]
    ended = rows["valid_to"].dropna().astype(str)
    if as_of and as_of > read_on:
        text += f"; this section reads it as it stood on {words.date_text(read_on)}, the date of the paper's latest statements"
        if len(ended) and max(ended) <= as_of:
            text += f", and by {words.date_text(as_of)} our data record it as superseded (on {words.date_text(max(ended))})"
        return text + "."
    still = "still the latest" if later.empty else "not the latest"
    return text + f"; as of {words.date_text(read_on)} it was {still} cybercrime draft in our data."


def categories_sentence(provisions: pd.DataFrame, focus: str, as_of: str | None) -> str:
    """The country's offence provisions in the paper's three categories of cybercrime, and outside them."""
    c = law.offence_categories(provisions, focus)
    when = f" in force or in draft on {words.date_text(reading_date(as_of))}"
    if not c.n_offences:
        return f"Our data code no Cambodian offence provision{when}."
    return (f"Of the {words.count(c.n_offences, 'Cambodian offence provision')}{when} that we code, "
            f"{_n(c.n_offences_cia)} fall in the first category, {_n(c.n_offences_computer_related)} in the second, "
            f"{_n(c.n_offences_content_related)} in the third and {_n(c.n_offences_other)} in none of them"
            + (f"; {words.count(c.n_ancillary, 'further provision')} (attempt, participation, accessory penalties) "
               f"{_verb(c.n_ancillary, 'extends', 'extend')} liability for offences and "
               f"{_verb(c.n_ancillary, 'is', 'are')} counted apart" if c.n_ancillary else "") + ".")


def group_penalty(paper: dict, draft: str = PAPER_DRAFT) -> tuple[str, list[str]] | None:
    """The basic penalty the data give for a group of the draft's articles, in words, and the group's articles."""
    provisions, penalties = paper["provisions"], paper["penalties"]
    ids = set(draft_rows(provisions, draft)["provision_id"].astype(str))
    basic = penalties[penalties["tier"].astype(str) == "basic"]
    for _, row in basic.iterrows():
        listed = parse_list(row["provisions"])
        if len(listed) > 1 and set(listed) <= ids:
            rows = provisions.set_index(provisions["provision_id"].astype(str)).reindex(listed)
            return words.penalty_text(row), [str(a) for a in rows["article"].dropna()]
    return None


def group_penalty_sentence(paper: dict, draft: str = PAPER_DRAFT) -> str:
    """The group range and whether any article of the group has a penalty of its own in the data."""
    found = group_penalty(paper, draft)
    if found is None:
        return "Our data record no penalty that a source gives for a group of the draft's articles."
    text, articles = found
    span = words.articles_text(articles)
    single = set(paper["penalties"]["provisions"].astype(str))
    own = [a for a in articles if _pid(paper, a, draft) in single]
    tail = ("our data record no penalty of its own for any one of them" if not own else
            f"our data also record a penalty of its own for {words.articles_text(own)}")
    return f"That range, {text}, is one a source gives for {span} as a group; {tail}."


def _pid(paper: dict, article: str, draft: str) -> str:
    row = _article(paper["provisions"], article, draft)
    return "" if row is None else str(row["provision_id"])


def offences_sentence(provisions: pd.DataFrame, draft: str = PAPER_DRAFT) -> str:
    """How many offence articles of the draft the data hold, and how many only by their headings."""
    rows = _offences(provisions, draft)
    if rows.empty:
        return "Our data hold no offence article of the draft."
    heading = int((rows["text_basis"].astype(str) == "heading").sum())
    return (f"Our data hold {words.count(len(rows), 'offence article')} of the draft, {_n(heading)} of them known by "
            f"{'its heading' if heading == 1 else 'their headings'} only.")


def element_counts(paper: dict, article: str = DRAFT_ARTICLE, against: int = CONVENTION_ARTICLE,
                   draft: str = PAPER_DRAFT) -> dict[str, int] | None:
    """Mandatory elements of the Convention article met, known missing and unknown; options used and offered."""
    row = _article(paper["provisions"], article, draft)
    if row is None:
        return None
    table = el.comparison(row, against, paper["convention_elements"], paper["codings"], el._value(row["intent_required"]))
    mandatory = table[table["requirement"] == "mandatory"]["assessment"]
    options = table[table["requirement"] != "mandatory"]["assessment"]
    return {"mandatory": len(mandatory), "met": int((mandatory == el.MEETS).sum()),
            "missing": int((mandatory == el.SHORTFALL).sum()), "unknown": int((mandatory == el.UNKNOWN).sum()),
            "options": len(options), "used": int((options == el.USES_OPTION).sum())}


def art23_sentence(paper: dict) -> str:
    """Draft Art. 23 against Convention Art. 3: mandatory elements met, missing, unknown; options taken up."""
    n = element_counts(paper)
    if n is None:
        return f"Our data code no Article {DRAFT_ARTICLE} of the draft, so no element is compared."
    return (f"Of the {words.count(n['mandatory'], 'mandatory element')} of Article {CONVENTION_ARTICLE}, draft Article "
            f"{DRAFT_ARTICLE} as we know it contains {_n(n['met'])}, is known to lack {_n(n['missing'])}, and for "
            f"{_n(n['unknown'])} the text we hold does not tell; it takes up {_n(n['used'])} of the "
            f"{words.count(n['options'], 'option')} that Article {CONVENTION_ARTICLE} offers a Party.")


def qualifier_sentence(provisions: pd.DataFrame, draft: str = PAPER_DRAFT) -> str:
    """What is known of the draft offences' dishonest intent and plain intent."""
    rows = _offences(provisions, draft)
    if rows.empty:
        return "Our data code no offence provision of the draft."
    dishonest = [el._value(v) for v in rows["dishonest_intent"]]
    intent = [el._value(v) for v in rows["intent_required"]]
    no_d, no_i, unknown_i = dishonest.count(False), intent.count(False), intent.count(None)
    return (f"Of the {words.count(len(rows), 'offence provision')} of the {draft} that we code, {_n(no_d)} "
            f"{_verb(no_d, 'is', 'are')} reported to make no reference to a dishonest intent. On plain intent, "
            f"{_n(no_i)} {_verb(no_i, 'is', 'are')} reported to lack it, and for {_n(unknown_i)} the sources we hold "
            f"do not tell.")


def vague_sentence(provisions: pd.DataFrame, draft: str = PAPER_DRAFT) -> str:
    """The distinct broad terms the draft's provisions use, and the articles that use them."""
    rows = draft_rows(provisions, draft).dropna(subset=["vague_terms"])
    terms = sorted({t for v in rows["vague_terms"] for t in parse_list(v)})
    if not terms:
        return "Our data code no broad, open-ended term in the draft."
    articles = [str(a) for a in rows["article"].dropna()]
    return (f"The draft's provisions use {words.count(len(terms), 'distinct broad, open-ended term')}, found in "
            f"{words.articles_text(articles)}.")


def coverage_sentence(matrix: pd.DataFrame, draft: str = PAPER_DRAFT) -> str:
    """The draft against the Convention's benchmark articles, at each coverage level."""
    n = matrix.shape[1]
    articles = format_ranges(list(matrix.columns))
    if draft not in matrix.index:
        return f"Our data code no provision of the draft, so none of the Convention's {n} benchmark articles is counted."
    row = {a: matrix.at[draft, a] for a in matrix.columns}
    b = lv.bounds(row)
    c = {level: sum(v == level for v in row.values()) for level in prov.COVERAGE_LEVELS}
    return (f"Of the Convention's {words.number(n)} benchmark articles (Arts {articles}), the draft's text as read "
            f"shows every mandatory element of the Convention's definition (or, for a power, every safeguard of "
            f"Article 15) for {_n(b.shown)}; counting the upper bound, the articles that would be met if every element "
            f"the text leaves unknown were present, for at most {_n(b.at_most)}. We use the lower bound: the draft is "
            f"shown to meet the Convention for {_n(b.shown)}. For {_n(c[lv.NARROWER])} its counterparts are shown "
            f"narrower than the Convention (a mandatory element missing, or a restriction the Convention does not "
            f"allow); {_n(c[lv.NAMED_ONLY])} {_verb(c[lv.NAMED_ONLY], 'is', 'are')} named in its table of contents "
            f"only, with no text to judge; and for {_n(c[lv.NOT_CODED])} no provision of the draft is coded as a "
            f"counterpart, which does not show that it has none"
            + (f"; for {_n(c[lv.NO_COUNTERPART])} its whole text was read and none was found." if c[lv.NO_COUNTERPART]
               else "."))


def art17_sentence(provisions: pd.DataFrame, draft: str = PAPER_DRAFT, codings: pd.DataFrame | None = None,
                   general_rules: pd.DataFrame | None = None) -> str:
    """Who orders draft Art. 17's preservation, and the four Art. 15 safeguards it is shown to carry from any source
    (its own words, or a general procedural rule whose scope reaches it), reported to lack, or not known."""
    row = _article(provisions, PRESERVATION_ARTICLE, draft)
    if row is None:
        return f"Our data code no Article {PRESERVATION_ARTICLE} of the draft."
    shown = set(prov.safeguards_shown(row, general_rules))
    values = {s: True if s in shown else el._value(row.get(s)) for s in SAFEGUARD_WORDS}
    stated = [SAFEGUARD_WORDS[s] for s, v in values.items() if v is True]
    absent = sum(v is False for v in values.values())
    unknown = sum(v is None for v in values.values())
    which = f" ({words.join(stated)})" if stated else ""
    who = prov.ordered_by(codings, str(row["provision_id"]))
    unsupervised = who not in (None, "judge") and values["independent_supervision"] is not True
    order = (f"By its words the order is made by {prov.ORDERED_BY.get(who, who)}, not by a judge, and nothing in the text "
             f"we hold submits it to judicial or other independent supervision; that is the ground of the concern "
             f"above. " if unsupervised else f"By its words the order is made by {prov.ORDERED_BY.get(who, who)}. " if who
             else "")
    return (f"{order}Of the four safeguards Article 15 names, the domestic law we hold for draft Article "
            f"{PRESERVATION_ARTICLE} (its own text, or a general procedural rule that reaches it) shows "
            f"{_n(len(stated))}{which}, is reported to lack {_n(absent)}, and for {_n(unknown)} the sources do not "
            f"tell.")


def safeguard_article_sentence(provisions: pd.DataFrame, draft: str = PAPER_DRAFT) -> str:
    """The draft's own conditions-and-safeguards article, and how much of its text the data hold."""
    rows = draft_rows(provisions, draft)
    rows = rows[rows["kind"].astype(str) == "safeguard"]
    if rows.empty:
        return "Our data hold no conditions-and-safeguards article of the draft."
    row = rows.iloc[0]
    basis = str(row["text_basis"])
    held = ("whose text no source we hold quotes or describes" if basis == "heading" else
            f"whose text our data code as {label('provisions', 'text_basis', basis)}")
    return f"The draft's table of contents also has an Article {row['article']}, headed \u201c{row['heading']}\u201d, {held}."


@dataclass(frozen=True)
class DraftLaw:
    """The values and sentences of section 4 (read on the paper's date; see :func:`reading_sentence`)."""

    v1_art28_penalty: str
    v1_group_penalty: str
    v1_reading_sentence: str = sentence()
    v1_categories_sentence: str = sentence()
    v1_group_penalty_sentence: str = sentence()
    v1_offences_sentence: str = sentence()
    v1_art23_sentence: str = sentence()
    v1_qualifier_sentence: str = sentence()
    v1_vague_sentence: str = sentence()
    v1_coverage_sentence: str = sentence()
    v1_art17_sentence: str = sentence()
    v1_art20_sentence: str = sentence()
    basis: Basis = basis_field()


@traced
def draft_law(paper: dict, focus: str, as_of: str | None) -> DraftLaw:
    """Section 4's values from the tables as of :func:`research.analysis.asof.reading_date` (``paper``)."""
    provisions = paper["provisions"]
    group = group_penalty(paper)
    return DraftLaw(
        v1_art28_penalty=article_penalty(paper),
        v1_group_penalty=group[0] if group else "a penalty our data do not record",
        v1_reading_sentence=reading_sentence(paper, focus, as_of),
        v1_categories_sentence=categories_sentence(provisions, focus, as_of),
        v1_group_penalty_sentence=group_penalty_sentence(paper),
        v1_offences_sentence=offences_sentence(provisions),
        v1_art23_sentence=art23_sentence(paper),
        v1_qualifier_sentence=qualifier_sentence(provisions),
        v1_vague_sentence=vague_sentence(provisions),
        v1_coverage_sentence=coverage_sentence(prov.coverage_matrix(paper, focus)),
        v1_art17_sentence=art17_sentence(provisions, codings=paper.get("codings"),
                                         general_rules=paper.get("general_rules")),
        v1_art20_sentence=safeguard_article_sentence(provisions),
        basis=draft_basis(paper, focus, CONTENT_ARTICLE),
    )


def _said(value) -> str:
    value = el._value(value)
    return "not known" if value is None else ("yes" if value else "no")


def offences_table(paper: dict, draft: str = PAPER_DRAFT) -> pd.DataFrame:
    """The draft's offence articles as the report lists them: article, heading, category, Convention counterpart,
    how much text is known, the three qualifiers, the penalty (a group range said so) and the source."""
    provisions, penalties = paper["provisions"], paper["penalties"]
    rows = _offences(provisions, draft)
    intent = el.effective_intent(provisions, paper.get("general_rules"))
    group = group_penalty(paper, draft)
    records = []
    for _, r in rows.iterrows():
        own = penalties_of(penalties, str(r["provision_id"]))
        alone = own[own["provisions"].astype(str) == str(r["provision_id"])]
        if len(alone):
            penalty = words.penalty_text(alone.iloc[0])
        elif len(own) and group:
            penalty = f"{group[0]} (one range for {words.articles_text(group[1])})"
        else:
            penalty = "not recorded"
        records.append({"article": str(r["article"]), "heading": str(r["heading"]),
                        "category": label("provisions", "category", str(r["category"])),
                        "Convention article": ", ".join(parse_list(r["convention_articles"])) or "none",
                        "text read": label("provisions", "text_basis", str(r["text_basis"])),
                        "intent": _said(intent.get(str(r["provision_id"]))), "without right": _said(r["without_right"]),
                        "dishonest intent": _said(r["dishonest_intent"]), "penalty": penalty, "source": str(r["source"])})
    columns = ["article", "heading", "category", "Convention article", "text read", "intent", "without right",
               "dishonest intent", "penalty", "source"]
    return pd.DataFrame.from_records(records, columns=columns)


@traced
def draft_article_comparison(tables: dict, draft: str = PAPER_DRAFT, article: str = DRAFT_ARTICLE,
                             against: int = CONVENTION_ARTICLE) -> pd.DataFrame:
    """One draft article against one Convention article, element by element, as the report's table.

    Columns: ``element`` (the Convention's element), ``requirement`` (in words), ``the Convention's words``,
    ``the draft`` (what the draft is known to say), ``assessment``. When the data hold no such article, one row says
    so, so that the table (and the report's reference to it) exists for any valid data. Each row is traced to the
    element and the cell that decides it (:func:`research.analysis.elements.element_rows`).
    """
    row = draft_row(tables["provisions"], draft, article)
    columns = ["element", "requirement", "the Convention's words", "the draft", "assessment"]
    if row is None:
        return with_rows(pd.DataFrame([["not coded", "", "", f"the data hold no draft Article {article}", ""]],
                                      columns=columns), [()])
    intent = el.effective_intent(tables["provisions"], tables.get("general_rules"), el.NOT_APPLIED)
    table = el.comparison(row, against, tables["convention_elements"], tables["codings"], intent.get(str(row["provision_id"])))
    said = table["value"].map(lambda v: "not known" if v is None else ("has it" if v else "does not have it"))
    out = pd.DataFrame({"element": table["label"], "requirement": [label("convention_elements", "requirement", r)
                                                                   for r in table["requirement"]],
                        "the Convention's words": table["text"], "the draft": said, "assessment": table["assessment"]})
    return with_rows(out, el.element_rows(row, against, tables["convention_elements"], tables["codings"]))


