"""Small typed frames for the tests of the report's section modules (not a test module): a handful of Cambodian
provisions, penalties, incidents, facts and Party counts, each chosen so that every count can be worked out by hand."""

from __future__ import annotations

from typed_frames import typed

from research.analysis.draft import PAPER_DRAFT

EVIDENCE = {"source": "s", "locator": "l", "basis": "paper"}


def provisions(*rows: dict):
    defaults = {"country": "KHM", "instrument": "Criminal Code", "instrument_year": 2009, "status": "in_force",
                "kind": "offence", "category": "cia", "text_basis": "quoted", "summary": "s", **EVIDENCE}
    return typed("provisions", *({**defaults, **row} for row in rows))


D = {"instrument": PAPER_DRAFT, "instrument_year": 2014, "status": "draft", "valid_from": "2014-04-09",
     "valid_to": "2020-08-04", "source": "toc"}
PROVISIONS = provisions(
    {"provision_id": "KHM-CC2009-427", "article": "427", "heading": "Access", "convention_articles": "2",
     "intent_required": False, "without_right": False, "vague_terms": "having access", "valid_from": "2010-12-10",
     "source": "code"},
    {"provision_id": "KHM-CC2009-317-320", "article": "317-320", "heading": "Secrecy", "intent_required": True,
     "dishonest_intent": True, "valid_from": "2010-12-10"},
    {"provision_id": "KHM-TEL2015-80", "instrument": "Law on Telecommunications", "instrument_year": 2015, "article": "80",
     "heading": "Equipment", "category": "other", "vague_terms": "national insecurity", "valid_from": "2015-12-17"},
    {"provision_id": "KHM-TEL2015-97", "instrument": "Law on Telecommunications", "instrument_year": 2015, "article": "97",
     "heading": "Surveillance", "kind": "procedural_power", "category": "procedural",
     "vague_terms": "legitimate authority", "valid_from": "2015-12-17"},
    {"provision_id": "KHM-TEL2015-76", "instrument": "Law on Telecommunications", "instrument_year": 2015, "article": "76",
     "heading": "Destruction", "kind": "procedural_power", "category": "procedural", "grounds_required": True,
     "valid_from": "2015-12-17"},
    {"provision_id": "KHM-PRESS1995-11", "instrument": "Press Law", "instrument_year": 1995, "article": "11",
     "heading": "Order", "kind": "obligation", "category": "content_related", "vague_terms": "public order"},
    {"provision_id": "KHM-D-21", "article": "21", "heading": "Illegal Access", "convention_articles": "2",
     "text_basis": "described", "without_right": True, "dishonest_intent": False, **D},
    {"provision_id": "KHM-D-23", "article": "23", "heading": "Illegal Interception", "convention_articles": "3",
     "text_basis": "described", "dishonest_intent": False, **D},
    {"provision_id": "KHM-D-24", "article": "24", "heading": "Data Interference", "convention_articles": "4",
     "text_basis": "heading", "intent_required": False, "dishonest_intent": False, **D},
    {"provision_id": "KHM-D-28", "article": "28", "heading": "Contents", "category": "content_related",
     "vague_terms": "insecurity;moral and cultural values", **D},
    {"provision_id": "KHM-D-17", "article": "17", "heading": "Preservation", "kind": "procedural_power",
     "category": "procedural", "convention_articles": "16;17", "grounds_required": True, **D},
    {"provision_id": "KHM-D-20", "article": "20", "heading": "Condition and Safeguard", "kind": "safeguard",
     "category": "procedural", "convention_articles": "15", "text_basis": "heading", **D},
    {"provision_id": "KHM-D-36", "article": "36", "heading": "Extradition", "kind": "cooperation",
     "category": "cooperation", "text_basis": "heading", **D},
    {"provision_id": "SGP-3", "country": "SGP", "instrument": "Computer Misuse Act", "instrument_year": 1993,
     "article": "3", "heading": "Unauthorised access", "convention_articles": "2", "text_basis": "full_text",
     "intent_required": True, "without_right": True, "dishonest_intent": False, "source": "cma"},
)


def _pen(pid: str, provs: str, lo, hi, fmin, fmax, cur, how=None):
    return {"penalty_id": pid, "provisions": provs, "tier": "basic", "prison_min_months": lo, "prison_max_months": hi,
            "fine_min": fmin, "fine_max": fmax, "fine_currency": cur, "combination": how, **EVIDENCE}


PENALTIES = typed("penalties",
                  _pen("P1", "KHM-CC2009-317-320", 12, 60, 100000, 2000000, "KHR"),
                  _pen("P2", "KHM-TEL2015-80", 84, 180, 140000000, 300000000, "KHR", "and"),
                  _pen("P3", "KHM-D-21;KHM-D-23;KHM-D-24", 6, 180, 1000000, 24000000, "KHR", "and"),
                  _pen("P4", "KHM-D-28", 12, 36, 500, 1500, "USD", "and"))
RULES = typed("general_rules", {"rule_id": "r", "country": "KHM", "instrument": "Criminal Code", "article": "5",
                                "rule": "intent_default", "quote": "No offence without intent.", **EVIDENCE})
