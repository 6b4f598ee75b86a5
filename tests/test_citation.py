"""Who wrote the paper and who prepared the edition: CITATION.cff (valid CFF 1.2.0) and the report's byline agree."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml

from research import paths
from research.report import edition
from research.report.render import title_metadata

CFF = paths.ROOT / "CITATION.cff"
SCHEMA = Path(__file__).with_name("cff") / "schema-1.2.0.json"
WHEN = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)


def _cff() -> dict:
    return yaml.safe_load(CFF.read_text(encoding="utf-8"))


def test_citation_cff_is_valid_cff_1_2_0():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(_cff())]
    assert not errors, errors
    assert _cff()["cff-version"] == "1.2.0"


def test_citation_cff_version_is_the_package_version():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    cff = _cff()
    assert cff["version"] == project["version"] == cff["preferred-citation"]["version"]
    assert edition.version() == project["version"]


def test_citation_cff_names_the_authors_of_the_paper_and_the_project_as_preparer():
    cff = _cff()
    names = lambda people: [f"{p['given-names']} {p['family-names']}" for p in people]  # noqa: E731
    cited = cff["preferred-citation"]
    assert names(cited["authors"]) == edition.AUTHORS and cited["title"] == edition.TITLE
    assert [e["name"] for e in cited["editors"]] == [a["name"] for a in cff["authors"]] == ["The cambodia-cyberlaw project"]
    original = cff["references"][0]
    assert names(original["authors"]) == edition.AUTHORS
    assert (original["year"], original["institution"]["name"]) == (edition.PUBLISHED, edition.PUBLISHER)


def test_title_block_names_the_authors_and_the_edition_line_the_project_version_and_commit():
    meta = {}
    for line in title_metadata("0123456789abcdef", WHEN, "An abstract.").strip("-\n").splitlines():
        key, _, value = line.partition(": ")
        meta[key] = json.loads(value)
    assert meta["author"] == edition.AUTHORS and meta["lang"] == "en"
    assert meta["date"] == (f"Edition prepared by the cambodia-cyberlaw project, version {edition.version()}; "
                            "built from commit 0123456789ab (02 January 2026)")


def test_byline_says_who_wrote_the_paper_and_who_prepared_the_edition():
    text = edition.byline_markdown()
    assert "written by Somaly Nguon and Sopheak Srun" in text and "[@nguon2019cambodia]" in text
    assert f"prepared by the cambodia-cyberlaw project (version {edition.version()})" in text
    assert f"(#{edition.CITE_ID})" in text and "(supplement.html)" in text


def test_cite_block_is_a_chicago_reference_to_the_edition_and_the_original():
    text = edition.cite_markdown("0123456789abcdef", WHEN)
    assert text.startswith(f"## Cite this edition {{#{edition.CITE_ID} .unnumbered}}")
    assert "Nguon, Somaly, and Sopheak Srun. (2019) 2026. *Cambodia v. Hackers:" in text
    assert f"version {edition.version()}, built from commit 0123456789ab" in text
    undated = edition.cite_markdown("unknown (not a git checkout)", None)
    assert "Srun. 2019. *Cambodia" in undated and "undated build" in undated
    assert not re.search(r"\{\{|\}\}", text)


@pytest.mark.slow
def test_citation_cff_passes_cffconvert_validate():
    from validators import validator_bin

    run = subprocess.run([str(validator_bin("cffconvert", "cffconvert==2.0.0") / "cffconvert"), "--validate", "-i",
                          str(CFF)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_citation_cff_is_dated_and_names_no_invented_repository():
    cff = _cff()
    released = dt.date.fromisoformat(cff["date-released"])
    assert released <= dt.date.today() and cff["preferred-citation"]["date-released"] == cff["date-released"]
    assert cff["preferred-citation"]["year"] == released.year
    assert "repository-code" not in cff  # the project has no public address yet: none is made up
