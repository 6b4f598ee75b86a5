"""Each notebook's prose lives in the research.sections module named like it (02-understanding-cybersecurity.ipynb ->
research/sections/understanding_cybersecurity.py), and each section module answers to a notebook."""

from __future__ import annotations

import re
from pathlib import Path

import research.sections

SECTIONS = Path(research.sections.__file__).parent
NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
SHARED = {"__init__", "words", "law_words", "figure_words", "tracker_words"}  # no notebook's own
# Parts of one notebook's prose split from its module for size, with that notebook.
PARTS = {"draft_tables": "04-draft-cybercrime-law.ipynb", "recommendations": "06-conclusions.ipynb"}


def module_name(notebook: Path) -> str:
    """The section module of a notebook: its name without the leading number, hyphens as underscores."""
    return re.sub(r"^\d+-", "", notebook.stem).replace("-", "_")


def test_module_name_drops_the_number_and_the_hyphens():
    assert module_name(Path("04-draft-cybercrime-law.ipynb")) == "draft_cybercrime_law"
    assert module_name(Path("country-profile.ipynb")) == "country_profile"


def test_every_notebook_has_its_section_module_and_imports_it():
    for notebook in sorted(NOTEBOOKS.glob("*.ipynb")):
        name = module_name(notebook)
        assert (SECTIONS / f"{name}.py").is_file(), notebook.name
        assert f"from research.sections import {name}" in notebook.read_text(encoding="utf-8"), notebook.name


def test_every_section_module_answers_to_a_notebook_or_is_shared():
    notebooks = {module_name(n) for n in NOTEBOOKS.glob("*.ipynb")}
    modules = {p.stem for p in SECTIONS.glob("*.py")}
    assert modules - notebooks == SHARED | set(PARTS)


def test_every_part_of_a_section_is_imported_by_its_notebook():
    for part, notebook in PARTS.items():
        assert f"from research.sections import {part}" in (NOTEBOOKS / notebook).read_text(encoding="utf-8"), part
