"""Pandoc ends with the build: interrupted (SIGTERM taken as Ctrl-C, as the build takes it) the build kills it; killed
outright (SIGKILL, which nothing can catch) the kernel kills it through its parent-death signal."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent("""
    import signal, sys
    from research.report.sandbox import run_pandoc

    def interrupt(signum, frame):
        raise KeyboardInterrupt  # what the build does with SIGTERM (build._terminate_as_interrupt)

    signal.signal(signal.SIGTERM, interrupt)
    # From a file, so that Pandoc has its whole input however early the build dies: it would then run for minutes.
    with open(sys.argv[1], "w") as fh:
        fh.write("".join(f"* item *{i}* with [a link](https://example.org/{i}) and **bold {i}**\\n"
                         for i in range(200000)))
    try:
        run_pandoc("", "html5", "markdown", ["--sandbox", sys.argv[1]], on_start=lambda pid: print(pid, flush=True))
    except KeyboardInterrupt:
        sys.exit(130)
    print("finished", flush=True)
""")


def _ended(pid: int, guard: float = 60) -> bool:
    """True when process ``pid`` has ended (waited on through a pidfd: no sleeping, a generous guard).

    Left alone, Pandoc would end only when it finished (minutes, then a broken pipe): ending within the guard means
    it was killed.
    """
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        return bool(select.select([fd], [], [], guard)[0])
    finally:
        os.close(fd)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_pandoc_does_not_outlive_the_build(sig, tmp_path):
    build = subprocess.Popen([sys.executable, "-c", SCRIPT, str(tmp_path / "big.md")], stdout=subprocess.PIPE,
                             text=True)
    try:
        pandoc = int(build.stdout.readline())
        alive = os.pidfd_open(pandoc)  # Pandoc is running now: this input takes it minutes, far beyond the guard
        os.close(alive)
        build.send_signal(sig)
        build.wait(timeout=120)
        assert build.returncode == (130 if sig == signal.SIGTERM else -signal.SIGKILL)
        assert _ended(pandoc), f"pandoc {pandoc} is still running after the build got {sig.name}"
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
