"""Untrusted text stays text: references.bib fields are checked before a build, Pandoc runs sandboxed, the page
points nowhere but to anchors and web links, and Zotero- or JabRef-style keys work from the bibliography to the page."""

from __future__ import annotations

import json
import re

import pytest

from research import paths
from research.data.bib import bib_keys, read_library
from research.data.bibcheck import DEFAULT_CITEKEY, citekey_pattern, command_problems, safe_target
from research.errors import BibliographyError, ReportError
from research.report.links import unsafe_targets
from research.report.markdown import cited_keys

ZOTERO = """@misc{EuRepoC:2023-extract,
  title = {European Repository of Cyber Incidents: dashboard data},
  author = {{EuRepoC}},
  year = {2023},
  url = {https://github.com/swp-berlin/EuRepoC_Cyber_Incident_Dashboard}
}

@book{Nguon2019Cambodia,
  title = {Cambodia v. Hackers: \\emph{Balancing} Security and Liberty in Cybercrime Law},
  author = {Nguon, Somaly and Srun, Sopheak},
  year = {2019},
  doi = {10.1000/182}
}
"""


def problems_of(tmp_path, text: str) -> list[str]:
    path = tmp_path / "references.bib"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BibliographyError) as info:
        read_library(path)
    return [str(p) for p in info.value.problems]


def entry(field_lines: str, key: str = "hostile2026") -> str:
    return f"@misc{{{key},\n  title = {{A title}},\n{field_lines}\n}}\n"


def test_zotero_and_jabref_keys_are_read(tmp_path):
    path = tmp_path / "references.bib"
    path.write_text(ZOTERO, encoding="utf-8")
    assert bib_keys(path) == {"EuRepoC:2023-extract", "Nguon2019Cambodia"}


def test_the_shipped_bibliography_passes_every_check():
    read_library(paths.REFERENCES)


@pytest.mark.parametrize("field, problem", [
    ("  note = {\\includegraphics{/etc/passwd}}", "references.bib:3: note: \\includegraphics is not allowed"),
    ("  note = {\\input{/etc/passwd}}", "references.bib:3: note: \\input is not allowed"),
    ("  note = {see \\href{javascript:alert(1)}{here}}",
     'references.bib:3: note: \\href target "javascript:alert(1)" is not allowed: only http, https and doi links'),
    ("  note = {\\url{file:///etc/passwd}}",
     'references.bib:3: note: \\url target "file:///etc/passwd" is not allowed: only http, https and doi links'),
    ("  url = {javascript://%0aalert(1)}",
     'references.bib:3: url: "javascript://%0aalert(1)" is not allowed: only http, https and doi links'),
    ("  url = {../../secret.html}",
     'references.bib:3: url: "../../secret.html" is not allowed: only http, https and doi links'),
    ("  doi = {javascript:alert(1)}", 'references.bib:3: doi: "javascript:alert(1)" is not a DOI (10.NNNN/...)'),
    ("  url = {https://a.example},\n  url = {https://b.example}",
     "references.bib:4: url: is given twice in entry hostile2026: keep one"),
    ("  url = {https://a.example},\n  URL = {https://b.example}",
     "references.bib:4: URL: is given twice in entry hostile2026: keep one"),
])
def test_a_field_that_would_do_more_than_show_text_is_a_located_error(tmp_path, field, problem):
    assert problem in problems_of(tmp_path, entry(field))


def test_a_key_outside_the_citation_key_rule_is_a_located_error(tmp_path):
    found = problems_of(tmp_path, ZOTERO + "\n" + entry("  year = {2020}", key="ends-with-dash-"))
    assert found == ['references.bib:15: key: "ends-with-dash-" is not a valid citation key (letters, digits and _, '
                     "with :.#$%&-+?<>~/ inside)"]


def test_every_problem_of_a_file_is_listed_in_line_order(tmp_path):
    found = problems_of(tmp_path, entry("  note = {\\write18{rm}}") + entry("  url = {ftp://x.example}", "b"))
    assert [int(re.match(r"references\.bib:(\d+):", p).group(1)) for p in found] == [3, 7]


