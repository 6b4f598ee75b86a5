"""datapackage.json has one reader: a data folder is read the same with or without its own copy of the descriptor."""

from __future__ import annotations

import json
import os

import pytest

from research import paths
from research.data.descriptor import descriptor_path, folder_descriptor, project_descriptor, read_descriptor
from research.data.quotes import check_quotes
from research.data.rows import read_index
from research.errors import DataValidationError


def test_the_project_descriptor_is_the_file_as_json():
    expected = json.loads((paths.DATA_DIR / paths.DATAPACKAGE_NAME).read_text(encoding="utf-8"))
    assert project_descriptor() == expected


def test_a_folder_without_its_own_copy_is_described_by_the_projects(data_copy):
    own = data_copy / paths.DATAPACKAGE_NAME
    assert descriptor_path(data_copy) == own
    own.unlink()
    assert descriptor_path(data_copy) == paths.DATA_DIR / paths.DATAPACKAGE_NAME
    assert folder_descriptor(data_copy) == project_descriptor()


def test_the_row_index_and_the_quote_check_read_a_folder_without_its_descriptor_as_one_with_it(data_copy, tmp_path):
    # These two once opened data_dir/datapackage.json themselves: a folder that validated failed in the report step.
    with_copy = read_index(data_copy)
    quotes_with = check_quotes(data_copy, [tmp_path])
    (data_copy / paths.DATAPACKAGE_NAME).unlink()
    without = read_index(data_copy)
    assert without.digests == with_copy.digests and len(without.digests) > 100
    quotes_without = check_quotes(data_copy, [tmp_path])
    assert (quotes_without.checked, quotes_without.unchecked) == (quotes_with.checked, quotes_with.unchecked)


def test_a_changed_file_is_read_again(tmp_path):
    path = tmp_path / paths.DATAPACKAGE_NAME
    path.write_text('{"resources": []}', encoding="utf-8")
    assert read_descriptor(path) == {"resources": []}
    path.write_text('{"resources": [], "name": "x"}', encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert read_descriptor(path) == {"resources": [], "name": "x"}


@pytest.mark.parametrize("text, line, rule", [
    (None, None, "file is missing"),
    ('{"resources": [\n,]}', 2, "is not valid JSON"),
    (b"\xff\xfe{}", None, "is not valid JSON"),
])
def test_an_unreadable_descriptor_is_one_located_problem(tmp_path, text, line, rule):
    path = tmp_path / paths.DATAPACKAGE_NAME
    if isinstance(text, bytes):
        path.write_bytes(text)
    elif text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        read_descriptor(path)
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == (paths.DATAPACKAGE_NAME, line)
    assert problem.rule.startswith(rule)
