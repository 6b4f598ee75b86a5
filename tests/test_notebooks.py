"""The committed section notebooks follow the project's rules, and every value their prose names is computed.

The static rules are read from the notebook files in notebooks/ (the committed sources): every notebook there
follows them; the section notebooks (``NN-*.ipynb``, the paper) also share one set of parameters. Whether each ``{{name}}``
in the prose has a value is checked on the notebooks as executed by the real build (``executed_build``), since a
value is only known once ``glue()`` has run.
"""

from __future__ import annotations

import ast
import json
import re
from datetime import date
from pathlib import Path

import pytest

from research import paths
from research.engine.parameters import PARAMETERS, notebook_parameters
from research.nb.glue import read_records

SECTION_NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
ALL_NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))  # the sections and any other committed notebook
ABSTRACT = paths.NOTEBOOKS_DIR / "abstract.md"
EXPECTED_PARAMETERS = ["data_dir", "output_dir", "references", "khr_per_usd", "as_of",
                       "sgd_per_usd", "cny_per_usd", "jpy_per_usd"]
FILTERS = re.compile(r"\.sort_values\(|\.i?loc\[|\.query\(|==")
LOGIC = (ast.If, ast.IfExp, ast.For, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Lambda,
         ast.FunctionDef, ast.ClassDef, ast.Compare, ast.BoolOp, ast.Subscript)
VALUE_NAME = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
NB_IDS = [p.stem for p in SECTION_NOTEBOOKS]
ALL_IDS = [p.stem for p in ALL_NOTEBOOKS]


def source(cell: dict) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def parameters_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]


def parameter_assignments(cell: dict) -> list[tuple[str, object]]:
    """(name, value) of each statement of a parameters cell; fails the test on anything but ``name = literal``."""
    out = []
    for node in ast.parse(source(cell)).body:
        assert isinstance(node, ast.Assign), f"not an assignment: {ast.unparse(node)!r}"
        assert len(node.targets) == 1 and isinstance(node.targets[0], ast.Name), (
            f"not a plain 'name = value' assignment: {ast.unparse(node)!r}"
        )
        try:
            value = ast.literal_eval(node.value)
        except ValueError:
            pytest.fail(f"{node.targets[0].id} is not assigned a plain literal: {ast.unparse(node.value)!r}")
        out.append((node.targets[0].id, value))
    return out


def test_the_section_notebooks_are_there():
    # The paper has six sections and the edition a seventh ("Since the paper"); a glob that silently matched
    # nothing would make every test below vacuous.
    # ... and its appendices (numbered 90-99, printed after the references)
    assert [p.name[:3] for p in SECTION_NOTEBOOKS] == ["01-", "02-", "03-", "04-", "05-", "06-", "07-", "90-", "91-", "92-"]


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ALL_IDS)
def test_committed_notebook_has_no_outputs_or_execution_counts(path):
    nb = load(path)
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name} cell {index} carries outputs"
            assert cell.get("execution_count") is None, f"{path.name} cell {index} has an execution count"
    assert "papermill" not in nb.get("metadata", {}), f"{path.name} is an executed notebook (papermill metadata)"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ALL_IDS)
def test_code_cells_define_no_functions_or_classes(path):
    # Logic belongs in research.analysis / research.nb, where it is unit-tested; notebooks only call it.
    for index, cell in enumerate(load(path)["cells"]):
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse(source(cell))
        defined = [
            node.name
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        ]
        assert not defined, f"{path.name} cell {index} defines {defined}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ALL_IDS)
def test_exactly_one_parameters_cell_of_plain_literals(path):
    nb = load(path)
    cells = parameters_cells(nb)
    assert len(cells) == 1, f"{path.name}: {len(cells)} cells tagged 'parameters'"
    assert cells[0]["cell_type"] == "code"
    assignments = parameter_assignments(cells[0])
    names = [name for name, _ in assignments]
    assert len(names) == len(set(names)), f"{path.name}: a parameter is assigned twice: {names}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ALL_IDS)
def test_notebook_opens_with_markdown(path):
    cells = load(path)["cells"]
    assert cells, f"{path.name} is empty"
    assert cells[0]["cell_type"] == "markdown", f"{path.name} opens with a {cells[0]['cell_type']} cell"
    assert source(cells[0]).strip(), f"{path.name} opens with an empty markdown cell"


def test_parameters_are_the_same_in_every_section_notebook():
    # -p name=value must mean the same thing in every section: same names, same defaults, same order.
    per_notebook = {p.stem: parameter_assignments(parameters_cells(load(p))[0]) for p in SECTION_NOTEBOOKS}
    first_name, first = next(iter(per_notebook.items()))
    assert [name for name, _ in first] == EXPECTED_PARAMETERS
    for name, assignments in per_notebook.items():
        assert assignments == first, f"{name} declares {assignments}, {first_name} declares {first}"


