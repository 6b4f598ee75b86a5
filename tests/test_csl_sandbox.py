"""A dependent CSL style names its parent by URL, which Pandoc would fetch despite its sandbox: the build refuses it in
one line before anything runs (a local server sees no request), unless the parent is given as a local file."""

from __future__ import annotations

import http.server
import threading

import pytest

from research.cli import main
from research.errors import ParameterError
from research.report.sandbox import effective_style

INDEPENDENT = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Parent</title><id>parent</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
</style>
"""
DEPENDENT = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-US">
  <info><title>Child</title><id>child</id>
    <link href="{url}" rel="independent-parent"/><updated>2020-01-01T00:00:00+00:00</updated></info>
</style>
"""


@pytest.fixture
def server():
    """A local web server serving the parent style, recording every request it gets."""
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            body = INDEPENDENT.encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/parent.csl", requests
    httpd.shutdown()


def test_a_dependent_style_with_a_remote_parent_is_refused_before_anything_runs(server, tmp_path, data_copy,
                                                                                references_copy, capsys):
    url, requests = server
    child = tmp_path / "child.csl"
    child.write_text(DEPENDENT.format(url=url))
    status = main(["build", "--csl", str(child), "--data-dir", str(data_copy), "--references", str(references_copy),
                   "--output-dir", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert status == 1 and err.count("\n") == 1 and "Traceback" not in err, err
    assert f"--csl {child}: is a dependent style (its independent-parent is {url})" in err
    assert "give that parent as a local file with --csl-parent" in err
    assert requests == [] and not (tmp_path / "out").exists()


def test_a_local_parent_is_the_style_used(server, tmp_path):
    url, requests = server
    child, parent = tmp_path / "child.csl", tmp_path / "parent.csl"
    child.write_text(DEPENDENT.format(url=url))
    parent.write_text(INDEPENDENT)
    assert effective_style(child, parent) == parent
    assert effective_style(parent) == parent  # an independent style is used as it is
    with pytest.raises(ParameterError, match="is not an independent style"):
        effective_style(child, child)
    assert requests == []


@pytest.mark.parametrize("text, rule", [("not xml", "is not a CSL style (not readable as XML"),
                                        ("<html/>", "its root element is not <style>")])
def test_a_file_that_is_no_style_is_one_line(tmp_path, text, rule):
    bad = tmp_path / "bad.csl"
    bad.write_text(text)
    with pytest.raises(ParameterError, match=rule.replace("(", r"\(").replace("<", "<")):
        effective_style(bad)
