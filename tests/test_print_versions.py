"""The system packages that print the PDF are recorded with the build, and a verification names any that differ."""

from __future__ import annotations

import subprocess

from research.repro import provenance
from research.repro.manifest import compare


def test_an_unknown_package_is_not_installed_and_no_dpkg_is_unknown(monkeypatch):
    found = provenance.system_versions(["no-such-package-here"])
    assert found == {"system:no-such-package-here": "not installed"}

    def no_dpkg(*args, **kwargs):
        raise FileNotFoundError("dpkg-query")

    monkeypatch.setattr(subprocess, "run", no_dpkg)
    assert provenance.system_versions(["fonts-noto-cjk"]) == {"system:fonts-noto-cjk": "unknown"}


def test_the_versions_recorded_include_the_printing_packages():
    versions = provenance.package_versions()
    assert {f"system:{p}" for p in provenance.PRINT_PACKAGES} <= set(versions)


def test_a_verification_names_the_versions_that_differ_beside_the_pdf():
    reference = {"inputs": {}, "outputs": {"paper.pdf": "a"}, "versions": {"system:libpango-1.0-0": "1.50.12",
                                                                          "pandas": "3.1.1"}}
    current = {"inputs": {}, "outputs": {"paper.pdf": "b"}, "versions": {"system:libpango-1.0-0": "1.52.0",
                                                                        "pandas": "3.1.1"}}
    result = compare(reference, current)
    assert not result.ok
    assert "versions that differ from the reference: system:libpango-1.0-0 1.50.12 -> 1.52.0" in result.lines
    assert "  different  paper.pdf" in result.lines
    assert not [line for line in compare(reference, reference).lines if line.startswith("versions")]
