"""The zygote's client (research.kernels.client) and the in-process papermill engine its kernels run notebooks with.

The engine runs here in a child interpreter (it makes an IPython shell, which would change this process);
the end-to-end tests in test_sweep.py and test_build.py run it in forked kernels.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import nbformat
import pytest

from research.kernels import client

CELLS = [
    ("parameters", 'name = "x"'),
    (None, "from research.nb.glue import glue\nglue('name', name)\nprint('one')\nprint('two')"),
    (None, "{'a': 1, 'b': [1, 2]}"),
    (None, "import pandas as pd\npd.DataFrame({'n': [1, 2]})"),
    (None, ""),
    (None, "from IPython.display import display\nh = display('first', display_id=True)\nh.update('second')"),
    (None, "raise ValueError(f'bad {name}')"),
    (None, "print('never')"),
]


def _notebook(path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for tag, source in CELLS:
        cell = nbformat.v4.new_code_cell(source)
        if tag:
            cell.metadata["tags"] = [tag]
        nb.cells.append(cell)
    nbformat.write(nb, path)


RUN = """import json, sys
from research.kernels.server import run_notebook
seen = []
reply = run_notebook({"notebook": sys.argv[1], "executed": sys.argv[2], "parameters": {"name": "y"}},
                     lambda index, source: seen.append(index))
