"""``research diff`` (research.repro.diff): hand-made manifests, expectations worked out by hand."""

from __future__ import annotations

import json

import pytest

from research.cli import main
from research.repro.diff import compare_editions, load_edition, summary_lines
from research.repro.diff_html import diff_page


def _manifest(**changes) -> dict:
    base = {
        "commit": "abc", "inputs": {}, "outputs": {"figures/fig-a.svg": "1", "figures/fig-a.png": "2",
                                                   "figures/fig-b.svg": "3", "tables/tbl-x.csv": "4"},
        "values": {"n": "2", "m": "7"}, "sentences": {"says": "It is so."},
        "tables": {"tbl-x": [["name", "count"], ["a", "1"], ["b", "5"]]},
        "traces": {"n": ["incidents:I-1", "incidents:I-2"], "m": ["penalties:P-1"], "says": [],
                   "tbl-x/1": ["incidents:I-1"], "tbl-x/2": ["penalties:P-1#fine_max"]},
        "rows": {"incidents:I-1": "d1", "incidents:I-2": "d2", "penalties:P-1": "d3"},
        "prose": {"n": "Of the {{m}} cases, {{n}} were <dated>."},
        "references": ["a2019", "b2020"],
    }
    base.update(changes)
    return base


def _write(folder, manifest):
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def test_one_changed_row_names_exactly_the_value_and_cell_it_moved(tmp_path):
    new = _manifest(values={"n": "3", "m": "7"}, tables={"tbl-x": [["name", "count"], ["a", "2"], ["b", "5"]]},
                    rows={"incidents:I-1": "CHANGED", "incidents:I-2": "d2", "penalties:P-1": "d3"},
                    outputs={**_manifest()["outputs"], "figures/fig-a.svg": "9", "figures/fig-a.png": "8"},
                    references=["a2019", "c2021"])
    diff = compare_editions(load_edition(_write(tmp_path / "old", _manifest())), load_edition(_write(tmp_path / "new", new)))
    assert diff.rows == {"incidents:I-1": "changed"}
    assert [(c.kind, c.name, c.old, c.new, c.rows) for c in diff.changes] == [
        ("value", "n", "2", "3", ("incidents:I-1",)),
        ("cell", "tbl-x/1", "1", "2", ("incidents:I-1",)),
        ("figure", "fig-a", "figures/fig-a.png 2; figures/fig-a.svg 1", "figures/fig-a.png 8; figures/fig-a.svg 9", ()),
        ("reference", "b2020", "b2020", None, ()),
        ("reference", "c2021", None, "c2021", ()),
    ]
    lines = summary_lines(diff)
    assert "      was: Of the 7 cases, [2] were <dated>." in lines and "      now: Of the 7 cases, [3] were <dated>." in lines
    assert lines[-1] == "  1 value changed, 0 sentences changed, 1 cell changed, 1 figure changed, 2 references changed"
    page = diff_page(diff)
    assert "<del><mark>2</mark></del>" in page and "<ins><mark>3</mark></ins>" in page
    assert "&lt;dated&gt;" in page and "<dated>" not in page  # prose and data are escaped, never markup


def test_a_change_no_changed_row_explains_says_so(tmp_path):
    old, new = _manifest(), _manifest(values={"n": "2", "m": "8"})
    diff = compare_editions(load_edition(_write(tmp_path / "o", old)), load_edition(_write(tmp_path / "n", new)))
    assert [(c.name, c.rows) for c in diff.changes] == [("m", ())]
    assert "      because of: nothing recorded explains it (an untraced value)" in summary_lines(diff)


def test_without_a_report_references_are_not_compared(tmp_path):
    diff = compare_editions(load_edition(_write(tmp_path / "o", _manifest(references=None))),
                            load_edition(_write(tmp_path / "n", _manifest(references=["z"]))))
    assert diff.changes == []


def test_research_diff_writes_the_page_and_refuses_what_is_not_an_edition(tmp_path, capsys):
    old = _write(tmp_path / "old", _manifest())
    page = tmp_path / "diff.html"
    assert main(["diff", str(old), str(old / "manifest.json"), "--output", str(page)]) == 0
    assert "0 values changed" in capsys.readouterr().out and page.read_text().startswith("<!DOCTYPE html>")
    (tmp_path / "junk.json").write_text("[1, 2]")
    for bad in (tmp_path / "nowhere", tmp_path / "junk.json"):
        assert main(["diff", str(bad), str(old), "--output", str(page)]) == 1
        err = capsys.readouterr().err
        assert err.startswith("error: ") and err.count("\n") == 1


