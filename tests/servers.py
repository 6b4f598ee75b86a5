"""Helpers for the tests that start a server (not a test module): a free port, a poll with a deadline, headless
Chromium's rendering of a page, and stopping what was started (by its process group, never by name)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, deadline_s: float, what: str, every: float = 0.2):
    """Call ``check`` until it returns something true (returned) or the deadline passes (AssertionError)."""
    end = time.monotonic() + deadline_s
    while True:
        try:
            value = check()
        except OSError:
            value = None
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"{what}: not within {deadline_s:.0f} s")
        time.sleep(every)


def fetch(url: str, timeout: float = 10) -> str:
    """The body of ``url`` as text."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def start(command: list[str], log_path, **kwargs) -> subprocess.Popen:
    """Start ``command`` in a process group of its own, its output to ``log_path``."""
    log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115  (closed with the process by stop())
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                               start_new_session=True, **kwargs)
    process.log = log
    return process


def stop(process: subprocess.Popen) -> None:
    """Interrupt ``process`` and everything it started (its process group); kill it if it has not stopped in 20 s."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    process.log.close()


def dump_dom(url: str, budget_ms: int = 60000, timeout: float = 180) -> str:
    """The page's DOM after headless Chromium has run its scripts for ``budget_ms`` of virtual time."""
    with tempfile.TemporaryDirectory() as profile:
        run = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--virtual-time-budget={budget_ms}",
                              "--window-size=1200,1600", "--dump-dom", url],
                             capture_output=True, text=True, timeout=timeout, check=False)
    return run.stdout


class Browser:
    """Headless Chromium showing one page, asked what the page holds over the DevTools protocol (a live page: its
    own scripts run, in real time, as a reader's browser would)."""

    def __init__(self, url: str, log_path):
        import json

        self.profile = tempfile.TemporaryDirectory()
        port = free_port()
        self.process = start([CHROMIUM, *FLAGS, f"--user-data-dir={self.profile.name}", f"--remote-debugging-port={port}",
                              "--remote-allow-origins=*", "--window-size=1200,1600", url], log_path)

        def page_socket():
            targets = json.loads(fetch(f"http://127.0.0.1:{port}/json"))
            return next((t["webSocketDebuggerUrl"] for t in targets if t.get("type") == "page"), None)

        import websocket  # websocket-client, which JupyterLab brings

        self.socket = websocket.create_connection(wait_for(page_socket, 60, "Chromium's DevTools"), timeout=30)
        self.calls = 0

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page now (None while the page is reloading)."""
        import json

        self.calls += 1
        self.socket.send(json.dumps({"id": self.calls, "method": "Runtime.evaluate",
                                     "params": {"expression": expression, "returnByValue": True}}))
        while True:
            reply = json.loads(self.socket.recv())
            if reply.get("id") == self.calls:
                return reply.get("result", {}).get("result", {}).get("value")

    def text(self) -> str:
        """The page's visible text."""
        return self.evaluate("document.body ? document.body.innerText : ''") or ""

    def close(self) -> None:
        """Stop Chromium and remove its profile."""
        self.socket.close()
        stop(self.process)
        self.profile.cleanup()
