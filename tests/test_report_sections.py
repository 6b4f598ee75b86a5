"""The values and sentences of the report's sections (research.sections.*), on the small typed frames of
report_frames.py; every expected count and sentence is worked out by hand from those rows."""

from __future__ import annotations

import dataclasses

import pandas as pd
from report_frames import COUNTRIES, FACTS, INCIDENTS, PROVISIONS, TABLES, incidents, provisions
from typed_frames import typed

from research.analysis import attack, law
from research.analysis import draft as dr
from research.analysis import law_framework as fw
from research.analysis import levels as lv
from research.analysis.basis import Measure
from research.analysis.draft import PAPER_DRAFT
from research.sections import conclusions as cr
from research.sections import draft_cybercrime_law as dl
from research.sections import draft_tables as dt
from research.sections import existing_law as el
from research.sections import incidents as ap
from research.sections import recommendations as rec
from research.sections import under_attack as ua

PAPER, LATER = "2019-06-30", "2026-12-01"


# Section 1 --------------------------------------------------------------------------------------------------------

def test_the_incident_table_is_counted_with_claims_kept_apart():
    # rows 1, 3, 4, 5 are incidents, 2 a campaign, 6 a claim
    assert ua.counts_sentence(attack.entry_counts(INCIDENTS), PAPER, "Cambodia") == (
        "As of 30 June 2019, the incident table holds 6 entries on attacks against Cambodia: 4 single incidents, "
        "1 campaign and 1 general claim (statements that are not incidents, or groups named with no incident attached), "
        "which are kept apart and not counted as incidents.")


def test_dating_says_what_was_reported_after_the_paper_only_in_a_later_edition():
    # dated: 2012, 2017, 2010, 2021; row 4 was reported in December 2021, row 5 has no date at all
    assert ua.dating_sentence(attack.dating(INCIDENTS, PAPER)) == "Of the 5 incidents and campaigns, 4 can be dated, from 2010 to 2021."
    assert ua.dating_sentence(attack.dating(INCIDENTS, LATER)) == (
        "Of the 5 incidents and campaigns, 4 can be dated, from 2010 to 2021, and 1 was first reported after "
        "30 June 2019, the date of the paper's latest statements.")


def test_attribution_names_the_commonest_origin_and_ties():
    # rows 2 and 4 to China, row 3 to Iran
    assert ua.attribution_sentence(attack.origins_abroad(INCIDENTS), COUNTRIES) == (
        "Sources attribute 3 of the 5 to actors based outside the country attacked, most often in China "
        "(2 of the 3 entries).")
    tied = INCIDENTS[INCIDENTS["incident_id"] != "4"]
    assert ua.attribution_sentence(attack.origins_abroad(tied), COUNTRIES).endswith("most often in China and Iran (1 each).")


def test_the_leak_is_counted_where_the_table_records_its_size():
    assert ua.mfa_leak_sentence(attack.records_leaked(INCIDENTS, *ua.MFA_LEAK)) == ("Another hacktivist collective, Anonymous, caused more than 5,000 "
                                               "documents to be stolen from the Ministry of Foreign Affairs and leaked")
    assert "caused documents to be stolen" in ua.mfa_leak_sentence(attack.records_leaked(INCIDENTS[INCIDENTS["incident_id"] != "1"], *ua.MFA_LEAK))


def test_cert_and_first_gci_edition():
    assert ua.cert_sentence(attack.first_fact(FACTS, "KHM", "cert_established")) == ("The national computer emergency response team, CamCERT, was established "
                                              "in December 2007 to deal with cybersecurity and cybercrime.")
    assert ua.cert_sentence(attack.first_fact(FACTS, "SGP", "cert_established")).startswith("Our data record no founding date")
    # GCI 2014: Singapore 0.676 above Cambodia 0.118 above Lao PDR 0.059; the Philippines has no score
    assert ua.gci_sentence(FACTS, COUNTRIES, "KHM") == (
        "In the first edition of the ITU's Global Cybersecurity Index in our data, GCI 2014, Cambodia scored 0.118 on "
        "a scale of 0 to 1, 2nd of the 3 ASEAN members with a recorded score")


def test_under_attack_reads_the_drafts_penalty_from_the_papers_tables():
    section = ua.under_attack(TABLES, TABLES, "KHM", PAPER)
    assert section.attack_art28_penalty == "one to three years' imprisonment and a fine of US$500 to US$1,500"
    assert section.attack_n_undated == 1
    assert "30 June 2019" in ua.incidents_caption(PAPER) and "hatched" not in ua.incidents_caption(PAPER)
    assert "hatched: first reported after 30 June 2019" in ua.incidents_caption(LATER)


