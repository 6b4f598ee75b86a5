"""The reference list a reader can follow: dated entries, organisations named as organisations."""

from __future__ import annotations

import re

from research import paths
from research.data.bib import read_library

MAX_UNDATED = 10
ORGANISATION = re.compile(r"\b(Council|Ministry|Committee|Office|Agency|Union|Nations|Association|Institute|"
                          r"Congress|Government|Kingdom|Republic|Centre|Center|Commission|Coalition|Foundation)\b")


def _entries():
    return read_library(paths.REFERENCES).entries


def test_at_most_ten_references_are_undated_and_each_says_why():
    undated = [e for e in _entries() if not {"year", "date", "urldate"} & set(e.fields_dict)]
    assert len(undated) <= MAX_UNDATED, [e.key for e in undated]
    assert all("note" in e.fields_dict for e in undated), [e.key for e in undated if "note" not in e.fields_dict]


def test_a_web_source_without_a_date_of_its_own_carries_the_date_its_copy_was_read():
    for entry in _entries():
        fields = entry.fields_dict
        if "url" in fields and not {"year", "date"} & set(fields):
            assert "urldate" in fields, entry.key
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fields["urldate"].value), entry.key


def test_an_organisation_as_author_is_one_name_never_a_given_and_a_family_name():
    for entry in _entries():
        author = entry.fields_dict.get("author")
        if author is not None and ORGANISATION.search(author.value):
            names = [n.strip() for n in re.split(r"\s+and\s+", author.value)]
            assert all(n.startswith("{") and n.endswith("}") or "," in n for n in names), (entry.key, author.value)