print(json.dumps({"reply": reply, "seen": seen}))
"""


@pytest.fixture(scope="module")
def engine_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("engine")
    _notebook(folder / "in.ipynb")
    done = subprocess.run([sys.executable, "-c", RUN, str(folder / "in.ipynb"), str(folder / "out.ipynb")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1]), nbformat.read(folder / "out.ipynb", as_version=4)


def test_the_engine_reports_the_failing_cell_as_the_source_numbers_it(engine_run):
    result, _ = engine_run
    assert result["reply"] == {"ok": False, "cell_index": 6, "source": CELLS[6][1], "exception": "ValueError: bad y"}
    assert result["seen"] == [0, 1, 2, 3, 5, 6]  # each code cell with code, as it starts; the injected one unnumbered


def test_the_engine_records_outputs_as_a_kernel_sends_them(engine_run):
    _, nb = engine_run
    cells = [c for c in nb["cells"] if "papermill-error-cell-tag" not in c["metadata"].get("tags", [])]
    injected, glued, value, frame, empty, shown, failed, never = cells[1:]
    assert "injected-parameters" in injected["metadata"]["tags"] and 'name = "y"' in injected["source"]
    record = glued["outputs"][0]
    assert record["output_type"] == "display_data" and record["metadata"] == {}
    assert record["data"]["application/vnd.research+json"] == {"kind": "value", "name": "name", "value": "y",
                                                               "text": "y"}
    assert glued["outputs"][1] == {"output_type": "stream", "name": "stdout", "text": "one\ntwo\n"}
    assert value["outputs"] == [{"output_type": "execute_result", "execution_count": 4, "metadata": {},
                                 "data": {"text/plain": "{'a': 1, 'b': [1, 2]}"}}]
    assert {"text/html", "text/plain"} <= set(frame["outputs"][0]["data"])
    assert empty["execution_count"] is None and empty["outputs"] == []
    assert [o["data"]["text/plain"] for o in shown["outputs"]] == ["'second'"]  # updated in place
    assert failed["outputs"][0]["output_type"] == "error" and failed["outputs"][0]["ename"] == "ValueError"
    assert failed["metadata"]["papermill"]["status"] == "failed" and never["execution_count"] is None
    assert [c["execution_count"] for c in cells if c["cell_type"] == "code"] == [1, 2, 3, 4, 5, None, 6, 7, None]
    assert nb["metadata"]["papermill"]["exception"] is True
    assert nb["metadata"]["language_info"]["name"] == "python"


def test_the_language_info_is_what_an_ipython_kernel_reports():
    from ipykernel.ipkernel import IPythonKernel

    from research.kernels.inprocess import LANGUAGE_INFO

    assert IPythonKernel.language_info == LANGUAGE_INFO


def test_without_a_zygote_there_is_no_forked_kernel(monkeypatch, tmp_path):
    monkeypatch.setitem(client._STATE, "process", None)
    monkeypatch.setitem(client._STATE, "ready", None)
    assert client.run(tmp_path / "a.ipynb", tmp_path / "b.ipynb", {}) is None


def test_a_zygote_that_never_says_ready_means_kernels_start_the_ordinary_way(monkeypatch, tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"], stdout=subprocess.PIPE)
    monkeypatch.setitem(client._STATE, "process", dead)
    monkeypatch.setitem(client._STATE, "socket", "/nonexistent/fork.sock")
    monkeypatch.setitem(client._STATE, "ready", None)
    try:
        assert client.run(tmp_path / "a.ipynb", tmp_path / "b.ipynb", {}) is None
    finally:
        dead.wait()
        dead.stdout.close()
    assert client._STATE["ready"] is False


def test_a_zygote_that_does_not_answer_means_the_ordinary_way(monkeypatch, tmp_path):
    monkeypatch.setitem(client._STATE, "ready", True)
    monkeypatch.setitem(client._STATE, "socket", str(tmp_path / "no.sock"))
    assert client.run(tmp_path / "a.ipynb", tmp_path / "b.ipynb", {}) is None


# --------------------------------------------------------------------------------------------- against a kernel

SAME = [("parameters", 'name = "x"'), *CELLS[1:6],
        (None, "import warnings\nwarnings.warn('careful')"),
        # wider than a terminal: pandas shows it as a kernel does only if it knows it is in one
        (None, "import pandas as pd\npd.DataFrame({f'a column named {i}': ['a fairly long value'] for i in range(6)})"),
        (None, "from research.nb.style import save\nimport matplotlib.pyplot as plt\nfig, ax = plt.subplots()\n"
               "ax.plot([1, 2])\nsave(fig, 'fig-probe', out, 'caption', 'A line from 1 to 2.', formats=('svg',))")]


def _write(path, cells) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for tag, source in cells:
        nb.cells.append(nbformat.v4.new_code_cell(source, metadata={"tags": [tag]} if tag else {}))
    nbformat.write(nb, path)


def _normalised(path) -> dict:
    from research.engine.normalise import normalise

    nb = normalise(nbformat.read(path, as_version=4))
    for cell in nb["cells"]:
        cell.pop("id", None)  # nbformat gives each new cell a random id
        for output in cell.get("outputs", []):
            if output["output_type"] == "stream":  # a warning names the cell's code as the shell compiled it:
                # /tmp/ipykernel_<pid>/<hash>.py in a kernel (a new name each run), <ipython-input-N-hash> here
                output["text"] = re.sub(r"^\S+:(\d+): ", r"<cell>:\1: ", output["text"], flags=re.MULTILINE)
    return nb


@pytest.mark.slow
def test_a_forked_kernel_writes_the_notebook_an_ipython_kernel_writes(tmp_path):
    from research.engine.execute import execute

    source = tmp_path / "same.ipynb"
    _write(source, [SAME[0], (None, "out = " + repr(str(tmp_path)))] + SAME[1:])
    ordinary = execute(source, tmp_path / "ordinary.ipynb", {"name": "y"})  # no zygote: a kernel as usual
    with client.warm_pool():
        forked = execute(source, tmp_path / "forked.ipynb", {"name": "y"})
    assert ordinary.ok and forked.ok, (ordinary, forked)
    assert _normalised(tmp_path / "forked.ipynb") == _normalised(tmp_path / "ordinary.ipynb")


@pytest.mark.slow
def test_a_kernel_that_dies_is_reported_with_the_cell_it_was_running(tmp_path):
    from research.engine.execute import execute

    source = tmp_path / "dies.ipynb"
    _write(source, [SAME[0], (None, "x = 1"), (None, "import os\nos._exit(3)"), (None, "y = 2")])
    with client.warm_pool():
        run = execute(source, tmp_path / "out.ipynb", {"name": "y"})
    assert not run.ok and run.cell_index == 2 and run.cell_source.startswith("import os")
    assert "exited before the notebook finished" in run.exception


@pytest.mark.slow
def test_a_kernel_forked_after_the_zygote_held_the_data_is_lent_them(tmp_path, data_copy, references_copy):
    # share_inputs: the zygote validates once (research.kernels.held) and the forked kernel's load_data is lent a
    # copy; the kernel itself says whether it was (a broken registration would validate again, silently).
    from research.engine.execute import execute

    source = tmp_path / "lent.ipynb"
    _write(source, [("parameters", 'data_dir = ""\nreferences = ""'),
                    (None, "from research.nb import inputs\nframes = inputs.load_data(data_dir, references, ['countries'])\n"
                           "lent = inputs._LENDER(data_dir, references, ['countries']) if inputs._LENDER else None\n"
                           "assert lent is not None and lent[0]['countries'].equals(frames['countries'])")])
    parameters = {"data_dir": str(data_copy), "references": str(references_copy)}
    with client.warm_pool():
        run = execute(source, tmp_path / "out.ipynb", parameters, share_inputs=True)
    assert run.ok, run.exception
    with client.warm_pool():
        alone = execute(source, tmp_path / "alone.ipynb", parameters)  # not shared: nothing is lent
    assert not alone.ok and "AssertionError" in alone.exception