# Section 3 --------------------------------------------------------------------------------------------------------

def test_cybercrime_law_status_is_dated_and_names_the_drafts():
    assert el.cybercrime_law_sentence(fw.cybercrime_laws(TABLES, "KHM"), PAPER) == (
        "As of 30 June 2019, our data record no cybercrime law as enacted; the cybercrime text they hold "
        "(Draft Law on Cybercrime V.1) is a draft.")
    fact = typed("country_facts", {"iso3": "KHM", "indicator": "cybercrime_law", "year": 2030, "label": "Law on Cybercrime",
                                   "source": "s", "locator": "l", "basis": "paper"})
    enacted = {**TABLES, "country_facts": pd.concat([FACTS, fact])}
    assert el.cybercrime_law_sentence(fw.cybercrime_laws(enacted, "KHM"), "2031-01-01") == (
        "As of 1 January 2031, our data record a cybercrime law as enacted: Law on Cybercrime.")


def test_law_in_force_counts_its_instruments_terms_and_powers():
    assert el.in_force_sentence(fw.in_force(TABLES, "KHM"), PAPER) == (
        "Our provisions table codes 6 provisions in force on 30 June 2019, of 3 instruments.")
    assert el.vague_sentence(fw.broad_terms_in_force(TABLES, "KHM"), PAPER) == (
        "Across the 6 provisions in force on 30 June 2019 that we code, 4 rely on at least one broad, open-ended term of "
        "the kind the paper criticises, 4 distinct terms in all.")
    assert el.powers_sentence(fw.powers_safeguards(TABLES, "KHM"), PAPER).startswith(
        "Of the 2 procedural powers in force on 30 June 2019 that we code, 1 is shown, by its own words or by general "
        "procedural law, to carry at least one of the safeguards Article 15 names")
    assert el.powers_sentence(fw.powers_safeguards(TABLES, "KHM"), PAPER).endswith("and none all four.")
    # a general procedural rule of country scope supplies a safeguard to every power of the country
    rule = typed("general_rules", {"rule_id": "r", "country": "KHM", "instrument": "Code of Criminal Procedure",
                                   "article": "1", "rule": "intent_default", "quote": "q", "source": "s", "locator": "l",
                                   "basis": "primary"})
    rule = rule.assign(rule=pd.array(["safeguard:independent_supervision"], dtype="string"),
                       scope=pd.array(["country"], dtype="string"))
    assert "in force on 30 June 2019 that we code, 2 are shown" in el.powers_sentence(fw.powers_safeguards({**TABLES, "general_rules": rule}, "KHM"), PAPER)


def test_penalties_of_the_articles_the_paper_discusses():
    assert el.group_penalty_sentence(fw.provision_penalties(TABLES, fw.CC_IT_SECTOR), "Articles 427 to 432") == (
        "The paper gives no penalty for Articles 427 to 432, and our data record none.")
    assert el.group_penalty_sentence(fw.provision_penalties(TABLES, ("KHM-CC2009-317-320",)), "Articles 317-320") == (
        "Our data record one to five years' imprisonment and a fine of 100,000 to 2,000,000 riels (whether both apply "
        "together is not recorded) for Articles 317-320 of the Criminal Code.")
    # penalties with a prison term are recorded for Arts 317-320 (P1) and Telecom 80 (P2), not for Art. 427
    assert el.heaviest_sentence(fw.heaviest_in_force(TABLES, "KHM", 4000), PAPER) == (
        "Among the 3 offence provisions in force on 30 June 2019 that we code, the data record a prison term for 2 of "
        "the 3 provisions; among those, the longest maximum prison term is fifteen years, under Art. 80 of the Law on "
        "Telecommunications.")


def test_three_readings_of_the_general_intent_rule():
    # seven Cambodian offences: 317-320 intent in its words; 427 and draft Art. 24 known not; four not known
    assert el.intent_sentence(fw.intent_readings(TABLES, "KHM"), "Cambodia") == (
        "Of the 7 offence provisions in force or in draft that we code for Cambodia, 1 requires intent in its own words, "
        "2 are known not to, and for 4 the text we hold does not tell. Applying Article 5 to the Code's own offences "
        "raises the number that require intent to 2 of the 7 provisions; applying it to every offence of the country, "
        "drafts included, raises it to all seven provisions.")


