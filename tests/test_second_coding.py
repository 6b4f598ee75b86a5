"""`research validate` warns, at its line, about an offence provision that enters the reliability appendix coded by
the first coder but not the second, with no decision logged (it would silently move the agreement figures), and
still passes; the shipped data, whose disagreements are all logged, draw no warning."""

from __future__ import annotations

from research.cli import main

PROVISION = "KHM-CC2009-317-320"  # an offence provision the shipped second coding codes


def test_an_offence_provision_without_a_second_coding_is_a_located_warning(data_copy, references_copy, capsys):
    assert main(["validate", str(data_copy), "--references", str(references_copy)]) == 0
    before = capsys.readouterr().err
    assert PROVISION not in before
    second = data_copy / "coding_second.csv"
    kept = [line for line in second.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith(PROVISION + ",")]
    second.write_text("".join(kept), encoding="utf-8")
    line = next(i for i, text in enumerate((data_copy / "provisions.csv").read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith(PROVISION + ","))
    assert main(["validate", str(data_copy), "--references", str(references_copy)]) == 0
    err = capsys.readouterr().err
    assert (f'  warning: provisions.csv:{line}: provision_id: "{PROVISION}" is an offence provision coded '
            "intent_required, dishonest_intent with no second coding in coding_second.csv and no decision in "
            "decisions.csv: the reliability appendix counts it as a disagreement") in err, err
    assert "Traceback" not in err
