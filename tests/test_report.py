"""The report as a reader gets it: paper.html and paper.pdf built once from the real notebooks (``report_build``).

Then the errors an author can make in the prose, each on a copy of that build whose executed notebooks are edited
(the report is assembled from OUTPUT/notebooks/*.ipynb). Hostile text in the data: test_bad_inputs.py.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support import Built

from research import paths
from research.engine.config import BuildConfig
from research.errors import ReportError
from research.nb.glue import read_records
from research.repro.provenance import current

pytestmark = pytest.mark.slow

TITLE = "Cambodia v. Hackers: Balancing Security and Liberty in Cybercrime Law"
AUTHORS = ["Somaly Nguon", "Sopheak Srun"]
SECTION_NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
NAMES = [p.stem for p in SECTION_NOTEBOOKS]
RESEARCH = Path(sys.executable).parent / "research"


def words(text: str) -> str:
    """Text with every run of whitespace made one space."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def soup(report_build) -> BeautifulSoup:
    return BeautifulSoup((report_build.output_dir / "paper.html").read_text(encoding="utf-8"), "html.parser")


def recorded(built: Built, kind: str) -> dict[str, tuple[str, dict]]:
    """label -> (producing notebook, record) for every figure or table the executed notebooks recorded."""
    out = {}
    for name in NAMES:
        nb = json.loads((built.output_dir / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
        out.update({r["name"]: (name, r) for r in read_records(nb) if r["kind"] == kind})
    return out


# --------------------------------------------------------------------------------------------------------------
# paper.html
# --------------------------------------------------------------------------------------------------------------


def test_title_block_names_the_paper_its_authors_and_the_build(soup, report_build):
    assert words(soup.title.get_text()) == TITLE
    header = soup.find("header")
    assert header is not None, "no title block"
    assert words(header.find("h1").get_text()) == TITLE
    header_text = words(header.get_text(" "))
    for author in AUTHORS:
        assert author in header_text
    assert re.search(r"reproducible edition", header_text, re.IGNORECASE), header_text
    if report_build.commit:
        assert report_build.commit[:12] in header_text
        supplement = BeautifulSoup((report_build.output_dir / "supplement.html").read_text(encoding="utf-8"),
                                   "html.parser")
        assert report_build.commit in words(supplement.find(id="how-built").get_text(" "))
    else:
        assert "not a git checkout" in header_text


def test_every_figure_is_an_embedded_numbered_image(soup, report_build):
    figures = recorded(report_build, "figure")
    assert figures, "the notebooks recorded no figures"
    images = soup.find_all("img")
    assert len(images) == len(figures), "an image outside the recorded figures, or a figure without its image"
    numbers = []
    for img in images:
        figure = img.find_parent("figure")
        assert figure is not None and figure.get("id"), f"image outside a <figure> with an id: {str(img)[:120]}"
        label = figure["id"]
        assert label in figures, f"figure {label} was not recorded by any notebook"
        assert img.get("alt", "").strip(), f"{label}: empty alt text"
        assert words(img["alt"]) == words(figures[label][1]["alt"])
        src = img.get("src", "")
        assert src.startswith("data:image/svg+xml;base64,"), f"{label}: image is not an embedded SVG"
        data = base64.b64decode(src.split(",", 1)[1])
        assert data == (report_build.output_dir / figures[label][1]["files"]["svg"]).read_bytes()
        caption = words(figure.find("figcaption").get_text(" "))
        match = re.match(r"Figure (\d+)\. (.+)", caption)
        assert match, f"{label}: caption {caption!r} is not numbered"
        # the caption, then the link to the figure's data table where the figure wrote one
        record = figures[label][1]
        data = " Data of this figure (CSV)." if "csv" in record["files"] else ""
        assert match.group(2) == words(record["caption"] + data)
        if data:
            link = figure.find("figcaption").find("a")
            assert link["href"] == record["files"]["csv"] and (report_build.output_dir / link["href"]).is_file()
        numbers.append(int(match.group(1)))
    assert numbers == list(range(1, len(figures) + 1))


def test_tables_are_numbered_in_order(soup, report_build):
    # the paper's tables are Table 1, 2 ...; those moved to the supplement Table S1, S2 ..., each in page order
    tables = recorded(report_build, "table")
    assert tables, "the notebooks recorded no tables"
    supplement = BeautifulSoup((report_build.output_dir / "supplement.html").read_text(encoding="utf-8"), "html.parser")
    found = []
    for page, prefix in ((soup, ""), (supplement, "S")):
        blocks = page.find_all(id=lambda i: i in tables)  # in page order
        numbers = []
        for block in blocks:
            caption = words(block.find("caption").get_text(" "))
            match = re.match(rf"Table {prefix}(\d+)\. (.+)", caption)
            assert match, f"{block['id']}: caption {caption!r} is not numbered"
            # a source said once for every row follows the recorded caption
            assert match.group(2).startswith(words(tables[block["id"]][1]["caption"]))
            numbers.append(int(match.group(1)))
        assert numbers == list(range(1, len(blocks) + 1))
        found += [b["id"] for b in blocks]
    assert sorted(found) == sorted(tables), "a recorded table is missing, or printed twice"


def test_every_internal_link_has_a_target_and_cross_references_name_it(soup):
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    links = [a for a in soup.find_all("a", href=True) if a["href"].startswith("#")]
    assert links
    missing = sorted({a["href"] for a in links if a["href"][1:] not in ids})
    assert not missing, f"links to no element: {missing}"
    # A cross-reference's text is the number its target's caption shows.
    for a in links:
        label = a["href"][1:]
        if label.startswith(("fig-", "tbl-")):
            target = soup.find(id=label)
            caption = target.find("figcaption") or target.find("caption")
            number = re.match(r"((?:Figure|Table) \d+)\.", words(caption.get_text(" "))).group(1)
            assert words(a.get_text()) == number, f"link to {label} reads {a.get_text()!r}, its caption {number!r}"


def test_no_unresolved_markup_or_tracebacks(soup):
    text = soup.get_text(" ")
    for leftover in ("[@", "{{", "}}", "Traceback", "@fig-", "@tbl-"):
        assert leftover not in text, f"{leftover!r} left in the page text"


def test_page_is_self_contained(soup, report_build):
    raw = (report_build.output_dir / "paper.html").read_text(encoding="utf-8")
    assert not soup.find_all("script", src=True)
    for tag in soup.find_all(src=True):
        assert tag["src"].startswith("data:"), f"<{tag.name}> loads {tag['src'][:80]}"
    for link in soup.find_all("link"):
        assert not re.match(r"(https?:)?//", link.get("href", "")), f"external <link>: {link}"
        assert "stylesheet" not in (link.get("rel") or []) or link.get("href", "").startswith("data:")
    styles = " ".join(s.get_text() for s in soup.find_all("style")) + " ".join(
        t["style"] for t in soup.find_all(style=True)
    )
    assert "@import" not in styles
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", styles), "a style loads a remote resource (font or image)"
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=['\"](https?:)?//", raw)


def cites(text: str, keys: set[str]) -> set[str]:
    """The bibliography keys that ``text`` cites as Pandoc does: ``@key`` not followed by another key character."""
    return {k for k in keys if re.search(r"(?<![\w\\])@" + re.escape(k) + r"(?![\w:#$%&+?<>~/-])", text)}


def bib_keys(path: Path) -> set[str]:
    return set(re.findall(r"^@\w+\{([^,\s]+),", path.read_text(encoding="utf-8"), re.MULTILINE))


def test_bibliography_lists_exactly_the_cited_works(soup, report_build):
    markdown = (report_build.output_dir / ".paper.md").read_text(encoding="utf-8")
    cited = cites(markdown, bib_keys(report_build.references))
    entries = [div.get("id", "") for div in soup.select("div.csl-entry")]
    assert entries and all(e.startswith("ref-") for e in entries)
    listed = {e[len("ref-"):] for e in entries}
    assert len(entries) == len(listed), "a work is listed twice"
    assert listed == cited, f"cited but not listed: {sorted(cited - listed)}; listed, not cited: {sorted(listed - cited)}"


def test_appendix_lists_every_figure_and_table_with_its_notebook(soup, report_build):
    # "How this report was built" is in the supplement; an item of the paper is linked there by relative address
    supplement = BeautifulSoup((report_build.output_dir / "supplement.html").read_text(encoding="utf-8"), "html.parser")
    pages = {"paper.html": soup, "": supplement}
    appendix = supplement.find(id="how-built")
    assert appendix is not None and soup.find(id="how-built") is None
    assert words(appendix.find(["h1", "h2"]).get_text()) == "How this report was built"
    items = {**recorded(report_build, "figure"), **recorded(report_build, "table")}
    rows = {}
    for tr in appendix.find_all("tr"):
        link = tr.find("a", href=True)
        if link is not None:
            document, _, label = link["href"].partition("#")
            rows[label] = (words(link.get_text()), words(tr.get_text(" ")), document)
    assert set(rows) == set(items)
    for label, (notebook, _) in items.items():
        target = pages[rows[label][2]].find(id=label)
        caption = target.find("figcaption") or target.find("caption")
        assert words(caption.get_text(" ")).startswith(rows[label][0] + "."), label
        assert notebook in rows[label][1], f"{label}: appendix row does not name {notebook}"


# --------------------------------------------------------------------------------------------------------------
# paper.pdf
# --------------------------------------------------------------------------------------------------------------


def test_pdf_has_the_title_every_heading_and_the_references(soup, report_pdf, report_pdf_text):
    pdf_text = report_pdf_text
    assert len(report_pdf.pages) > 1
    assert words(report_pdf.metadata.title or "") == TITLE
    assert TITLE in pdf_text
    headings = [words(h.get_text(" ")) for h in soup.find_all(["h1", "h2"])]
    assert "References" in headings and len(headings) > 5
    missing = [h for h in headings if h not in pdf_text]
    assert not missing, f"headings not in the PDF: {missing}"
    for author in AUTHORS:
        assert author in pdf_text


# --------------------------------------------------------------------------------------------------------------
# Authoring errors: each on a copy of the build, by editing an executed notebook's prose
# --------------------------------------------------------------------------------------------------------------

EDITED = "03-existing-law"


def _prose_cells(nb: dict) -> list[tuple[int, str]]:
    """(index, text) of the markdown cells that reach the report (not tagged notebook-only)."""
    return [
        (i, "".join(c["source"]))
        for i, c in enumerate(nb["cells"])
        if c["cell_type"] == "markdown" and "notebook-only" not in c.get("metadata", {}).get("tags", [])
    ]


def _report_with_prose_added(report_build: Built, tmp_path: Path, addition: str) -> tuple[BuildConfig, int]:
    """Copy the build and append ``addition`` to the last prose cell of one executed notebook.

    Returns a config for the copy and the index of that cell in the source notebook (where an author would edit).
    """
    source = json.loads((paths.NOTEBOOKS_DIR / f"{EDITED}.ipynb").read_text(encoding="utf-8"))
    index, text = _prose_cells(source)[-1]
    out = tmp_path / "output"
    shutil.copytree(report_build.output_dir, out)
    path = out / "notebooks" / f"{EDITED}.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(nb["cells"][i] for i, t in _prose_cells(nb) if t == text)
    cell["source"] = text + addition
    path.write_text(json.dumps(nb), encoding="utf-8")
    config = BuildConfig(data_dir=report_build.data_dir, references=report_build.references, output_dir=out)
    return config, index


@pytest.mark.parametrize(
    "addition, name",
    [(" See [@nosuchkey].", "nosuchkey"), (" Compare @fig-nosuch.", "fig-nosuch"), (" About {{nosuch_value}}.", "nosuch_value")],
    ids=["citation-key", "cross-reference", "value-name"],
)
def test_unknown_name_in_the_prose_is_a_report_error(report_build, tmp_path, addition, name):
    from research.report.assemble import build_report

    config, index = _report_with_prose_added(report_build, tmp_path, addition)
    before = {f: (config.output_dir / f).read_bytes() for f in ("paper.html", "paper.pdf")}
    with pytest.raises(ReportError) as info:
        build_report(config, NAMES, current())
    message = str(info.value)
    assert EDITED in message
    assert name in message
    assert re.search(rf"\bcell {index}\b", message), f"message does not point at cell {index}: {message}"
    # The last good report is kept.
    for f, data in before.items():
        assert (config.output_dir / f).read_bytes() == data


def test_cite_check_passes_on_the_shipped_data_and_prints_both_lists():
    proc = subprocess.run([str(RESEARCH), "cite-check"], capture_output=True, text=True, timeout=120, cwd=paths.ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    missing_header = re.search(r"^cited keys not in references\.bib: (\d+)$", out, re.MULTILINE)
    uncited_header = re.search(r"^entries never cited.*: (\d+)$", out, re.MULTILINE)
    assert missing_header and uncited_header, out
    assert missing_header.group(1) == "0"

    # The never-cited list, worked out here from the sources: bibliography minus the keys the prose names (found by
    # looking for each key, not by the package's parser) minus data sources.
    bib = bib_keys(paths.REFERENCES)
    prose = [(paths.NOTEBOOKS_DIR / "abstract.md").read_text(encoding="utf-8")]
    for path in SECTION_NOTEBOOKS:
        prose += ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                  if c["cell_type"] == "markdown"]
    used = cites("\n".join(prose), bib)
    for table in paths.DATA_DIR.glob("*.csv"):
        for row in csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))):
            if row.get("source"):
                used.add(row["source"])
    expected = sorted(bib - used)
    listed = re.findall(r"^  (\S+)$", out[uncited_header.end():], re.MULTILINE)
    assert int(uncited_header.group(1)) == len(expected)
    assert listed == expected