def test_the_press_laws_content_rules_are_duties_without_a_recorded_penalty():
    assert el.press_sentence(fw.press_rules(TABLES)) == (
        "Our data code this article as duties or prohibitions: no sanction for it is in the sources read for this "
        "edition, and our data record none.")


def test_existing_law_values_and_the_lese_majeste_fine_in_dollars():
    law = el.existing_law(TABLES, "KHM", 4000, PAPER)
    assert law.law_tel80_prison == "seven to fifteen years' imprisonment"
    assert law.law_tel80_fine == "a fine of 140,000,000 to 300,000,000 riels"
    assert law.law_cc437_penalty == "a penalty our data do not record"
    assert law.law_rule_quote == "No offence without intent."
    assert law.law_telecom_sentence == ("The Law on Telecommunications was promulgated on 17 December 2015 as the legal "
                                        "instrument for supervising the telecommunications sector.")
    row = typed("penalties", {"penalty_id": "P5", "provisions": "KHM-CC2009-437", "tier": "basic", "prison_min_months": 12,
                              "prison_max_months": 60, "fine_min": 2000000, "fine_max": 10000000, "fine_currency": "KHR",
                              "combination": "and", "source": "s", "locator": "l", "basis": "paper"})
    art = provisions({"provision_id": "KHM-CC2009-437", "article": "437", "heading": "King", "category": "content_related"})
    with_437 = {**TABLES, "penalties": pd.concat([TABLES["penalties"], row]),
                "provisions": pd.concat([PROVISIONS, art], ignore_index=True)}
    assert el.existing_law(with_437, "KHM", 4000, PAPER).law_cc437_usd == "US$500 to US$2,500"


# Section 4 --------------------------------------------------------------------------------------------------------

def test_the_draft_is_read_on_the_papers_date_and_said_superseded_later():
    assert dl.reading_sentence(dr.reading(TABLES, "KHM"), PAPER) == (
        "The draft the paper examines, the Draft Law on Cybercrime V.1, became public on 9 April 2014; as of 30 June 2019 "
        "it was still the latest cybercrime draft in our data.")
    assert dl.reading_sentence(dr.reading(TABLES, "KHM"), LATER) == (
        "The draft the paper examines, the Draft Law on Cybercrime V.1, became public on 9 April 2014; this section "
        "reads it as it stood on 30 June 2019, the date of the paper's latest statements, and by 1 December 2026 our data "
        "record it as superseded (on 4 August 2020).")


def test_offence_categories_group_penalty_and_headings():
    assert dl.categories_sentence(law.offence_categories(PROVISIONS, "KHM"), PAPER) == (
        "Of the 7 Cambodian offence provisions in force or in draft on 30 June 2019 that we code, 5 fall in the first "
        "category, none in the second, 1 in the third and 1 in none of them.")
    group = dr.group_penalty(TABLES)
    assert dl.group_penalty_sentence(group, dr.own_penalties(TABLES, group)) == (
        "That range, six months to fifteen years' imprisonment and a fine of 1,000,000 to 24,000,000 riels, is one a "
        "source gives for Arts 21 and 23-24 as a group; our data record no penalty of its own for any one of them.")
    assert dl.offences_sentence(dr.offence_headings(PROVISIONS)) == "Our data hold 4 offence articles of the draft, 1 of them known by its heading only."


def test_article_23_against_article_3_counts_mandatory_elements_and_options_apart():
    # intentionally and without right not known; technical means coded true; both options unused or unknown
    assert dr.element_counts(TABLES).value == {"mandatory": 3, "met": 1, "missing": 0, "unknown": 2, "options": 2, "used": 0}
    assert dl.art23_sentence(dr.element_counts(TABLES)) == (
        "Of the 3 mandatory elements of Article 3, draft Article 23 as we know it contains 1, is known to lack none, and "
        "for 2 the text we hold does not tell; it takes up none of the 2 options that Article 3 offers a Party.")


