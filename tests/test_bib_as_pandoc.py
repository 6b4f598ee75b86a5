"""The bibliography check reads each entry as Pandoc will (strings expanded, parts joined): a link assembled from
pieces is refused before any notebook runs, located at its entry's line."""

from __future__ import annotations

import pytest

from research.cli import main

ASSEMBLED = {
    "a \\url split by concatenation": ('@misc{evil2020,\n  title = {Evil},\n  howpublished = "\\u" # '
                                       '"rl{javascript:alert(1)}",\n}\n', "javascript:alert(1)"),
    "a url from a @string and a concatenation": ('@string{js = "java"}\n@misc{evil2021,\n  title = {Evil},\n'
                                                 '  url = js # "script:alert(1)",\n}\n', "script:alert(1)"),
}


@pytest.mark.parametrize("case", list(ASSEMBLED))
def test_a_link_pandoc_would_assemble_is_refused_with_its_line(case, data_copy, references_copy, capsys):
    entry, shown = ASSEMBLED[case]
    text = references_copy.read_text(encoding="utf-8")
    references_copy.write_text(text + "\n" + entry, encoding="utf-8")
    first = text.count("\n") + 2  # the appended entries start on this line
    status = main(["validate", str(data_copy), "--references", str(references_copy)])
    err = capsys.readouterr().err
    assert status == 1 and "Traceback" not in err, err
    located = [line for line in err.splitlines() if shown in line]
    assert located, err
    line = int(located[0].split(":")[1])
    assert first <= line <= first + entry.count("\n"), located[0]


def test_the_projects_bibliography_passes_as_pandoc_reads_it(data_copy, references_copy, capsys):
    assert main(["validate", str(data_copy), "--references", str(references_copy)]) == 0, capsys.readouterr().err
