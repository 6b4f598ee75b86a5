"""`research import-incidents eurepoc` on real rows cut from EuRepoC's dashboard tables (tests/fixtures/eurepoc/).

The expected rows are read off the fixture by hand with docs/eurepoc.md's crosswalk, not from a run of the importer:
e.g. 387 / Philippines is "2012-09-01, Disruption, Turkey, Individual hacker(s), Turk Hack Team" with one receiver
category, International / supranational organization.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from research import paths
from research.cli import main
from research.data import check
from research.data.eurepoc import CROSSWALK, convert, read_tables

FIXTURE = Path(__file__).parent / "fixtures" / "eurepoc"
CAMBODIA = [299, 392, 515, 517, 537, 558, 829, 988, 1013, 1018, 1080, 1153, 1405, 1834, 2353, 2484, 2770]

EXPECTED_387 = {"incident_id": "EUREPOC-387", "entry_type": "incident", "year": "2012", "date": "2012-09",
                "date_end": "", "actor": "Turk Hack Team", "actor_type": "named_untyped", "actor_country": "TUR",
                "target": "", "target_sector": "", "attack_types": "", "cia_impact": "", "records_leaked": "",
                "victim_country": "PHL", "reported": "", "reported_as": "EuRepoC 387", "source": "eurepoc2023",
                "locator": "ID 387", "basis": "secondary", "other_sources": ""}
EXPECTED_1881 = {**{k: "" for k in EXPECTED_387}, "incident_id": "EUREPOC-1881", "entry_type": "incident",
                 "year": "2023", "date": "2023-02-02", "actor_type": "not_identified",
                 "attack_types": "malware;intrusion", "cia_impact": "availability", "victim_country": "USA",
                 "reported_as": "EuRepoC 1881", "source": "eurepoc2023", "locator": "ID 1881", "basis": "secondary"}


def run(*args, capsys) -> tuple[int, str, str]:
    status = main(["import-incidents", "eurepoc", *map(str, args)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def empty_incidents(data_copy, references_copy):
    """The real data with no incident recorded: every Cambodia incident of the fixture is new to it."""
    path = data_copy / "incidents.csv"
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")
    return data_copy


def test_the_fixture_is_real_rows_in_the_dashboards_own_layout():
    initiators = (FIXTURE / "dashboard_initiators_data.csv").read_text(encoding="utf-8").split("\n")
    assert initiators[0] == ("ID,start_date,receiver_country,incident_type,initiator_country,initiator_category,"
                             "initiator_name,receiver_region")
    ids = {int(line.split(",", 1)[0]) for line in initiators[1:] if ",Cambodia," in line}
    assert sorted(ids) == CAMBODIA
    assert len(list(FIXTURE.glob("dashboard_*_data.csv"))) == 10


def test_the_shipped_data_record_every_cambodia_incident_so_only_new_victims_are_imported(data_copy,
                                                                                           references_copy, capsys):
    status, out, err = run(FIXTURE, "--data-dir", data_copy, "--references", references_copy, capsys=capsys)
    assert status == 0, err
    rows = rows_of(out)
    assert [r["incident_id"] for r in rows] == ["EUREPOC-387", "EUREPOC-1881"]
    assert {k: v for k, v in rows[0].items() if k != "summary"} == EXPECTED_387
    assert {k: v for k, v in rows[1].items() if k != "summary"} == EXPECTED_1881
    assert rows[0]["summary"] == ("EuRepoC incident 387 against Philippines, as its dashboard tables code it: "
                                  "Disruption; initiator(s) Turk Hack Team (Individual hacker(s), Turkey); receiver "
                                  "categories International / supranational organization.")
    assert "22 incident-country pair(s) read; 2 row(s) imported (EUREPOC-387, EUREPOC-1881) -> standard output" in err
    assert "not imported, 17: the data already record it" in err
    assert "not imported, 2: the victim country is not in countries.csv (480 / Ukraine (UKR); 1016 / United " \
           "Kingdom (GBR))" in err
    assert "not imported, 1: the receiver is not a country (a region, an organisation or none) (2068 / Eastern " \
           "Asia (region))" in err
    assert "target_sector empty in 2 of 2: a receiver category without a sector of ours" in err
    assert "date shortened in 1 of 2" in err and "records_leaked empty in 2 of 2: no dashboard table has it" in err


def test_every_new_cambodia_incident_keeps_its_id_and_source_and_nothing_is_guessed(empty_incidents,
                                                                                     references_copy, capsys):
    status, out, err = run(FIXTURE, "--data-dir", empty_incidents, "--references", references_copy,
                           "--victims", "KHM", capsys=capsys)
    assert status == 0, err
    rows = {r["incident_id"]: r for r in rows_of(out)}
    # Anonymous (392, 515, 517, 537, 558) has Cambodia as origin in two incidents and none in three; APT32 (1018,
    # 1153) Viet Nam in one and none in the other: one actor, one origin, so a coder decides.
    assert sorted(rows, key=lambda i: int(i.split("-")[1])) == [
        f"EUREPOC-{n}" for n in (299, 829, 988, 1013, 1080, 1405, 1834, 2353, 2484, 2770)]
    assert "not imported, 7: EuRepoC gives its actor another type or origin elsewhere" in err
    assert all(r["source"] == "eurepoc2023" and r["victim_country"] == "KHM" and r["basis"] == "secondary"
               for r in rows.values())
    # 1405: China is named, but the initiator is "Unknown - not attributed": no origin.
    assert (rows["EUREPOC-1405"]["actor"], rows["EUREPOC-1405"]["actor_country"]) == ("TAG-34", "")
    # 2353: a real date (not day 01), the name's trailing space trimmed, Data theft + Hijacking with Misuse.
    assert (rows["EUREPOC-2353"]["date"], rows["EUREPOC-2353"]["actor"]) == ("2022-10-10", "UNC4841")
    assert (rows["EUREPOC-2353"]["attack_types"], rows["EUREPOC-2353"]["cia_impact"]) == ("intrusion",
                                                                                          "confidentiality")
    # 299: two named initiators, so no single actor; 2011-01-01 is padding for the year.
    assert (rows["EUREPOC-299"]["actor"], rows["EUREPOC-299"]["date"], rows["EUREPOC-299"]["year"]) == ("", "2011",
                                                                                                       "2011")
    # 2770: no initiator named at all.
    assert rows["EUREPOC-2770"]["actor_type"] == "not_identified"
    # 1834: Data theft & Doxing -> data_leak; its one receiver category is Government / ministries.
    assert (rows["EUREPOC-1834"]["attack_types"], rows["EUREPOC-1834"]["target_sector"]) == ("data_leak;intrusion",
                                                                                            "government")
    for row in rows.values():
        assert "espionage" not in row["attack_types"]  # EuRepoC's tables never say so
        assert row["target"] == row["reported"] == row["records_leaked"] == row["date_end"] == ""


def test_appended_rows_validate_and_the_folder_is_written_only_then(empty_incidents, references_copy, capsys):
    before = (empty_incidents / "incidents.csv").read_bytes()
    status, out, err = run(FIXTURE, "--data-dir", empty_incidents, "--references", references_copy, "--append",
                           capsys=capsys)
    assert status == 0 and out == "", err
    dataset = check(empty_incidents, references_copy, tables=["incidents"])
    assert dataset.problems == []
    ids = list(dataset.tables["incidents"]["incident_id"].astype(str))
    assert "EUREPOC-2484" in ids and "EUREPOC-387" in ids and len(ids) == 12
    assert (empty_incidents / "incidents.csv").read_bytes().startswith(before)
    # A second import finds them recorded, and appends nothing.
    status, _, err = run(FIXTURE, "--data-dir", empty_incidents, "--references", references_copy, "--append",
                         capsys=capsys)
    assert status == 0 and "0 row(s) imported" in err and "not imported, 12: the data already record it" in err


def test_a_zotero_style_key_sources_the_rows(data_copy, references_copy, capsys):
    text = references_copy.read_text(encoding="utf-8")
    assert "@dataset{eurepoc2023," in text
    references_copy.write_text(text.replace("@dataset{eurepoc2023,", "@dataset{EuRepoC:2023-extract,"),
                               encoding="utf-8")
    for path in ("incidents.csv", "provisions.csv", "codings.csv"):  # rows of ours sourced to the old key
        table = data_copy / path
        if table.exists():
            table.write_text(table.read_text(encoding="utf-8").replace("eurepoc2023", "EuRepoC:2023-extract"),
                             encoding="utf-8")
    status, _, err = run(FIXTURE, "--data-dir", data_copy, "--references", references_copy, "--source",
                         "EuRepoC:2023-extract", "--append", capsys=capsys)
    assert status == 0, err
    dataset = check(data_copy, references_copy, tables=["incidents"])
    assert dataset.problems == []
    imported = dataset.tables["incidents"].set_index("incident_id").loc["EUREPOC-387"]
    assert imported["source"] == "EuRepoC:2023-extract"


@pytest.mark.parametrize("make, message", [
    (lambda tmp, data: ["--append", "--data-dir", paths.DATA_DIR],
     "is the project's own data: copy it (cp -r data mydata) and append to the copy"),
    (lambda tmp, data: ["--output", data / "incidents.csv"], "an input: write it elsewhere"),
    (lambda tmp, data: ["--output", FIXTURE / "dashboard_evolution_data.csv"], "exists already: choose a new file"),
    (lambda tmp, data: ["--source", "nosuchkey"], "has no entry 'nosuchkey' for the EuRepoC dataset"),
    (lambda tmp, data: ["--victims", ""], "--victims: give at least one ISO3 code, e.g. KHM"),
])
def test_a_mistake_is_one_line_and_writes_nothing(data_copy, references_copy, tmp_path, capsys, make, message):
    extra = make(tmp_path, data_copy)
    if "--data-dir" not in extra:
        extra = [*extra, "--data-dir", data_copy]
    before = (data_copy / "incidents.csv").read_bytes()
    status, out, err = run(FIXTURE, "--references", references_copy, *extra, capsys=capsys)
    assert status == 1 and out == "" and err.count("\n") == 1 and message in err, err
    assert "Traceback" not in err and (data_copy / "incidents.csv").read_bytes() == before


@pytest.mark.parametrize("content, message", [
    (b"ID,receiver_country\n1,\"Cambodia\n", "is not well-formed CSV"),
    (b"a,b\n1,2\n", "is not a EuRepoC dashboard table"),
    (b"\xff\xfe", "is not UTF-8 text"),
    (b"ID,receiver_country,start_date\n1,Cambodia\n", "has not as many fields as the header"),
])
def test_a_file_that_is_not_a_dashboard_table_is_named(tmp_path, data_copy, references_copy, capsys, content,
                                                       message):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    status, out, err = run(bad, "--data-dir", data_copy, "--references", references_copy, capsys=capsys)
    assert status == 1 and str(bad) in err and message in err and err.count("\n") == 1, err


def test_without_the_initiators_table_nothing_can_be_imported(tmp_path, data_copy, references_copy, capsys):
    shutil.copy(FIXTURE / "dashboard_targeted_sectors_data.csv", tmp_path)
    status, _, err = run(tmp_path, "--data-dir", data_copy, "--references", references_copy, capsys=capsys)
    assert status == 1 and "no dashboard_initiators_data.csv among the files given" in err


def test_without_the_sectors_table_the_sector_is_empty_and_counted(tmp_path, data_copy, references_copy, capsys):
    shutil.copy(FIXTURE / "dashboard_initiators_data.csv", tmp_path)
    status, out, err = run(tmp_path / "dashboard_initiators_data.csv", "--data-dir", data_copy, "--references",
                           references_copy, capsys=capsys)
    assert status == 0 and all(r["target_sector"] == "" for r in rows_of(out))
    assert "target_sector empty in 2 of 2: no dashboard_targeted_sectors_data.csv given" in err


def test_an_incident_type_the_crosswalk_does_not_know_is_counted_not_mapped():
    tables = read_tables([FIXTURE / "dashboard_initiators_data.csv"])
    rows = [dict(r, incident_type="Cyber-enabled influence") for r in tables["initiators"] if r["ID"] == "387"]
    imported = convert({"initiators": rows}, {"PHL"}, {}, {}, "eurepoc2023")
    assert imported.rows[0]["attack_types"] == "" and imported.rows[0]["cia_impact"] == ""
    assert imported.empty[("attack_types", "incident type not in the crosswalk: Cyber-enabled influence")] == 1


def test_the_crosswalk_maps_only_to_levels_of_the_schema():
    descriptor = json.loads((paths.DATA_DIR / paths.DATAPACKAGE_NAME).read_text(encoding="utf-8"))
    fields = {f["name"]: f for r in descriptor["resources"] if r["name"] == "incidents" for f in r["schema"]["fields"]}
    sectors = {v for table in CROSSWALK["receiver_category"].values() if isinstance(table, dict)
               for k, v in table.items() if not k.startswith("_") and isinstance(v, str)}
    assert sectors <= set(fields["target_sector"]["constraints"]["enum"])
    attacks = {a for m in CROSSWALK["incident_type"].values() for a in m["attack_types"]}
    assert attacks <= set(fields["attack_types"]["x-list"]["itemEnum"])
    types = {m["actor_type"] for m in CROSSWALK["actor_category"].values() if m.get("actor_type")}
    assert types | {"named_untyped", "not_identified"} <= set(fields["actor_type"]["constraints"]["enum"])