def test_qualifiers_terms_and_safeguards_of_the_draft():
    assert dl.qualifier_sentence(dr.offence_qualifiers(PROVISIONS)) == (
        "Of the 4 offence provisions of the Draft Law on Cybercrime V.1 that we code, 3 are reported to make no reference to a dishonest "
        "intent. On plain intent, 1 is reported to lack it, and for 3 the sources we hold do not tell.")
    assert dl.vague_sentence(dr.broad_terms(PROVISIONS)) == "The draft's provisions use 2 distinct broad, open-ended terms, found in Art. 28."
    assert dl.art17_sentence(dr.preservation_safeguards(PROVISIONS)) == (
        "Of the four safeguards Article 15 names, the domestic law we hold for draft Article 17 (its own text, or a "
        "general procedural rule that reaches it) shows 1 (grounds for its use), is reported to lack none, and for 3 the "
        "sources do not tell.")
    # who orders the preservation is reported, and a prosecutor's order keeps the paper's concern at its strength
    by = typed("codings", {"record_id": "KHM-D-17", "field": "ordered_by", "value": "prosecutor", "quote": "q",
                           "source": "s", "locator": "l", "basis": "paper"})
    assert dl.art17_sentence(dr.preservation_safeguards(PROVISIONS, codings=by)).startswith(
        "By its words the order is made by the prosecutor, not by a judge, and nothing in the text we hold submits it "
        "to judicial or other independent supervision; that is the ground of the concern above. Of the four")
    # a general procedural rule of the draft's own instrument supplies a safeguard (Art. 15: "under its domestic law")
    rule = typed("general_rules", {"rule_id": "r", "country": "KHM", "instrument": "Draft Law on Cybercrime V.1",
                                   "article": "20", "rule": "intent_default", "quote": "q", "source": "s",
                                   "locator": "l", "basis": "paper"})
    rule = rule.assign(rule=pd.array(["safeguard:proportionality"], dtype="string"))
    assert "shows 2 (proportionality and grounds for its use)" in dl.art17_sentence(dr.preservation_safeguards(PROVISIONS, general_rules=rule))
    assert dl.safeguard_article_sentence(dr.safeguard_article(PROVISIONS)) == (
        "The draft's table of contents also has an Article 20, headed \u201cCondition and Safeguard\u201d, whose text no "
        "source we hold quotes or describes.")


def test_without_the_draft_or_its_article_23_each_sentence_says_so():
    # moved here from the tests of the pre-restructuring analysis (analysis/draft.py), which no notebook used
    without_23 = {**TABLES, "provisions": PROVISIONS[PROVISIONS["article"].astype(str) != "23"]}
    assert dl.art23_sentence(dr.element_counts(without_23)) == "Our data code no Article 23 of the draft, so no element is compared."
    no_draft = PROVISIONS[PROVISIONS["instrument"].astype(str) != PAPER_DRAFT]
    assert dl.qualifier_sentence(dr.offence_qualifiers(no_draft)) == "Our data code no offence provision of the draft."
    assert dl.offences_sentence(dr.offence_headings(no_draft)) == "Our data hold no offence article of the draft."


def test_coverage_sentence_counts_every_level():
    # one article met, one not shown (so at most two), one named only, one with no coded counterpart
    matrix = pd.DataFrame([[lv.MEETS, lv.NOT_SHOWN, lv.NAMED_ONLY, lv.NOT_CODED]],
                          index=[PAPER_DRAFT], columns=[2, 3, 4, 16])
    assert dl.coverage_sentence(Measure(matrix)) == (
        "Of the Convention's 4 benchmark articles (Arts 2-4 and 16), the draft's text as read shows every mandatory "
        "element of the Convention's definition (or, for a power, every safeguard of Article 15) for 1; counting the "
        "upper bound, the articles that would be met if every element the text leaves unknown were present, for at "
        "most 2. We use the lower bound: the draft is shown to meet the Convention for 1. For none its counterparts "
        "are shown narrower than the Convention (a mandatory element missing, or a restriction the Convention does "
        "not allow); 1 is named in its table of contents only, with no text to judge; and for 1 no provision of the "
        "draft is coded as a counterpart, which does not show that it has none.")
    assert "no provision of the draft" in dl.coverage_sentence(Measure(matrix.rename(index={PAPER_DRAFT: "other"})))


def test_the_drafts_offence_table_says_a_group_range_is_one():
    table = dt.offences_table(TABLES)
    assert list(table["article"]) == ["21", "23", "24", "28"]
    first = table.iloc[0]
    assert first["penalty"] == ("six months to fifteen years' imprisonment and a fine of 1,000,000 to 24,000,000 riels "
                                "(one range for Arts 21 and 23-24)")
    assert (first["intent"], first["without right"], first["dishonest intent"]) == ("not known", "yes", "no")
    assert table.iloc[3]["penalty"] == "one to three years' imprisonment and a fine of US$500 to US$1,500"
    assert all("30 June 2019" in c for c in (dt.captions(LATER).coverage, dt.captions(LATER).offences))


