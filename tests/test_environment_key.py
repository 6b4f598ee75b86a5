"""The environment key covers what the build depends on and nothing else: installing an unrelated distribution (as
`make lab` installs JupyterLab) leaves it, and so the next build, unchanged; a distribution the package needs does not."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from research.engine import cache, environment
from research.engine.run import make_plan


def _fake_distribution(folder: Path, name: str, version: str, requires=()) -> Path:
    """Metadata of a distribution that was never installed: a ``*.dist-info`` folder with its METADATA only."""
    info = folder / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}", *(f"Requires-Dist: {r}" for r in requires)]
    (info / "METADATA").write_text("\n".join(lines) + "\n\nA distribution made by a test.\n", encoding="utf-8")
    return folder


@pytest.fixture
def on_path(monkeypatch):
    """Put a folder first on sys.path (for importlib.metadata too) for the length of the test."""

    def put(folder: Path) -> None:
        monkeypatch.syspath_prepend(str(folder))
        importlib.invalidate_caches()

    yield put
    importlib.invalidate_caches()


def test_an_unrelated_distribution_leaves_the_key_unchanged(tmp_path, on_path):
    before = cache.environment_key()
    on_path(_fake_distribution(tmp_path, "unrelated-lab-tool", "9.9", ["tqdm>=1"]))
    assert "unrelated-lab-tool" not in environment.required_distributions()
    assert cache.environment_key() == before


def test_a_distribution_the_package_needs_changes_the_key(tmp_path, on_path):
    before = cache.environment_key()
    assert environment.required_distributions()["tqdm"] is not None  # the package requires tqdm
    on_path(_fake_distribution(tmp_path, "tqdm", "0.0.1"))  # found first on the path: what Python would import
    assert environment.required_distributions()["tqdm"] == "0.0.1"
    assert cache.environment_key() != before


def test_transitive_requirements_count_and_the_package_extras_do_not():
    needed = environment.required_distributions()
    # pandas (a direct requirement) needs numpy; papermill needs nbclient, which needs jupyter-client
    assert {"pandas", "numpy", "papermill", "nbclient", "jupyter-client"} <= set(needed)
    # the package's own extras (test, lab) are not what a build runs
    assert not {"pytest", "jupyterlab", "ruff", "hypothesis"} & set(needed)


def test_the_lock_file_pandoc_and_the_fonts_are_in_the_key(tmp_path, monkeypatch):
    parts = environment.environment_parts()
    assert parts["pandoc"] and parts["pandoc"].startswith("pandoc ")
    assert {"DejaVu Serif", "DejaVu Sans", "Noto Serif CJK SC"} <= set(parts["fonts"])  # report.css's and the figures'
    assert all(f is None or Path(f[0]).is_file() for f in parts["fonts"].values())
    before = environment.environment_key()
    lock = tmp_path / "requirements.lock"
    lock.write_text(environment.LOCK_FILE.read_text(encoding="utf-8") + "# one more line\n", encoding="utf-8")
    monkeypatch.setattr(environment, "LOCK_FILE", lock)
    assert environment.environment_key() != before


@pytest.mark.slow
def test_after_an_unrelated_install_the_next_build_runs_nothing(executed_build, tmp_path, on_path):
    assert all(step.fresh for step in make_plan(executed_build.config()).steps)
    on_path(_fake_distribution(tmp_path, "jupyterlab-stand-in", "4.0", ["jupyter-server>=2"]))
    plan = make_plan(executed_build.config())
    assert plan.stale == [], [s.name for s in plan.stale]
