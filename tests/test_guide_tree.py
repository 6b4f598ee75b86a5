"""The guide's "What is where" names every folder of the package and every top-level module, and nothing that is gone."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "research"


def _tree() -> str:
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    section = guide.split("## What is where", 1)[1]
    return section.split("```", 2)[1]


def _listed(tree: str) -> set[str]:
    # the entries under src/research/: an indented name ending in "/" (a folder) or ".py" (a module)
    return {m for line in tree.splitlines() for m in re.findall(r"^\s{2}(\S+)", line)}


def test_every_folder_and_top_level_module_of_the_package_is_in_the_guide():
    names = {p.name + "/" for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    names |= {p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")}
    text = _tree()
    missing = sorted(n for n in names if not re.search(rf"(?<![\w/]){re.escape(n)}", text))
    assert missing == [], f"docs/guide.md's tree does not name {missing}"


def test_every_folder_the_guide_names_under_the_package_exists():
    listed = {n for n in _listed(_tree()) if n.endswith("/")}
    gone = sorted(n for n in listed if not (PACKAGE / n.rstrip("/")).is_dir())
    assert gone == [], f"docs/guide.md names {gone}, which src/research/ does not hold"