def test_parameters_agree_with_the_build_reader_and_with_papermill():
    # The build reads the same cell with ast (papermill's reader costs its import); all readings must agree.
    import papermill

    for path in ALL_NOTEBOOKS:
        mine = notebook_parameters(path)
        assert mine == dict(parameter_assignments(parameters_cells(load(path))[0]))
        found = papermill.inspect_notebook(str(path))
        assert {name: ast.literal_eval(spec["default"]) for name, spec in found.items()} == mine


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ALL_IDS)
def test_parameters_cell_matches_the_one_declaration(path):
    # research.engine.parameters declares every parameter once: a notebook may declare a subset, with the same
    # default and of the declared type.
    for name, value in parameter_assignments(parameters_cells(load(path))[0]):
        assert name in PARAMETERS, f"{path.name} declares {name}, which research.engine.parameters does not"
        assert value == PARAMETERS[name].default, f"{path.name}: {name} = {value!r}, declared {PARAMETERS[name].default!r}"
        held_as = str if PARAMETERS[name].type is date else PARAMETERS[name].type  # a date is held as its ISO text
        assert type(value) is held_as, f"{path.name}: {name} is not a {PARAMETERS[name].type.__name__}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ALL_IDS)
def test_code_cells_do_not_branch_loop_filter_or_sort(path):
    # Every value, figure and table comes from one research.* call; the logic is in the package, where it is tested.
    for index, cell in enumerate(load(path)["cells"]):
        if cell["cell_type"] == "code" and "parameters" not in cell.get("metadata", {}).get("tags", []):
            found = [ast.unparse(node) for node in ast.walk(ast.parse(source(cell))) if isinstance(node, LOGIC)]
            found = [text for text in found if not _is_table_lookup(text)]
            found += [line for line in source(cell).splitlines() if FILTERS.search(line)]
            assert not found, f"{path.name} cell {index}: {found}"


def _is_table_lookup(text: str) -> bool:
    # data["incidents"]: picking a loaded table by name is the one subscript a notebook needs.
    return re.fullmatch(r"data\['\w+'\]", text) is not None


# --------------------------------------------------------------------------------------------------------------
# Values named in the prose are recorded by the executed notebooks
# --------------------------------------------------------------------------------------------------------------


def recorded_texts(executed_build, stem: str) -> dict[str, str]:
    """What each ``{{name}}`` of a notebook's prose becomes: its recorded values and sentences."""
    nb = load(executed_build.output_dir / "notebooks" / f"{stem}.ipynb")
    return {r["name"]: r["text"] for r in read_records(nb) if r["kind"] in ("value", "sentence")}


@pytest.mark.slow
def test_the_build_executed_every_section_notebook(executed_build):
    assert executed_build.summary.ran == len(SECTION_NOTEBOOKS), executed_build.log
    for path in SECTION_NOTEBOOKS:
        assert (executed_build.output_dir / "notebooks" / path.name).is_file()


# Sentences about an imported law tracker (research import-laws): empty without one, checked in test_analysis_tracker.
SAID_ONLY_WITH_A_TRACKER = {"tracker_agreement_paragraph", "tracker_world_paragraph"}


@pytest.mark.slow
@pytest.mark.parametrize("path", SECTION_NOTEBOOKS, ids=NB_IDS)
def test_every_value_in_the_prose_is_glued_by_the_same_notebook(executed_build, path):
    # Read the names from the committed notebook, the values from its executed copy: each section computes what
    # its own prose states.
    used = {
        name
        for cell in load(path)["cells"]
        if cell["cell_type"] == "markdown"
        for name in VALUE_NAME.findall(source(cell))
    }
    recorded = recorded_texts(executed_build, path.stem)
    missing = sorted(used - set(recorded))
    assert not missing, f"{path.name} prose names values its code never glues: {missing}"
    for name in used:
        if name in SAID_ONLY_WITH_A_TRACKER:  # the shipped data hold no tracker: these say nothing
            assert recorded[name] == "", f"{path.name}: {name} speaks of a tracker the data do not hold"
            continue
        # "n/a" is what glue() shows for a missing value: on the shipped data every stated value must exist.
        assert recorded[name].strip() not in ("", "n/a"), f"{path.name}: value {name} is {recorded[name]!r}"


@pytest.mark.slow
def test_every_value_in_the_abstract_is_glued_by_some_notebook(executed_build):
    used = set(VALUE_NAME.findall(ABSTRACT.read_text(encoding="utf-8")))
    assert used, "abstract.md names no values (the check below would be vacuous)"
    recorded = {}
    for path in SECTION_NOTEBOOKS:
        recorded.update(recorded_texts(executed_build, path.stem))
    assert not sorted(used - set(recorded)), f"abstract.md names unrecorded values: {sorted(used - set(recorded))}"