# Section 6 --------------------------------------------------------------------------------------------------------

def test_a_gap_the_data_show_closed_is_said_to_be_met():
    # moved here from the tests of recommendations.measured_gaps, which no notebook used
    party = COUNTRIES.copy()
    party["budapest_status"] = party["budapest_status"].astype(object).where(party["iso3"].astype(str) != "KHM", "party")
    countries = typed("countries", *[{k: v for k, v in r.items() if not pd.isna(v)}
                                     for r in party.astype(object).to_dict("records")])
    assert rec.gaps({**TABLES, "countries": countries}, "KHM", PAPER)["convention"] == (
        "no gap measured: the data record the country as a Party")


def test_each_recommendation_beside_what_is_missing():
    gaps = rec.gaps(TABLES, "KHM", PAPER)
    assert gaps == {
        # only Art. 427 of the law in force answers a Convention article (Art. 2): no article answered twice
        "overlap_and_vagueness": "no overlap measured: no Convention article is answered by provisions of more than one "
                                 "instrument in force on 30 June 2019 (whether the laws are applicable is not "
                                 "measurable from the data)",
        "draft_offences": "in the latest cybercrime draft in our data on 30 June 2019, the Draft Law on Cybercrime V.1, "
                          "3 of the 4 offence articles are reported to make no reference to a dishonest intent; 1 is "
                          "reported to lack an intent element; its provisions use 2 broad, open-ended terms",
        # no provision is coded as an institution, in force or in draft
        "authorities": "no provision in force on 30 June 2019 is coded as establishing or naming a responsible "
                       "authority; nor does any draft",
        "security_measures": "not measurable from the data: they record attacks (3 of the 5 incidents and campaigns "
                             "recorded by 30 June 2019 struck government, electoral, military or judicial targets), not "
                             "the security measures the nation has taken",
        "cooperation": "none of the 6 provisions in force on 30 June 2019 provides for international co-operation; the "
                       "co-operation articles coded are in drafts only (Draft Law on Cybercrime V.1)",
        "awareness": "not measurable from the data: they hold no count of awareness programmes; the ITU Global "
                     "Cybersecurity Index, whose scores they hold, measures far more than awareness",
        "convention": "by the Council of Europe's list of Parties as our data read it for March 2019, Cambodia was not a "
                      "Party, and our data record no signature, ratification, acceptance, approval or accession by it "
                      "up to 30 June 2019",
    }
    table = rec.recommendation_table(TABLES, "KHM", PAPER)
    assert list(table.columns) == ["recommendation (the paper's words)",
                                   "what the data measure as missing (as of 30 June 2019)"]
    assert len(table) == 7 and list(table.iloc[:, 1]) == list(gaps.values())


def test_conclusions_values():
    c = cr.conclusions(TABLES, "KHM", PAPER)
    assert (c.concl_telecom_year, c.concl_n_recommendations) == (2015, 7)
    assert {f.name for f in dataclasses.fields(c) if f.metadata.get("sentence")} >= {"concl_status_sentence"}


# Appendix ---------------------------------------------------------------------------------------------------------

def test_the_incident_appendix_orders_by_date_and_keeps_claims_last():
    assert list(ap.ordered(INCIDENTS)["incident_id"]) == ["3", "1", "2", "4", "5", "6"]
    table = ap.incident_table(INCIDENTS, COUNTRIES)
    campaign = table.iloc[2].to_dict()
    assert campaign == {"entry": "campaign", "date": "April 2017 to July 2018", "actor": "TEMP.Periscope",
                        "actor type": "state-sponsored", "attributed origin": "China", "target": "NEC",
                        "sector": "several sectors", "techniques": "espionage, phishing",
                        "also reported as": "APT40, Leviathan", "sources": "s"}
    assert table.iloc[0]["attributed origin"] == "Iran" and table.iloc[1]["sources"] == "ymac;eurepoc"
    assert (table.iloc[4]["date"], table.iloc[5]["entry"]) == ("undated", "general claim")


def test_the_appendix_sentence_counts_what_it_lists():
    assert ap.incident_appendix(INCIDENTS, PAPER).appx_table_sentence == (
        "The table lists the 6 entries known by 30 June 2019: 4 incidents and 1 campaign, in order of date with the "
        "undated ones last, then 1 general claim, kept apart because it is not an incident and is not counted as one.")
    one = incidents({"incident_id": "x", "entry_type": "claim"})
    assert ap.incident_appendix(one, None).appx_table_sentence.startswith("The table lists the 1 entry:")
