"""The zygote's client side (research.kernels.client): the provisioner it registers and its fallback."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys

from jupyter_client.provisioning import KernelProvisionerFactory, LocalProvisioner

from research.kernels import client


def test_the_kernel_specs_name_the_zygote_provisioner_and_its_entry_point_loads_it():
    spec = client.ZygoteKernelSpecManager().get_kernel_spec("python3")
    assert spec.metadata["kernel_provisioner"] == {"provisioner_name": client.PROVISIONER}
    factory = KernelProvisionerFactory.instance()
    assert factory.is_provisioner_available(spec)
    assert factory.provisioners[client.PROVISIONER].load() is client.ZygoteProvisioner


def _launch(monkeypatch, cmd):
    started = []

    async def ordinary(self, command, **kwargs):
        started.append(command)
        return {"started": "the ordinary way"}

    monkeypatch.setattr(LocalProvisioner, "launch_kernel", ordinary)
    spec = client.ZygoteKernelSpecManager().get_kernel_spec("python3")
    provisioner = client.ZygoteProvisioner(kernel_id="k", kernel_spec=spec, parent=None)
    return asyncio.run(provisioner.launch_kernel(cmd)), started


def test_without_a_zygote_kernels_start_the_ordinary_way(monkeypatch):
    cmd = [sys.executable, "-m", "ipykernel_launcher", "-f", "conn.json"]
    info, started = _launch(monkeypatch, cmd)
    assert info == {"started": "the ordinary way"} and started == [cmd]


def test_a_zygote_that_never_says_ready_falls_back_to_the_ordinary_way(monkeypatch):
    dead = subprocess.Popen([sys.executable, "-c", "pass"], stdout=subprocess.PIPE)
    monkeypatch.setitem(client._STATE, "process", dead)
    monkeypatch.setitem(client._STATE, "socket", "/nonexistent/fork.sock")
    monkeypatch.setitem(client._STATE, "ready", None)
    try:
        cmd = [sys.executable, "-m", "ipykernel_launcher", "-f", "conn.json"]
        info, started = _launch(monkeypatch, cmd)
    finally:
        dead.wait()
        dead.stdout.close()
    assert started == [cmd] and client._STATE["ready"] is False


def test_commands_other_than_an_ipython_kernel_never_go_to_the_zygote(monkeypatch):
    monkeypatch.setitem(client._STATE, "process", None)
    info, started = _launch(monkeypatch, ["some-other-kernel", "--conn", "x"])
    assert started == [["some-other-kernel", "--conn", "x"]]


def test_a_forked_kernel_that_is_gone_polls_as_exited():
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()  # reaped: its pid names no process now
    forked = client.ForkedProcess(proc.pid)
    assert forked.poll() == 0 and forked.wait(timeout=1) == 0


def _pipe(text: str | None) -> int:
    read_fd, write_fd = os.pipe()
    if text is not None:
        os.write(write_fd, text.encode())
    os.close(write_fd)
    return read_fd


def test_the_zygote_hands_out_a_ready_kernel_or_says_why_it_cannot():
    from research.kernels.server import answer

    connection = {"shell_port": 1, "key": "k"}
    assert answer([(11, _pipe(json.dumps(connection) + "\n"))]) == {"pid": 11, "connection": connection}
    assert answer([(12, _pipe(None))]) == {"error": "kernel 12 exited before reporting its connection"}
    failed = answer([(13, _pipe(json.dumps({"error": "ZMQError: Address already in use"}) + "\n"))])
    assert failed == {"error": "kernel 13 could not start: ZMQError: Address already in use"}
    assert answer([]) == {"error": "no kernel left to hand out"}


def test_a_kernel_the_zygote_cannot_give_starts_the_ordinary_way(monkeypatch):
    monkeypatch.setitem(client._STATE, "ready", True)
    monkeypatch.setitem(client._STATE, "socket", "/nonexistent/fork.sock")
    monkeypatch.setattr(client, "_take_kernel", lambda path: {"error": "kernel 9 could not start"})
    cmd = [sys.executable, "-m", "ipykernel_launcher", "-f", "conn.json"]
    info, started = _launch(monkeypatch, cmd)
    assert started == [cmd] and info == {"started": "the ordinary way"}


def test_no_answer_from_the_zygote_is_an_error_reply_not_an_exception(tmp_path):
    assert "no answer from the zygote" in client._take_kernel(str(tmp_path / "no.sock"))["error"]