ELEMENTS = typed("convention_elements", *(
    {"article": a, "element": e, "label": e, "requirement": r, "field": f, "text": f"{e} words", **EVIDENCE}
    for a, e, r, f in [(2, "intentionally", "mandatory", "intent_required"), (2, "without_right", "mandatory", "without_right"),
                       (3, "intentionally", "mandatory", "intent_required"), (3, "without_right", "mandatory", "without_right"),
                       (3, "technical_means", "mandatory", None), (3, "dishonest_intent", "optional", "dishonest_intent"),
                       (3, "connected_system", "optional", None), (4, "intentionally", "mandatory", "intent_required")]))
CONVENTION = typed("convention", *({"article": a, "kind": k, "title": "t", "chapter": "II", **EVIDENCE}
                                   for a, k in [(2, "offence"), (3, "offence"), (4, "offence"), (15, "safeguard"),
                                                (16, "procedural_power"), (17, "procedural_power")]))
CODINGS = typed("codings", {"record_id": "KHM-D-23", "field": "element:technical_means", "value": "true", "quote": "q",
                            "source": "s", "locator": "l"})
COUNTRIES = typed("countries", *({"iso3": i, "name": n, "asean_member": a, "budapest_status": b, "source": s,
                                  "locator": "l", "basis": "paper"}
                                 for i, n, a, b, s in [("KHM", "Cambodia", True, "none", "coe"),
                                                       ("SGP", "Singapore", True, None, "coe"),
                                                       ("LAO", "Lao PDR", True, None, "coe"),
                                                       ("PHL", "Philippines", True, "party", "nguon2019cambodia"),
                                                       ("CAN", "Canada", False, "party", "nguon2019cambodia"),
                                                       ("CHN", "China", False, "none", "coe")]))
FACTS = typed("country_facts", *({"iso3": i, "indicator": k, "year": y, "date": d, "value": v, "label": lab, **EVIDENCE}
                                 for i, k, y, d, v, lab in [
                                     ("KHM", "cert_established", 2007, "2007-12", None, "CamCERT"),
                                     ("KHM", "gci_score", 2014, None, 0.118, "GCI 2014"),
                                     ("SGP", "gci_score", 2014, None, 0.676, "GCI 2014"),
                                     ("LAO", "gci_score", 2014, None, 0.059, "GCI 2014"),
                                     ("KHM", "gci_score", 2018, None, 0.161, "GCI 2018"),
                                     ("SGP", "gci_score", 2018, None, 0.898, "GCI 2018"),
                                     ("CHN", "cybersecurity_law", 2016, "2016-11-07", None, "Cybersecurity Law")]))
PARTIES = typed("convention_parties", *({"date": d, "parties": n, **EVIDENCE} for d, n in [("2018-03", 57), ("2019-03", 63)]))


def incidents(*rows: dict):
    defaults = {"entry_type": "incident", "actor_type": "not_identified", "victim_country": "KHM", "summary": "s",
                **EVIDENCE}
    return typed("incidents", *({**defaults, **row} for row in rows))


INCIDENTS = incidents(
    {"incident_id": "1", "year": 2012, "date": "2012-09-11", "actor": "Anonymous", "actor_type": "hacktivist",
     "target": "Ministry of Foreign Affairs", "target_sector": "government", "attack_types": "data_leak",
     "cia_impact": "confidentiality", "records_leaked": 5000, "reported": "2016", "source": "ymac",
     "other_sources": "eurepoc"},
    {"incident_id": "2", "entry_type": "campaign", "year": 2017, "date": "2017-04", "date_end": "2018-07",
     "actor": "TEMP.Periscope", "actor_type": "state_sponsored", "actor_country": "CHN", "target": "NEC",
     "target_sector": "multiple", "attack_types": "espionage;phishing", "cia_impact": "confidentiality",
     "reported": "2018-07-11", "reported_as": "APT40;Leviathan"},
    {"incident_id": "3", "year": 2010, "date": "2010", "actor": "Black Hats Team", "actor_type": "named_untyped",
     "actor_country": "IRN", "target": "Ministry website", "target_sector": "government", "attack_types": "defacement",
     "cia_impact": "integrity"},
    {"incident_id": "4", "year": 2021, "date": "2021-06", "actor": "TAG-34", "actor_type": "state_sponsored",
     "actor_country": "CHN", "target": "Port", "target_sector": "multiple", "reported": "2021-12-08"},
    {"incident_id": "5", "target": "Police website", "target_sector": "government"},
    {"incident_id": "6", "entry_type": "claim", "actor": "Young Geek", "actor_type": "named_untyped",
     "target": "Cambodian government", "target_sector": "government", "reported": "2016-11"},
)
TABLES = {"provisions": PROVISIONS, "penalties": PENALTIES, "general_rules": RULES, "convention_elements": ELEMENTS,
          "convention": CONVENTION, "codings": CODINGS, "countries": COUNTRIES, "country_facts": FACTS,
          "convention_parties": PARTIES, "incidents": INCIDENTS}
