"""Run a build, stop it with a signal once notebooks run, and wait for every process it left (a test helper script).

Usage: ``python reaper.py SIGNAL COMMAND...``. This process makes itself the child subreaper (Linux): whatever the
build started and left behind when it died (its zygote, the zygote's kernels) becomes this process's child, so
``os.wait`` returns once each of them has exited; an alarm turns a process that never exits into a failure. Prints
one JSON line: the build's exit status and how many orphans were reaped. No sleeping, no scanning of processes.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys

PR_SET_CHILD_SUBREAPER = 36
LIMIT = 60  # seconds every orphan gets to exit before this helper fails


def main() -> int:
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        print(json.dumps({"error": "prctl(PR_SET_CHILD_SUBREAPER) failed"}))
        return 2
    sig, command = int(sys.argv[1]), sys.argv[2:]
    # A shell without job control starts background commands with SIGINT ignored, and an ignored signal stays ignored
    # across exec: the build would never see the Ctrl-C this helper sends. A handler (unlike "ignore") is reset to
    # the default on exec, so the build starts as it would at a terminal, whoever started the tests.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    build = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in build.stdout:  # the build prints "running NAME" once it has handed notebooks to kernels
        if line.strip().startswith("running"):
            break
    build.send_signal(sig)
    build.communicate()
    signal.alarm(LIMIT)
    reaped = 0
    while True:
        try:
            os.wait()
        except ChildProcessError:  # no child left: every process the build left behind has exited
            break
        reaped += 1
    print(json.dumps({"returncode": build.returncode, "orphans_reaped": reaped}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
