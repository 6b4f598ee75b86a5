"""Run roc-validator with the RO-Crate JSON-LD context served from this machine (run by the validator's Python).

The validator fetches the context its crate names; the tests have no network, so a local HTTP server serves the
context shipped in tests/fixtures/ro-crate/ (CC0, as published at w3id.org) and every request for it goes there.
Usage: python rocrate_offline.py CONTEXT_FILE -- rocrate-validator arguments...
"""

import functools
import http.server
import sys
import threading
import urllib.request

import requests.adapters

CONTEXTS = {"https://w3id.org/ro/crate/1.1/context": "/context"}


class _Context(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


def main() -> None:
    context_file, args = sys.argv[1], sys.argv[sys.argv.index("--") + 1:]
    with open(context_file, "rb") as f:
        _Context.body = f.read()
    server = http.server.HTTPServer(("127.0.0.1", 0), _Context)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    local = f"http://127.0.0.1:{server.server_address[1]}"
    send = requests.adapters.HTTPAdapter.send

    @functools.wraps(send)
    def to_local(self, request, *a, **kw):
        url = request.url.split("#")[0].rstrip("/")
        if url in CONTEXTS:
            request.url = local + CONTEXTS[url]
        return send(self, request, *a, **kw)

    requests.adapters.HTTPAdapter.send = to_local
    opener_open = urllib.request.OpenerDirector.open

    @functools.wraps(opener_open)
    def open_local(self, fullurl, *a, **kw):  # rdflib reads a JSON-LD context with urllib
        url = fullurl.full_url if isinstance(fullurl, urllib.request.Request) else fullurl
        key = url.split("#")[0].rstrip("/")
        if key in CONTEXTS:
            headers = dict(fullurl.header_items()) if isinstance(fullurl, urllib.request.Request) else {}
            fullurl = urllib.request.Request(local + CONTEXTS[key], headers=headers)
        return opener_open(self, fullurl, *a, **kw)

    urllib.request.OpenerDirector.open = open_local
    from rocrate_validator.cli import cli

    sys.argv = ["rocrate-validator", *args]
    cli()


if __name__ == "__main__":
    main()
