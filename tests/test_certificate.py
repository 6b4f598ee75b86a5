"""The reproducibility certificate (research.repro.certificate) from hand-made manifests."""

from __future__ import annotations

import copy

from research.repro.certificate import certificate_html, write_certificate


def _manifest() -> dict:
    return {"commit": "c0ffee", "source_date_epoch": 1552000000,
            "inputs": {"data/incidents.csv": "a" * 64, "requirements.lock": "b" * 64},
            "outputs": {"figures/fig-a.svg": "1", "tables/tbl-x.csv": "2", "paper.html": "3"},
            "values": {"n": "2"}, "sentences": {"says": "It is so."},
            "tables": {"tbl-x": [["name", "count"], ["a", "1"]]}, "versions": {"python": "3.11.7", "pandas": "3.1.1"}}


def test_a_full_match_says_so_and_names_commit_lock_inputs_and_versions():
    page = certificate_html(_manifest(), _manifest(), "reproducibility/manifest.json")
    assert "Every output and every recorded value was reproduced." in page
    assert "c0ffee" in page and "b" * 64 in page and "data/incidents.csv" in page and "3.11.7" in page
    assert "figures: 1 of 1 reproduced; tables: 1 of 1 reproduced; values: 1 of 1 reproduced; sentences: 1 of 1 " \
           "reproduced; reports: 1 of 1 reproduced" in page
    assert page.count('<span class="no">') == 0


def test_what_is_not_reproduced_is_listed_with_its_diff():
    current = copy.deepcopy(_manifest())
    current["tables"]["tbl-x"][1][1] = "<b>9</b>"
    current["outputs"]["tables/tbl-x.csv"] = "X"
    current["values"]["n"] = "3"
    page = certificate_html(_manifest(), current, "m.json")
    assert "2 of 5 items were not reproduced" in page and page.count('<span class="no">') == 2
    assert "row 1, count: &#39;1&#39; -&gt; &#39;&lt;b&gt;9&lt;/b&gt;&#39;" in page  # data escaped, never markup
    assert "&#39;2&#39; -&gt; &#39;3&#39;" in page


def test_identical_inputs_give_identical_bytes(tmp_path):
    one = write_certificate(tmp_path / "one", _manifest(), _manifest(), "m.json")
    two = write_certificate(tmp_path / "two", _manifest(), _manifest(), "m.json")
    for a, b in zip(one, two):
        assert a.read_bytes() == b.read_bytes()
    assert one[1].read_bytes().startswith(b"%PDF")


def test_the_certificate_names_what_was_verified_apart_from_the_reference():
    from bs4 import BeautifulSoup

    reference = {**_manifest(), "commit": "a" * 40, "inputs": {"requirements.lock": "1" * 64}}
    current = {**_manifest(), "commit": "a" * 40}  # the rebuild is labelled with the reference's commit
    verified = {"commit": "b" * 40, "built_from": "checkout", "lock": "2" * 64}
    text = BeautifulSoup(certificate_html(reference, current, "m.json", verified), "html.parser").get_text()
    said = " ".join(text.split())
    assert f"Verified: everything was rebuilt from scratch, in an empty folder, from the git checkout at commit " \
           f"{'b' * 40}, with the lock file requirements.lock of SHA-256 {'2' * 64}" in said
    assert f"Compared with: the reference manifest m.json, recorded from commit {'a' * 40} with the lock file of " \
           f"SHA-256 {'1' * 64}" in said
    bundle = BeautifulSoup(certificate_html(reference, current, "m.json", {**verified, "built_from": "bundle"},
                                            ["  different  paper.pdf: the rebuilt file differs from the one the "
                                             "bundle ships"]), "html.parser").get_text()
    assert "from the make dist bundle of commit" in " ".join(bundle.split())
    assert "the rebuilt file differs from the one the bundle ships" in bundle and "not reproduced" in bundle


def test_a_bundle_records_its_commit_and_a_rebuild_from_it_carries_that_byline(tmp_path):
    from research.repro.dist import write_source_record
    from research.repro.provenance import source_commit

    write_source_record(tmp_path, {"commit": "c" * 40, "source_date_epoch": 1_700_000_000})
    found = source_commit(tmp_path)  # no git checkout there: the bundle's record
    assert (found.commit, found.epoch, found.origin) == ("c" * 40, 1_700_000_000, "bundle")


def test_verify_in_a_bundle_compares_the_shipped_report(tmp_path):
    from research.repro.verify import shipped_differences

    bundle, rebuilt = tmp_path / "bundle", tmp_path / "rebuilt"
    for folder in (bundle, rebuilt):
        folder.mkdir()
        (folder / "paper.html").write_text("<p>same</p>")
        (folder / "paper.pdf").write_bytes(b"%PDF same")
    assert shipped_differences(rebuilt, bundle) == []
    (rebuilt / "paper.pdf").write_bytes(b"%PDF other")
    assert shipped_differences(rebuilt, bundle) == ["  different  paper.pdf: the rebuilt file differs from the one "
                                                    "the bundle ships"]