@pytest.mark.slow
def test_two_editions_differing_by_one_penalty_and_one_incident(executed_build, tmp_path):
    """The real notebooks on the shipped data and on a copy with one penalty and one incident changed."""
    from support import copy_inputs, run_build

    from research.engine.config import BuildConfig

    data, references = copy_inputs(tmp_path)
    penalty, incident = "PEN-KHM-CC2009-437-basic", "INC-010"
    edits = {"penalties.csv": (f"{penalty},KHM-CC2009-437,basic,12,60,", f"{penalty},KHM-CC2009-437,basic,12,84,"),
             "codings.csv": (f"{penalty},prison_max_months,60,", f"{penalty},prison_max_months,84,"),
             "incidents.csv": (",Judiciary websites,judiciary,,availability,", ",Judiciary websites,judiciary,,integrity,")}
    for file, (old, new) in edits.items():
        text = (data / file).read_text(encoding="utf-8")
        assert text.count(old) == 1
        (data / file).write_text(text.replace(old, new), encoding="utf-8")
    # with its report, as the session build has: the traces that name each change's rows come with the report
    run_build(BuildConfig(data_dir=data, references=references, output_dir=tmp_path / "out"))
    diff = compare_editions(load_edition(executed_build.output_dir), load_edition(tmp_path / "out"))
    assert diff.rows == {f"codings:{penalty}/prison_max_months/60": "removed",
                         f"codings:{penalty}/prison_max_months/84": "added",
                         f"incidents:{incident}": "changed", f"penalties:{penalty}": "changed"}
    # Every value, sentence and cell that moved names, among its rows, one of the rows that changed (nothing moves
    # that the two rows do not explain), and the two expected ones are there: the incident's impact in the sentence
    # that counts impacts, and Art. 437's basic penalty, at most 60 months (5 years) before and 84 (7 years) after.
    changed = {f"incidents:{incident}", f"penalties:{penalty}", f"codings:{penalty}/prison_max_months/60",
               f"codings:{penalty}/prison_max_months/84"}
    # a figure's data table (tables/fig-*.csv) mirrors its figure and carries no row traces of its own
    moved = diff.of("value") + diff.of("sentence") + [c for c in diff.of("cell") if not c.name.startswith("fig-")]
    assert moved and all({r.split("#")[0] for r in c.rows} & changed for c in moved), \
        [(c.name, c.rows) for c in moved if not {r.split("#")[0] for r in c.rows} & changed]
    impact = [c for c in diff.of("sentence") if c.name == "cyber_impact_sentence"]
    assert impact and f"incidents:{incident}#cia_impact" in impact[0].rows
    assert ("1-5", "1-7", (f"penalties:{penalty}",)) in [(c.old, c.new, c.rows) for c in diff.of("cell")]
    assert {c.name for c in diff.of("figure")} == {"fig-actor-impact", "fig-penalties", "fig-regional-penalties"}


def test_changed_parameters_come_first_and_explain_the_changes_of_their_notebook(tmp_path):
    params = {"07-since": {"as_of": "2019-06-30", "data_dir": "<data_dir>"}, "01-attack": {"focus": "KHM"}}
    old = _manifest(parameters=params, recorded_by={"m": "07-since", "n": "01-attack", "tbl-x": "01-attack"},
                    inputs={"notebooks/07-since.ipynb": "s1", "notebooks/01-attack.ipynb": "a1", "package:src/research": "p"})
    new = _manifest(parameters={**params, "07-since": {"as_of": "2024-12-31", "data_dir": "<data_dir>"}},
                    recorded_by=old["recorded_by"], values={"n": "2", "m": "9"},
                    tables={"tbl-x": [["name", "count"], ["a", "1"], ["b", "6"]]},
                    inputs={**old["inputs"], "notebooks/01-attack.ipynb": "a2"})
    diff = compare_editions(load_edition(_write(tmp_path / "o", old)), load_edition(_write(tmp_path / "n", new)))
    assert diff.parameters == {"as_of": ("2019-06-30", "2024-12-31", ("07-since",))}
    because = {c.name: c.because for c in diff.changes}
    assert because["m"] == ("parameter as_of: '2019-06-30' -> '2024-12-31' (07-since)",)
    assert because["tbl-x/2"] == ("code: the notebook 01-attack changed",)  # its row did not change
    lines = summary_lines(diff)
    assert lines[1:3] == ["  parameters that differ: 1", "    as_of: '2019-06-30' -> '2024-12-31' (07-since)"]
    page = diff_page(diff)
    assert page.index("Parameters that differ") < page.index("Input rows that differ") < page.index("Values and")


def test_the_page_shows_the_sentence_rendered_not_its_markdown(tmp_path):
    prose = {"m": "As **Smith** wrote [@a2019, p. 3], the {{m}} cases in @tbl-x were *dated*."}
    old, new = _manifest(prose=prose), _manifest(prose=prose, values={"n": "2", "m": "8"})
    bib = tmp_path / "refs.bib"
    bib.write_text("@book{a2019, author = {Smith, Ann}, title = {Cases}, year = {2019}}\n", encoding="utf-8")
    from research.repro.diff import rendered

    diff = rendered(compare_editions(load_edition(_write(tmp_path / "o", old)),
                                     load_edition(_write(tmp_path / "n", new))), bib)
    page = diff_page(diff)
    assert "As Smith wrote (Smith 2019, 3), the <del><mark>7</mark></del> cases in Table tbl-x were dated." in page
    for markdown in ("[@", "**", "@tbl-", "*dated*"):
        assert markdown not in page
