"""The data folder is contained: read under the project's schema only, from files inside it, symbolic links
followed; a descriptor or link that points elsewhere is refused with a located problem that echoes nothing it reached."""

from __future__ import annotations

import json
import shutil

import pytest

from research import paths
from research.cli import main
from research.data import check, country_codes
from research.data.contained import differences, is_contained

SECRET = "root:x:0:0:the first line of a file outside the data folder"


@pytest.fixture
def outside(tmp_path):
    """A file outside the data folder whose first line must never be echoed."""
    path = tmp_path / "elsewhere" / "secret.csv"
    path.parent.mkdir()
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


def messages(dataset) -> list[str]:
    return [str(p) for p in dataset.problems]


def test_a_folder_without_its_own_descriptor_is_read_under_the_projects(data_copy, references_copy):
    (data_copy / paths.DATAPACKAGE_NAME).unlink()
    dataset = check(data_copy, references_copy, tables=["incidents"])
    assert dataset.problems == [] and dataset.tables
    assert paths.DATA_DIR / paths.DATAPACKAGE_NAME in dataset.files


def test_a_looser_copy_of_the_schema_is_refused_with_its_differences(data_copy, references_copy):
    path = data_copy / paths.DATAPACKAGE_NAME
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    countries = next(r for r in descriptor["resources"] if r["name"] == "countries")
    iso3 = next(f for f in countries["schema"]["fields"] if f["name"] == "iso3")
    iso3.setdefault("constraints", {})["x-extra"] = 1
    countries["path"] = "/etc/passwd"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    found = messages(check(data_copy, references_copy))
    assert found == [
        "datapackage.json: is not the project's schema (data/datapackage.json), which the data are always checked "
        "against: delete this copy or make it equal",
        'datapackage.json: differs from the project\'s schema at resources[countries].path: "/etc/passwd" here, '
        '"countries.csv" in the project\'s',
        "datapackage.json: differs from the project's schema at resources[countries].schema.fields[iso3]"
        ".constraints.x-extra: not in the project's schema (1 here)",
    ]
    assert not any("root:x" in m for m in found)


@pytest.mark.parametrize("theirs, ours, found", [
    ({"a": [1, 2]}, {"a": [1, 2]}, []),
    ({"a": ["x", "z"]}, {"a": ["x", "y"]}, ["a: lacks y; adds z"]),
    ({"a": ["y", "x"]}, {"a": ["x", "y"]}, ['a: ["y", "x"] here, ["x", "y"] in the project\'s']),
    ({"r": [{"name": "b"}, {"name": "a"}]}, {"r": [{"name": "a"}, {"name": "b"}]}, ["r: in another order"]),
    ({"r": [{"name": "a", "k": 2}]}, {"r": [{"name": "a", "k": 1}]}, ["r[a].k: 2 here, 1 in the project's"]),
    ({"r": [{"name": "a"}, {"name": "c"}]}, {"r": [{"name": "a"}]}, ["r[c]: not in the project's schema"]),
    ({"r": []}, {"r": [{"name": "a"}]}, ['r[a]: missing here ({"name": "a"} in the project\'s)']),
    ({"n": 1}, {"n": 1.0}, ["n: 1 here, 1.0 in the project's"]),
])
def test_differences_name_the_place_and_both_values(theirs, ours, found):
    assert differences(theirs, ours) == found


def test_a_table_linked_to_a_file_outside_the_folder_is_refused_and_not_read(data_copy, references_copy, outside):
    shutil.copy(data_copy / "countries.csv", outside)
    (data_copy / "countries.csv").unlink()
    (data_copy / "countries.csv").symlink_to(outside)
    found = messages(check(data_copy, references_copy, tables=["countries"]))
    assert "countries.csv: is a symbolic link to a file outside the data folder: copy the file in instead" in found
    assert country_codes(data_copy) == []


def test_a_link_that_stays_inside_the_folder_is_followed(data_copy, references_copy):
    (data_copy / "tables").mkdir()
    (data_copy / "countries.csv").rename(data_copy / "tables" / "countries.csv")
    (data_copy / "countries.csv").symlink_to("tables/countries.csv")
    assert check(data_copy, references_copy, tables=["countries"]).problems == []
    assert "KHM" in country_codes(data_copy)


def test_a_descriptor_linked_from_outside_is_refused(data_copy, references_copy, outside):
    (data_copy / paths.DATAPACKAGE_NAME).unlink()
    (data_copy / paths.DATAPACKAGE_NAME).symlink_to(outside)
    found = messages(check(data_copy, references_copy))
    assert found == ["datapackage.json: is a symbolic link to a file outside the data folder"]


@pytest.mark.parametrize("path, rule", [
    ("/etc/passwd", "is an absolute resource path: give it relative to the data folder"),
    ("../elsewhere/secret.csv", "is a resource path with '..': it must stay inside the data folder"),
    ("sub/../../elsewhere/secret.csv", "is a resource path with '..': it must stay inside the data folder"),
])
def test_the_projects_own_resource_paths_are_held_to_the_folder_too(data_copy, references_copy, outside, tmp_path,
                                                                     monkeypatch, path, rule):
    # Even the project's descriptor cannot send the reader outside: a copy with one hostile path stands in for it.
    descriptor = json.loads((paths.DATA_DIR / paths.DATAPACKAGE_NAME).read_text(encoding="utf-8"))
    next(r for r in descriptor["resources"] if r["name"] == "countries")["path"] = path
    project = tmp_path / "project" / paths.DATAPACKAGE_NAME
    project.parent.mkdir()
    project.write_text(json.dumps(descriptor), encoding="utf-8")
    monkeypatch.setattr("research.data.descriptor.PROJECT_DESCRIPTOR", project)
    (data_copy / paths.DATAPACKAGE_NAME).unlink()
    found = messages(check(data_copy, references_copy, tables=["countries"]))
    assert f"{path}: {rule}" in found
    assert not any("root:x" in m for m in found)


def test_is_contained_follows_links_and_survives_loops(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a" / "loop")
    assert is_contained(tmp_path / "a" / "x", tmp_path / "a")
    assert not is_contained(tmp_path / "b", tmp_path / "a")
    assert is_contained(tmp_path / "a" / "loop", tmp_path / "a") in (True, False)  # answers, does not hang


def test_validate_prints_the_refusal_in_located_lines(data_copy, references_copy, outside, capsys):
    (data_copy / "countries.csv").unlink()
    (data_copy / "countries.csv").symlink_to(outside)
    assert main(["validate", str(data_copy), "--references", str(references_copy)]) == 1
    err = capsys.readouterr().err
    assert "countries.csv: is a symbolic link to a file outside the data folder" in err
    assert "root:x" not in err and "Traceback" not in err
