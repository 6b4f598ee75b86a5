"""Variants of the edition checked on the functions the section notebooks call, on the real data, without a build.

The slow tier builds one edition of each kind (data lacking the draft law: test_new_data.py; an edition of another
date: test_report_reading.py); the other variants it once built whole for a few values are here, each computed as its
notebook computes it: the tables loaded as ``load_data`` gives them, then the notebook's section functions.
"""

from __future__ import annotations

import csv

from support import copy_inputs, drop_provisions

from research import paths
from research.analysis import asof, law, scope
from research.analysis import countries as cty
from research.engine.parameters import PARAMETERS
from research.nb import tables
from research.nb.glue import glue_all
from research.nb.inputs import load_data
from research.sections import draft_cybercrime_law as dl
from research.sections import draft_tables as dt
from research.sections import existing_law as el

DRAFT = "Draft Law on Cybercrime V.1"
PAPER_DATE = PARAMETERS["as_of"].default
EARLIER = "2019-03-31"  # before the Law on Electronic Commerce (2 November 2019) and before the paper


def test_data_without_draft_article_23_say_so(tmp_path):
    # Moved from test_new_data.py, which built every notebook for these two sentences and the table; its report is
    # still built there from data without the whole draft (so without its Article 23 either).
    data_dir, references = copy_inputs(tmp_path)
    drop_provisions(data_dir, lambda r: r["instrument"] == DRAFT and r["article"] == "23")
    # as notebook 04 (section 4) loads and records them
    data = load_data(data_dir, references, as_of=asof.reading_date(PAPER_DATE))
    text = " ".join(" ".join(glue_all(dl.draft_law(data, scope.FOCUS, PAPER_DATE)).values()).split())
    assert "Our data code no Article 23 of the draft, so no element is compared." in text
    assert "the draft's text as read shows every mandatory element of the Convention's definition" in text  # still counted
    # the comparison table is written all the same, saying what is not coded, so the report's reference to it resolves
    out = tmp_path / "out"
    tables.save_table(dt.draft_article_comparison(data), "tbl-art23-vs-art3", out, caption=dt.captions(PAPER_DATE).art23)
    assert "the data hold no draft Article 23" in (out / "tables" / "tbl-art23-vs-art3.csv").read_text(encoding="utf-8")


def test_an_edition_of_31_march_2019_holds_only_what_was_valid_or_known_then(tmp_path):
    # Moved from test_report_reading.py, which built a whole edition of that date for these two readings; it checks
    # an edition of a later date built whole, and the paper's own (the session build).
    with open(paths.DATA_DIR / "provisions.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    # the Law on Electronic Commerce begins on 2 November 2019: absent from the March 2019 edition
    instrument = [r for r in rows if r["instrument"] == "Law on Electronic Commerce"]
    assert instrument and all(r["valid_from"] > EARLIER for r in instrument)
    data = load_data(paths.DATA_DIR, paths.REFERENCES, as_of=EARLIER)  # as notebooks 03 and 05 load them
    out = tmp_path / "out"
    tables.save_table(law.in_force_table(data["provisions"], scope.FOCUS), "tbl-provisions", out,  # notebook 03
                      caption=el.provisions_caption(EARLIER), cite_columns=["source"])
    assert "Law on Electronic Commerce" not in (out / "tables" / "tbl-provisions.csv").read_text(encoding="utf-8")
    # the count of Parties the report quotes as the latest follows the date too (as the text shows it): notebook 05
    assert glue_all(cty.convention_reach(data["countries"], data["convention_parties"]))["parties_latest"] == "63"