@pytest.mark.parametrize("text", ["\\emph{x}", "\\textbf{x} \\& \\% \\_", "Vi\\~{e}t Nam, \\'{e}t\\'e, \\ss{}",
                                  "line\\\\break", "\\url{https://example.org/a\\%20b}", "{\\itshape x}",
                                  "\\href{https://doi.org/10.1/x}{DOI}", "\\href{doi:10.1000/182}{DOI}"])
def test_text_formatting_commands_are_allowed(text):
    assert command_problems(text) == []


@pytest.mark.parametrize("target, ok", [
    ("https://example.org/x?y=1#z", True), ("http://example.org", True), ("doi:10.1000/182", True),
    ("HTTPS://EXAMPLE.ORG", True), ("javascript:alert(1)", False), ("JavaScript:alert(1)", False),
    ("data:text/html,<script>", False), ("file:///etc/passwd", False), ("/etc/passwd", False), ("//host/x", False),
    ("https://exa mple.org", False), ("https://x.org/\x00", False), ("https:", False), ("", False),
])
def test_only_absolute_http_https_and_doi_targets_are_safe(target, ok):
    assert safe_target(target) is ok


def test_the_citation_key_rule_is_the_one_the_data_package_states():
    descriptor = json.loads((paths.DATA_DIR / paths.DATAPACKAGE_NAME).read_text(encoding="utf-8"))
    stated = descriptor.get("x-citekey", {}).get("pattern", DEFAULT_CITEKEY)
    assert citekey_pattern() == stated


@pytest.mark.parametrize("key", ["EuRepoC:2023-extract", "Nguon2019Cambodia", "nguon2019cambodia", "a_b.c/d#e",
                                 "_x", "9to5"])
def test_the_report_reads_a_cited_key_whole(key):
    assert re.fullmatch(citekey_pattern(), key)
    assert cited_keys(f"As shown [@{key}, p. 3]; also @{key}.") == [key, key]


@pytest.mark.parametrize("html, bad", [
    ('<a href="#ref-EuRepoC:2023-extract">x</a><a href="https://doi.org/10.1/x">d</a>', []),
    ('<a href="javascript://%0aalert(1)">x</a>', ["<a href='javascript://%0aalert(1)'>"]),
    ('<a href="JAVASCRIPT:alert(1)">x</a>', ["<a href='JAVASCRIPT:alert(1)'>"]),
    ('<a href="file:///etc/passwd">x</a>', ["<a href='file:///etc/passwd'>"]),
    ('<img src="/etc/passwd" alt="">', ["<img src='/etc/passwd'>"]),
    ('<svg><a xlink:href="javascript:x()"></a></svg>', ["<a xlink:href='javascript:x()'>"]),
    # a figure's data table beside the report, and nothing that only resembles one
    ('<a href="tables/fig-regional-coverage.csv">d</a>', []),
    ('<a href="tables/../fig-x.csv">d</a>', ["<a href='tables/../fig-x.csv'>"]),
    ('<a href="tables/tbl-x.csv">d</a>', ["<a href='tables/tbl-x.csv'>"]),
    ('<img src="tables/fig-x.csv" alt="">', ["<img src='tables/fig-x.csv'>"]),
])
def test_the_page_check_finds_every_link_that_is_not_an_anchor_or_web_link(html, bad):
    assert unsafe_targets(html) == bad


def test_pandoc_renders_zotero_keys_and_refuses_what_a_field_would_load(tmp_path):
    from research.report.render import to_html

    secret = tmp_path / "secret.txt"
    secret.write_text("the secret", encoding="utf-8")
    good = tmp_path / "good.bib"
    good.write_text(ZOTERO, encoding="utf-8")
    markdown = "Text [@EuRepoC:2023-extract; @Nguon2019Cambodia, p. 3].\n\n::: {#refs}\n:::\n"
    page = to_html(markdown, good, None, tmp_path)
    assert 'href="#ref-EuRepoC:2023-extract"' in page and 'id="ref-EuRepoC:2023-extract"' in page
    assert 'id="ref-Nguon2019Cambodia"' in page and "https://doi.org/10.1000/182" in page

    hostile = tmp_path / "hostile.bib"  # read by Pandoc directly, as if validation had been skipped
    hostile.write_text(ZOTERO.replace("dashboard data}", f"dashboard data \\includegraphics{{{secret}}}}}"),
                       encoding="utf-8")
    with pytest.raises(ReportError, match="only in-page, http, https and doi links"):
        to_html(markdown, hostile, None, tmp_path)
