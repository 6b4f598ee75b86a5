"""Dead code: what no notebook, command or module of the package reaches (vulture, run by `make lint`).

The package is scanned with the code cells of every notebook beside it (what a notebook calls is used) and
lint/vulture_whitelist.py (names that libraries call: engine hooks, display hooks, metadata fields). The tests are not
scanned: a function only a test calls is dead. Fields declared in a class body (dataclass fields, read by name when
their values are glued) are not reported. Prints one line per finding and exits 1 if there is any.
"""

from __future__ import annotations

import ast
import json
import sys
import tempfile
from pathlib import Path

from vulture import Vulture

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "research"
NOTEBOOKS = ROOT / "notebooks"
WHITELIST = Path(__file__).with_name("vulture_whitelist.py")
MIN_CONFIDENCE = 60


def notebook_code() -> str:
    """The code cells of every notebook, one after the other."""
    cells = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                source = cell["source"]
                cells.append("".join(source) if isinstance(source, list) else source)
    return "\n\n".join(cells) + "\n"


def class_fields(path: Path) -> set[int]:
    """Line numbers of the annotated names declared in the class bodies of a module (data fields)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.lineno for cls in ast.walk(tree) if isinstance(cls, ast.ClassDef) for node in cls.body
            if isinstance(node, ast.AnnAssign)}


def findings() -> list[str]:
    """One line per unused function, class, method, import, attribute or variable of the package."""
    with tempfile.TemporaryDirectory() as folder:
        cells = Path(folder) / "notebook_cells.py"
        cells.write_text(notebook_code(), encoding="utf-8")
        vulture = Vulture()
        vulture.scavenge([str(PACKAGE), str(cells), str(WHITELIST)])
        items = vulture.get_unused_code(min_confidence=MIN_CONFIDENCE)
        fields: dict[Path, set[int]] = {}
        lines = []
        for item in items:
            path = Path(item.filename).resolve()
            if not path.is_relative_to(PACKAGE):
                continue
            if item.typ == "variable" and item.first_lineno in fields.setdefault(path, class_fields(path)):
                continue
            lines.append(f"{path.relative_to(ROOT)}:{item.first_lineno}: unused {item.typ} '{item.name}'")
    return sorted(lines)


def main() -> int:
    found = findings()
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} unreachable name(s): delete them, or add to {WHITELIST.relative_to(ROOT)} what a library "
              "calls", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
