"""The README's "Start here" is short, and its command blocks run as written from a fresh shell: the blocks marked
`run` are run in order, the blocks marked `serve` (a server) are started, probed and stopped.

The markers: ``<!-- run:start NAME -->`` / ``<!-- run:end -->`` around a ```sh block, and
``<!-- serve:start NAME port=VARIABLE probe=PATH -->`` / ``<!-- serve:end -->`` for a block that starts a server on
the port that ``make`` variable names (the test gives it a free one) and answers at PATH. The worked example has its
own markers and test (test_new_data.py)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import urllib.error

import pytest
from servers import fetch, free_port, start, stop, wait_for

from research import paths

BLOCK = re.compile(r"<!-- (run|serve):start (\S+)([^>]*?)\s*-->\s*```sh\n(.*?)```\s*<!-- \1:end -->", re.S)


def _readme() -> str:
    return (paths.ROOT / "README.md").read_text(encoding="utf-8")


def blocks() -> list[tuple[str, str, dict, str]]:
    """Each marked block: its kind, name, attributes (``port``, ``probe``) and script, in the README's order."""
    found = []
    for kind, name, attrs, script in BLOCK.findall(_readme()):
        found.append((kind, name, dict(a.split("=", 1) for a in attrs.split()), script))
    return found


def _start_here() -> str:
    text = _readme()
    return text.split("## Start here", 1)[1].split("\n## ", 1)[0]


def test_start_here_comes_first_and_is_short():
    text = _readme()
    assert text.index("## Start here") == text.index("\n## ") + 1  # the first section
    assert len(_start_here().strip().splitlines()) <= 62


def test_start_here_runs_every_command_from_a_fresh_shell():
    # no bare `research` or `papermill` (not on the PATH of a fresh shell): .venv/bin/ or make
    commands = [line.strip() for _, _, _, script in blocks() for line in script.splitlines() if line.strip()]
    assert commands
    for line in commands:
        first = line.split()[0]
        assert first == "make" or first.startswith(".venv/bin/"), line
    marked = {name for _, name, _, _ in blocks()}
    assert {"build", "parameter", "lab", "preview", "check"} <= marked
    assert all({"port", "probe"} <= set(attrs) for kind, _, attrs, _ in blocks() if kind == "serve")


def _answers(url: str):
    try:
        return fetch(url) or True
    except urllib.error.HTTPError:  # a login page or a redirect: a server that answers
        return True


def _project_copy(root):
    """The project's tracked files under ``root``, with this environment's .venv; set up as `make` left it."""
    files = subprocess.run(["git", "-C", str(paths.ROOT), "ls-files"], capture_output=True, text=True,
                           check=True).stdout.split()
    for rel in files:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(paths.ROOT / rel, target)
    (root / ".venv").symlink_to(paths.ROOT / ".venv")
    stamp = (paths.ROOT / ".venv" / ".installed").stat().st_mtime
    for rel in ("pyproject.toml", "requirements.lock"):  # make's set-up is done: it must not run pip again
        os.utime(root / rel, (stamp - 60, stamp - 60))


@pytest.mark.slow
def test_readme_blocks_run_as_written(tmp_path):
    root = tmp_path / "project"
    _project_copy(root)
    env = {k: v for k, v in os.environ.items() if k not in ("DATA_DIR", "OUTPUT_DIR", "REFERENCES", "RESEARCH_SCRATCH")}
    env["PYTHONPATH"] = str(root / "src")  # the copy's package, not the checkout's the .venv was installed from
    for kind, name, attrs, script in blocks():
        if kind == "run":
            run = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=root, env=env, capture_output=True,
                                 text=True, timeout=1800)
            assert run.returncode == 0, f"{name}: {run.stdout[-3000:]}{run.stderr[-3000:]}"
            continue
        port = free_port()
        server = start(["bash", "-c", script], tmp_path / f"{name}.log", cwd=root, env={**env, attrs["port"]: str(port)})
        try:
            url = f"http://127.0.0.1:{port}{attrs['probe']}"
            wait_for(lambda url=url: _answers(url), 600, f"{name} answering")
        finally:
            stop(server)
    assert (root / "output" / "paper.html").is_file() and (root / "output" / "profiles" / "index.html").is_file()
    assert (root / "output" / "diff.html").is_file()
    assert list((root / "scratch" / "figures").glob("*.svg"))  # the notebook run alone wrote there, not in output/
