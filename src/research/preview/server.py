"""Serve the preview on 127.0.0.1 and follow edits: watchfiles reports changes, the session rebuilds, the page reloads."""

from __future__ import annotations

import contextlib
import json
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from research import paths
from research.preview.page import with_reloader
from research.preview.session import RESTART, Session, State

IGNORED_PARTS = {".ipynb_checkpoints", "__pycache__", ".git"}


def _handler(state: State):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # the name http.server calls
            if self.path.split("?")[0] in ("/", "/paper.html", "/index.html"):
                with state.lock:
                    body = with_reloader(state.page, state.version, state.error)
                self._send(body, "text/html; charset=utf-8")
            elif self.path.split("?")[0] == "/__preview/state":
                with state.lock:
                    body = json.dumps({"version": state.version, "error": state.error}).encode()
                self._send(body, "application/json")
            else:
                self.send_error(HTTPStatus.NOT_FOUND)

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # every poll would print a line
            pass

    return Handler


def serve(state: State, port: int = 0) -> ThreadingHTTPServer:
    """Start serving ``state`` on 127.0.0.1 (``port`` 0: a free one) in a daemon thread; return the server."""
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(state))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def watched(session: Session) -> list[Path]:
    """What the preview watches: the notebooks, the data folder, the bibliography and the package."""
    config = session.config
    return [Path(config.notebooks_dir), Path(config.data_dir), Path(config.references), paths.PACKAGE_DIR]


def _relevant(change, path: str) -> bool:
    parts = Path(path).parts
    return not (IGNORED_PARTS & set(parts) or path.endswith(("~", ".swp", ".pyc")) or Path(path).name.startswith(".#"))


def follow(session: Session, stop: threading.Event) -> str | None:
    """Rebuild on every batch of changes until ``stop`` is set; return :data:`RESTART` if the package changed."""
    import watchfiles

    for changes in watchfiles.watch(*watched(session), watch_filter=_relevant, stop_event=stop, debounce=1600,
                                    step=50, raise_interrupt=False):
        changed = {Path(path) for _, path in changes}
        shown = ", ".join(sorted(p.name for p in changed)[:3]) + (" ..." if len(changed) > 3 else "")
        session.say(f"changed: {shown}")
        if session.update(changed) == RESTART:
            return RESTART
    return None


def run(session: Session, port: int = 0, ready=None, stop: threading.Event | None = None) -> str | None:
    """Serve and follow edits until interrupted (or ``stop`` is set); return :data:`RESTART` if the package changed.

    The kernels of every rebuild fork from one zygote kept warm for the whole session. ``ready``, if given, is
    called with the page's URL once the server listens (before the first build).
    """
    from research.kernels.client import warm_pool

    stop = stop or threading.Event()
    server = serve(session.state, port)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    session.say(f"preview: {url} (in {session.config.output_dir}; watching the notebooks, {session.config.data_dir}, "
                f"{Path(session.config.references).name} and the package; Ctrl-C stops)")
    if ready is not None:
        ready(url)
    try:
        with warm_pool(session.config.jobs or 2):
            session.update(None)
            return follow(session, stop)
    finally:
        with contextlib.suppress(OSError):
            server.shutdown()
            server.server_close()
