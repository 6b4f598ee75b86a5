"""Section 4, the draft cybercrime law the paper examines (Draft V.1): its offences, Art. 23, coverage, Art. 17."""

from __future__ import annotations

from dataclasses import dataclass

from research.analysis import draft as dr
from research.analysis import draft_counts as dc
from research.analysis import law
from research.analysis import levels as lv
from research.analysis import provisions as prov
from research.analysis.asof import reading_date
from research.analysis.basis import Basis, Measure, basis_field, trace, traced
from research.analysis.common import format_ranges, sentence
from research.analysis.draft import CONVENTION_ARTICLE, DRAFT_ARTICLE, PAPER_DRAFT, PRESERVATION_ARTICLE
from research.data.labels import label
from research.sections import law_words, words

NO_PENALTY = "a penalty our data do not record"
SAFEGUARD_WORDS = {"proportionality": "proportionality", "independent_supervision": "independent supervision",
                   "grounds_required": "grounds for its use", "scope_duration_limited": "limits of scope and duration"}


def article_penalty(penalty: Measure) -> str:
    """The basic penalty of one article of the paper's draft in words (:func:`research.analysis.draft.article_penalty`)."""
    return NO_PENALTY if penalty.value is None else law_words.penalty_text(penalty.value)


def _verb(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _n(n: int) -> str:
    return "none" if n == 0 else words.number(n)


def reading_sentence(read: Measure, as_of: str | None, draft: str = PAPER_DRAFT) -> str:
    """When the paper's draft became public, whether it was still the latest cybercrime draft on the reading date,
    and, in an edition of a later date, whether it had been superseded by then (:func:`research.analysis.draft.reading`)."""
    read_on = reading_date(as_of)
    if read.value is None:
        return f"Our data hold no provision of the draft the paper examines ({draft}) as of {words.date_text(read_on)}."
    public, ended = read.value["public"], read.value["ended"]
    text = f"The draft the paper examines, the {draft}" + (f", became public on {words.date_text(public)}" if public else "")
    if as_of and as_of > read_on:
        text += f"; this section reads it as it stood on {words.date_text(read_on)}, the date of the paper's latest statements"
        if ended and ended <= as_of:
            text += f", and by {words.date_text(as_of)} our data record it as superseded (on {words.date_text(ended)})"
        return text + "."
    still = "not the latest" if read.value["later"] else "still the latest"
    return text + f"; as of {words.date_text(read_on)} it was {still} cybercrime draft in our data."


def categories_sentence(c: law.OffenceCategories, as_of: str | None) -> str:
    """The country's offence provisions in the paper's three categories of cybercrime, and outside them."""
    when = f" in force or in draft on {words.date_text(reading_date(as_of))}"
    if not c.n_offences:
        return f"Our data code no Cambodian offence provision{when}."
    return (f"Of the {words.count(c.n_offences, 'Cambodian offence provision')}{when} that we code, "
            f"{_n(c.n_offences_cia)} fall in the first category, {_n(c.n_offences_computer_related)} in the second, "
            f"{_n(c.n_offences_content_related)} in the third and {_n(c.n_offences_other)} in none of them"
            + (f"; {words.count(c.n_ancillary, 'further provision')} (attempt, participation, accessory penalties) "
               f"{_verb(c.n_ancillary, 'extends', 'extend')} liability for offences and "
               f"{_verb(c.n_ancillary, 'is', 'are')} counted apart" if c.n_ancillary else "") + ".")


def group_penalty(group: Measure) -> str:
    """The basic penalty a source gives for a group of the draft's articles, in words."""
    return NO_PENALTY if group.value is None else law_words.penalty_text(group.value["penalty"])


def group_penalty_sentence(group: Measure, own: Measure) -> str:
    """The group range and whether any article of the group has a penalty of its own in the data."""
    if group.value is None:
        return "Our data record no penalty that a source gives for a group of the draft's articles."
    span = law_words.articles_text(group.value["articles"])
    tail = ("our data record no penalty of its own for any one of them" if not own.value else
            f"our data also record a penalty of its own for {law_words.articles_text(own.value)}")
    return f"That range, {group_penalty(group)}, is one a source gives for {span} as a group; {tail}."


def offences_sentence(headings: Measure) -> str:
    """How many offence articles of the draft the data hold, and how many only by their headings."""
    n, heading = headings.value["offences"], headings.value["heading"]
    if not n:
        return "Our data hold no offence article of the draft."
    return (f"Our data hold {words.count(n, 'offence article')} of the draft, {_n(heading)} of them known by "
            f"{'its heading' if heading == 1 else 'their headings'} only.")


def art23_sentence(counts: Measure) -> str:
    """Draft Art. 23 against Convention Art. 3: mandatory elements met, missing, unknown; options taken up."""
    n = counts.value
    if n is None:
        return f"Our data code no Article {DRAFT_ARTICLE} of the draft, so no element is compared."
    return (f"Of the {words.count(n['mandatory'], 'mandatory element')} of Article {CONVENTION_ARTICLE}, draft Article "
            f"{DRAFT_ARTICLE} as we know it contains {_n(n['met'])}, is known to lack {_n(n['missing'])}, and for "
            f"{_n(n['unknown'])} the text we hold does not tell; it takes up {_n(n['used'])} of the "
            f"{words.count(n['options'], 'option')} that Article {CONVENTION_ARTICLE} offers a Party.")


def qualifier_sentence(qualifiers: Measure, draft: str = PAPER_DRAFT) -> str:
    """What is known of the draft offences' dishonest intent and plain intent."""
    q = qualifiers.value
    if not q["offences"]:
        return "Our data code no offence provision of the draft."
    no_d, no_i = q["no_dishonest"], q["no_intent"]
    return (f"Of the {words.count(q['offences'], 'offence provision')} of the {draft} that we code, {_n(no_d)} "
            f"{_verb(no_d, 'is', 'are')} reported to make no reference to a dishonest intent. On plain intent, "
            f"{_n(no_i)} {_verb(no_i, 'is', 'are')} reported to lack it, and for {_n(q['unknown_intent'])} the sources "
            f"we hold do not tell.")


def vague_sentence(terms: Measure) -> str:
    """The distinct broad terms the draft's provisions use, and the articles that use them."""
    if not terms.value["terms"]:
        return "Our data code no broad, open-ended term in the draft."
    return (f"The draft's provisions use {words.count(len(terms.value['terms']), 'distinct broad, open-ended term')}, "
            f"found in {law_words.articles_text(terms.value['articles'])}.")


def coverage_sentence(coverage: Measure, draft: str = PAPER_DRAFT) -> str:
    """The draft against the Convention's benchmark articles, at each coverage level."""
    matrix = coverage.value
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


def art17_sentence(safeguards: Measure) -> str:
    """Who orders draft Art. 17's preservation, and the four Art. 15 safeguards it is shown to carry from any source
    (its own words, or a general procedural rule whose scope reaches it), reported to lack, or not known."""
    if safeguards.value is None:
        return f"Our data code no Article {PRESERVATION_ARTICLE} of the draft."
    values, who = safeguards.value["values"], safeguards.value["ordered_by"]
    stated = [SAFEGUARD_WORDS[s] for s, v in values.items() if v is True]
    absent = sum(v is False for v in values.values())
    unknown = sum(v is None for v in values.values())
    which = f" ({words.join(stated)})" if stated else ""
    unsupervised = who not in (None, "judge") and values["independent_supervision"] is not True
    order = (f"By its words the order is made by {prov.ORDERED_BY.get(who, who)}, not by a judge, and nothing in the text "
             f"we hold submits it to judicial or other independent supervision; that is the ground of the concern "
             f"above. " if unsupervised else f"By its words the order is made by {prov.ORDERED_BY.get(who, who)}. " if who
             else "")
    return (f"{order}Of the four safeguards Article 15 names, the domestic law we hold for draft Article "
            f"{PRESERVATION_ARTICLE} (its own text, or a general procedural rule that reaches it) shows "
            f"{_n(len(stated))}{which}, is reported to lack {_n(absent)}, and for {_n(unknown)} the sources do not "
            f"tell.")


def safeguard_article_sentence(article: Measure) -> str:
    """The draft's own conditions-and-safeguards article, and how much of its text the data hold."""
    row = article.value
    if row is None:
        return "Our data hold no conditions-and-safeguards article of the draft."
    basis = str(row["text_basis"])
    held = ("whose text no source we hold quotes or describes" if basis == "heading" else
            f"whose text our data code as {label('provisions', 'text_basis', basis)}")
    return f"The draft's table of contents also has an Article {row['article']}, headed \u201c{row['heading']}\u201d, {held}."


@dataclass(frozen=True)
class DraftLaw:
    """The values and sentences of section 4 (read on the paper's date; see :func:`reading_sentence`); each number or
    date a sentence shows is a value of its own (see ``uses``)."""

    v1_art28_penalty: str
    v1_group_penalty: str
    v1_public_date: str | None = None
    v1_superseded_date: str | None = None
    v1_n_offences: int = 0
    v1_n_offences_cia: int = 0
    v1_n_offences_computer_related: int = 0
    v1_n_offences_content_related: int = 0
    v1_n_offences_other: int = 0
    v1_n_ancillary: int = 0
    v1_group_articles: str | None = None
    v1_own_penalty_articles: str | None = None
    v1_offence_articles: int = 0
    v1_heading_only: int = 0
    v1_art23_mandatory: int | None = None
    v1_art23_met: int | None = None
    v1_art23_missing: int | None = None
    v1_art23_unknown: int | None = None
    v1_art23_used: int | None = None
    v1_art23_options: int | None = None
    v1_no_dishonest: int = 0
    v1_no_intent: int = 0
    v1_unknown_intent: int = 0
    v1_vague_terms: int = 0
    v1_vague_articles: str | None = None
    v1_coverage_shown: int | None = None
    v1_coverage_at_most: int | None = None
    v1_coverage_narrower: int | None = None
    v1_coverage_named_only: int | None = None
    v1_coverage_not_coded: int | None = None
    v1_coverage_no_counterpart: int | None = None
    v1_art17_shown: int | None = None
    v1_art17_lacking: int | None = None
    v1_art17_unknown: int | None = None
    v1_safeguard_article: str | None = None
    v1_reading_sentence: str = sentence(uses=("v1_public_date", "v1_superseded_date"))
    v1_categories_sentence: str = sentence(uses=(
        "v1_n_offences", "v1_n_offences_cia", "v1_n_offences_computer_related", "v1_n_offences_content_related",
        "v1_n_offences_other", "v1_n_ancillary"))
    v1_group_penalty_sentence: str = sentence(uses=("v1_group_penalty", "v1_group_articles", "v1_own_penalty_articles"))
    v1_offences_sentence: str = sentence(uses=("v1_offence_articles", "v1_heading_only"))
    v1_art23_sentence: str = sentence(uses=("v1_art23_mandatory", "v1_art23_met", "v1_art23_missing",
                                            "v1_art23_unknown", "v1_art23_used", "v1_art23_options"))
    v1_qualifier_sentence: str = sentence(uses=("v1_offence_articles", "v1_no_dishonest", "v1_no_intent",
                                                "v1_unknown_intent"))
    v1_vague_sentence: str = sentence(uses=("v1_vague_terms", "v1_vague_articles"))
    v1_coverage_sentence: str = sentence(uses=(
        "v1_coverage_shown", "v1_coverage_at_most", "v1_coverage_shown", "v1_coverage_narrower",
        "v1_coverage_named_only", "v1_coverage_not_coded", "v1_coverage_no_counterpart"))
    v1_art17_sentence: str = sentence(uses=("v1_art17_shown", "v1_art17_lacking", "v1_art17_unknown"))
    v1_art20_sentence: str = sentence(uses=("v1_safeguard_article",))
    basis: Basis = basis_field()


def _numbers(paper: dict, focus: str, coverage: Measure) -> dict[str, Measure]:
    """The numbers and dates section 4's sentences show, by value name, each with its own rows."""
    provisions = paper["provisions"]
    counts = (dc.category_counts(provisions, focus), dc.offence_counts(provisions), dc.element_tallies(paper),
              dc.vague_counts(provisions), dc.coverage_counts(coverage),
              dc.preservation_counts(provisions, codings=paper.get("codings"),
                                     general_rules=paper.get("general_rules")),
              {k: m.map(words.date_text) for k, m in dc.reading_dates(paper).items()},
              {"group_articles": dc.group_articles(paper), "own_penalty_articles": dr.own_penalties(
                  paper, dr.group_penalty(paper)), "safeguard_article": dc.safeguard_article_number(provisions)})
    named = {f"v1_{key}": m for measures in counts for key, m in measures.items()}
    return {**named, **{n: Measure(named[n].value or None, named[n].rows).map(law_words.articles_text)
                        for n in ("v1_group_articles", "v1_own_penalty_articles", "v1_vague_articles")}}


@traced
def draft_law(paper: dict, focus: str, as_of: str | None) -> DraftLaw:
    """Section 4's values from the tables as of :func:`research.analysis.asof.reading_date` (``paper``)."""
    provisions = paper["provisions"]
    art28, group = dr.article_penalty(paper), dr.group_penalty(paper)
    own, read = dr.own_penalties(paper, group), dr.reading(paper, focus)
    categories = law.offence_categories(provisions, focus)
    headings, counts = dr.offence_headings(provisions), dr.element_counts(paper)
    qualifiers, terms = dr.offence_qualifiers(provisions), dr.broad_terms(provisions)
    coverage = dr.coverage(paper, focus)
    safeguards = dr.preservation_safeguards(provisions, codings=paper.get("codings"),
                                            general_rules=paper.get("general_rules"))
    article20 = dr.safeguard_article(provisions)
    numbers = _numbers(paper, focus, coverage)
    return DraftLaw(
        v1_art28_penalty=article_penalty(art28),
        v1_group_penalty=group_penalty(group),
        **{name: m.value for name, m in numbers.items()},
        v1_reading_sentence=reading_sentence(read, as_of),
        v1_categories_sentence=categories_sentence(categories, as_of),
        v1_group_penalty_sentence=group_penalty_sentence(group, own),
        v1_offences_sentence=offences_sentence(headings),
        v1_art23_sentence=art23_sentence(counts),
        v1_qualifier_sentence=qualifier_sentence(qualifiers),
        v1_vague_sentence=vague_sentence(terms),
        v1_coverage_sentence=coverage_sentence(coverage),
        v1_art17_sentence=art17_sentence(safeguards),
        v1_art20_sentence=safeguard_article_sentence(article20),
        basis=Basis({
            "v1_art28_penalty": trace(art28),
            "v1_group_penalty": trace(group),
            **{name: trace(m) for name, m in numbers.items()},
            "v1_reading_sentence": trace(read),
            "v1_categories_sentence": categories.basis.rows.get("n_offences", ()),
            "v1_group_penalty_sentence": trace(group, own),
            "v1_offences_sentence": trace(headings),
            "v1_art23_sentence": trace(counts),
            "v1_qualifier_sentence": trace(qualifiers),
            "v1_vague_sentence": trace(terms),
            "v1_coverage_sentence": trace(coverage),
            "v1_art17_sentence": trace(safeguards),
            "v1_art20_sentence": trace(article20),
        }),
    )
