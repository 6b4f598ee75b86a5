"""The zygote's client side (research.kernels.client): the provisioner it registers and its fallback."""

from __future__ import annotations

import asyncio
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
