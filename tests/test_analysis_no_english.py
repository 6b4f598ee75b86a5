"""research.analysis writes no English: its syntax trees hold no phrase outside docstrings (research.sections does).

A phrase is a string literal (or the literal part of an f-string) with three or more words of letters separated by
single spaces. Not phrases: docstrings; the message of an exception raised; a dict key or a column name (a
``columns=`` list), which label data; and a module-level constant's label (an UPPER_CASE name bound to a string, or
to a tuple or dict of strings) that is no sentence (it does not end in a full stop): the category names the frames
carry, such as a coverage level or a general-rule variant, and titles the data are matched on.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import research.analysis

ANALYSIS = Path(research.analysis.__file__).parent
PHRASE = re.compile(r"[A-Za-z]+ [A-Za-z]+ [A-Za-z]+")
# Modules whose prose has not yet moved to research.sections: the list can only shrink (see the last test).
STILL_WRITING_ENGLISH: set[str] = set()


def _docstrings(tree: ast.AST) -> set[int]:
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body
            and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}


def _exempt(tree: ast.Module) -> set[int]:
    """The string constants that are not prose: docstrings, raised messages, keys, column names, constant labels."""
    out = _docstrings(tree)

    def strings(node):
        return [n for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]

    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            out |= {id(n) for n in strings(node.exc)}
        elif isinstance(node, ast.Dict):
            out |= {id(n) for key in node.keys if key is not None for n in strings(key)}
        elif isinstance(node, ast.keyword) and node.arg == "columns":
            out |= {id(n) for n in strings(node.value)}
    for node in tree.body:
        if isinstance(node, ast.Assign) and all(isinstance(t, (ast.Name, ast.Tuple)) for t in node.targets):
            names = [n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)]
            if names and all(name.isupper() for name in names):
                out |= {id(n) for n in strings(node.value) if not n.value.rstrip().endswith(".")}
    return out


def phrases(path: Path) -> list[str]:
    """``line: text`` of every phrase in one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exempt = _exempt(tree)
    return [f"{node.lineno}: {node.value!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in exempt
            and PHRASE.search(node.value)]


def test_the_analysis_writes_no_english():
    found = {path.name: phrases(path) for path in sorted(ANALYSIS.glob("*.py"))
             if path.name not in STILL_WRITING_ENGLISH}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_the_modules_still_writing_english_are_exactly_those_listed():
    # A module cleaned leaves the list here; a module not listed may not start writing English.
    writing = {path.name for path in ANALYSIS.glob("*.py") if phrases(path)}
    assert writing == STILL_WRITING_ENGLISH


def test_a_phrase_is_found_and_a_label_is_not(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('"""Doc string of three words."""\nLEVEL = "no counterpart found"\nTEXT = "Three words here."\n'
                      'def f(n):\n    """Doc."""\n    if n < 0:\n        raise ValueError(f"not a count at all: {n}")\n'
                      '    return {"a key of words": f"{n} provisions in force"}\n', encoding="utf-8")
    assert phrases(module) == ["3: 'Three words here.'", "8: ' provisions in force'"]
