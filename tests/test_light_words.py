"""The words for numbers and dates, and the module that records values, import no pandas: a cached sweep that only
reads recorded values and counts in words stays light (a subprocess, so nothing imported here counts)."""

from __future__ import annotations

import subprocess
import sys


def _imports_pandas(module: str) -> bool:
    probe = f"import sys, {module}; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return out.strip() == "True"


def test_the_shared_number_words_and_glue_import_no_pandas():
    assert not _imports_pandas("research.sections.words")
    assert not _imports_pandas("research.nb.glue")


def test_the_probe_sees_pandas_where_a_module_brings_it():
    assert _imports_pandas("research.sections.law_words")
