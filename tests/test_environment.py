"""environment.yml (conda) lists the same dependencies as pyproject.toml (pip)."""

from __future__ import annotations

import re
import tomllib

import yaml

from research import paths


def _name(spec: str) -> str:
    return re.split(r"[<>=!\[ ]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject():
    data = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())
    project = data["project"]
    return {_name(s): s.replace(" ", "") for s in project["dependencies"] + project["optional-dependencies"]["test"]}


def _environment():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    specs = {}
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        for item in items:
            if item.startswith("-e") or _name(item) in ("python", "pip"):
                continue
            specs[_name(item)] = item.replace(" ", "")
    return specs


def test_environment_lists_every_dependency_with_the_same_bounds():
    assert _environment() == _pyproject()


def test_environment_installs_the_package_itself():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip
