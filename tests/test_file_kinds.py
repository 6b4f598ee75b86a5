"""Inputs that are not regular files (a FIFO, a device), have a second hard link, or are links leading out of the
data folder are refused before they are opened: `validate` and `build` say so in a line and never block."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from research.data.filekind import file_kind_problem


def _run(*args: str) -> subprocess.CompletedProcess:
    # In a child process with a timeout: a FIFO opened for reading would block the test itself forever.
    return subprocess.run([sys.executable, "-m", "research", *args], capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_fifo_named_like_a_data_file_is_refused_without_blocking(command, tmp_path, data_copy, references_copy):
    (data_copy / "incidents.csv").unlink()
    os.mkfifo(data_copy / "incidents.csv")
    where = [str(data_copy), "--references", str(references_copy)] if command == "validate" else [
        "--data-dir", str(data_copy), "--references", str(references_copy), "--output-dir", str(tmp_path / "out"),
        "--no-report"]
    run = _run(command, *where)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert "incidents.csv" in run.stderr and "is a FIFO (named pipe), not a regular file" in run.stderr, run.stderr
    assert not (tmp_path / "out" / "paper.html").exists()


def test_a_fifo_as_the_bibliography_is_one_line(tmp_path, data_copy):
    fifo = tmp_path / "refs.bib"
    os.mkfifo(fifo)
    run = _run("validate", str(data_copy), "--references", str(fifo))
    assert run.returncode == 1 and "Traceback" not in run.stderr and "not a regular file" in run.stderr, run.stderr


def test_kinds_of_file_refused(tmp_path):
    regular = tmp_path / "a.csv"
    regular.write_text("x\n")
    assert file_kind_problem(regular) is None
    os.link(regular, tmp_path / "b.csv")
    assert "has 2 hard links" in file_kind_problem(regular)
    assert file_kind_problem(regular, single_link=False) is None
    assert "a character device" in file_kind_problem("/dev/null")
    assert file_kind_problem(tmp_path / "absent.csv") is None


def test_a_hard_linked_data_file_is_a_located_problem(tmp_path, data_copy, references_copy, capsys):
    from research.cli import main

    # Nothing here can block (a hard link is a regular file): the command runs in this process.
    os.link(data_copy / "countries.csv", tmp_path / "elsewhere.csv")
    status = main(["validate", str(data_copy), "--references", str(references_copy)])
    err = capsys.readouterr().err
    assert status == 1 and "countries.csv" in err and "has 2 hard links" in err, err
