"""`research preview` serves the edition's HTML and follows edits: a sentence added to a notebook's Markdown appears
in the open page (headless Chromium), a failure shows as the build's one-line error over the last good page, and the
published output/ is never touched."""

from __future__ import annotations

import json
import shutil
import sys

import pytest
from servers import Browser, fetch, free_port, start, stop, wait_for
from support import warm_copy
from test_standalone import _snapshot

from research import paths

pytestmark = pytest.mark.slow

NEW = "This sentence was added while the preview was open."


def _add_to_prose(notebook, heading: str, text: str) -> None:
    """Append ``text`` to the Markdown cell that holds ``heading``, and save the notebook as an editor would."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown" and heading in "".join(c["source"]))
    cell["source"] = "".join(cell["source"]) + " " + text
    notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _alive(preview, log) -> bool:
    """True while the preview runs; a preview that has exited fails the test at once, with the end of its log."""
    if preview.poll() is not None:
        raise AssertionError(f"the preview exited ({preview.returncode}): {log.read_text(encoding='utf-8')[-2000:]}")
    return True


def test_the_preview_follows_a_prose_edit_and_shows_a_failure_over_the_last_page(report_build, tmp_path):
    published = _snapshot(paths.OUTPUT_DIR)
    notebooks = tmp_path / "notebooks"
    shutil.copytree(paths.NOTEBOOKS_DIR, notebooks)
    # The preview's folder starts as a copy of the session build with its cache, without its report: the notebooks
    # (the same, in another folder) need not run again, and the page is the preview's own. The inputs are only read.
    folder = warm_copy(report_build.output_dir, tmp_path / "pv")
    for name in ("paper.html", "supplement.html", "paper.pdf", "paper.docx"):
        (folder / name).unlink()
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    preview = start([sys.executable, "-m", "research", "preview", "--port", str(port), "--dir", str(folder),
                     "--notebooks-dir", str(notebooks), "--data-dir", str(report_build.data_dir), "--references",
                     str(report_build.references), "-j", "2"], tmp_path / "preview.log")
    log = tmp_path / "preview.log"
    try:
        wait_for(lambda: _alive(preview, log) and "Legislating cyberspace" in fetch(url), 900, "the preview's first page")
        browser = Browser(url, tmp_path / "chromium.log")
        try:
            wait_for(lambda: "Legislating cyberspace" in browser.text(), 60, "the page in Chromium")
            assert NEW not in browser.text()
            _add_to_prose(notebooks / "03-existing-law.ipynb", "Legislating cyberspace", NEW)
            wait_for(lambda: NEW in browser.text(), 300, "the new sentence in the open page")
            # a failure (a citation key references.bib lacks): its one line over the last good page
            _add_to_prose(notebooks / "03-existing-law.ipynb", "Legislating cyberspace", "See [@nosuchwork2099].")
            error = wait_for(lambda: browser.evaluate("document.getElementById('preview-error').innerText"), 300,
                             "the error over the page")
            assert error.startswith("error: ") and "unknown citation key @nosuchwork2099" in error
            assert len(error.splitlines()) == 1
            assert NEW in browser.text() and "Legislating cyberspace" in browser.text()
        finally:
            browser.close()
    finally:
        stop(preview)
    text = log.read_text(encoding="utf-8")
    assert "page updated" in text, text[-3000:]
    assert (tmp_path / "pv" / "paper.html").is_file()
    assert _snapshot(paths.OUTPUT_DIR) == published  # no build of the published edition, no lock taken there


def test_a_notebooks_part_rendered_alone_is_what_the_whole_page_renders(executed_build, monkeypatch):
    from research.preview import session as session_module
    from research.preview.page import splice_prose
    from research.repro.provenance import current

    session = session_module.Session(executed_build.config().resolved(), current(), say=lambda line: None)
    folder = executed_build.output_dir / "notebooks"
    session.executed = {n: json.loads((folder / f"{n}.ipynb").read_text(encoding="utf-8")) for n in session.names()}
    session.state.page = session.render(True)
    whole_renders = []
    render_html = session_module.render_html
    monkeypatch.setattr(session_module, "render_html", lambda *a: whole_renders.append(1) or render_html(*a))
    source = json.loads((paths.NOTEBOOKS_DIR / "03-existing-law.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in source["cells"] if c["cell_type"] == "markdown"
                and "Legislating cyberspace" in "".join(c["source"]))
    cell["source"] = "".join(cell["source"]) + f" {NEW} As the authors put it [@nguon2019cambodia, p. 3]."
    session.executed["03-existing-law"] = splice_prose(session.executed["03-existing-law"], source)
    session.spliced.add("03-existing-law")
    patched = session.render(False)
    assert whole_renders == [] and NEW in patched  # the notebook's part alone was rendered
    assert patched == session.render(True)  # and it is what rendering the whole page gives, byte for byte
