"""Write a synthetic data folder from the real schema: the shipped rows plus made-up states, facts, laws, incidents.

The added states carry ISO 3166 user-assigned codes (XAA, XAB, ...), so none can be mistaken for a real one;
every added row cites one bibliography entry that says it is synthetic. The result validates against
data/datapackage.json (checked when run as a script).

    .venv/bin/python benchmarks/synthetic.py DEST [--countries 194] [--incidents 1000] [--seed 0]
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
KEY = "synthetic2026benchmark"
BIB = f"""
@misc{{{KEY},
  title = {{Synthetic rows generated for benchmarks (not evidence of anything)}},
  year = {{2026}}
}}
"""
REGIONS = ["South-eastern Asia", "Eastern Asia", "Southern Asia", "Western Europe", "Eastern Africa",
           "South America", "Northern America", "Melanesia"]
STATUSES = ["party", "signatory", "invited", "none", ""]
# an actor's type and origin depend on the actor alone: the data require one type and origin per named actor
ACTORS = ["state_sponsored", "hacktivist", "cybercriminal", "script_kiddie", "insider", "social_media_hacker",
          "named_untyped"]
SECTORS = ["government", "election", "military", "judiciary", "finance", "telecom", "business", "media",
           "civil_society", "individual", "multiple"]
ATTACKS = {"defacement": "integrity", "data_leak": "confidentiality", "ddos": "availability",
           "espionage": "confidentiality", "phishing": "confidentiality", "malware": "confidentiality",
           "account_hijack": "confidentiality", "fraud": "integrity", "intrusion": "confidentiality"}
ARTICLES = list(range(2, 12)) + list(range(16, 22))
CATEGORIES = {2: "cia", 3: "cia", 4: "cia", 5: "cia", 6: "cia", 7: "computer_related", 8: "computer_related",
              9: "content_related", 10: "content_related", 11: "cia"}


def codes(n: int) -> list[str]:
    """``n`` user-assigned ISO 3166 alpha-3 codes in order: XAA, XAB, ... (at most 676)."""
    pairs = [a + b for a in string.ascii_uppercase for b in string.ascii_uppercase]
    return [f"X{p}" for p in pairs[:n]]


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def _append(path: Path, rows: list[list]) -> None:
    with open(path, "a", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerows([["" if v is None else v for v in row] for row in rows])


def _facts(rng: random.Random, code: str, status: str) -> list[list]:
    rows = []
    for indicator, share in (("cert_established", 0.7), ("cybercrime_law", 0.5), ("data_protection_law", 0.3),
                             ("strategy", 0.4), ("cybersecurity_law", 0.3)):
        if rng.random() < share:
            year = rng.randint(1995, 2023)
            rows.append([code, indicator, year, f"{year}-{rng.randint(1, 12):02d}", None, f"{indicator} {code}"])
    if status == "party":
        signed = rng.randint(2001, 2015)
        rows += [[code, "budapest_signature", signed, str(signed), None, "ETS 185 signature"],
                 [code, "budapest_ratification", signed + 2, str(signed + 2), None, "ETS 185 ratification"],
                 [code, "budapest_in_force", signed + 2, str(signed + 2), None, "ETS 185 entry into force"]]
    if rng.random() < 0.9:
        for year in (2014, 2017, 2018, 2020, 2024):
            score = round(rng.uniform(0.05, 0.95), 3) if year < 2020 else round(rng.uniform(5, 99), 2)
            rows.append([code, "gci_score", year, None, score, f"GCI {year}"])
            if year < 2024:
                rows.append([code, "gci_rank", year, None, rng.randint(1, 190), f"GCI {year}"])
    return [row + [KEY, "synthetic", "secondary"] for row in rows]


def _provisions(rng: random.Random, code: str) -> tuple[list[dict], list[dict], list[dict]]:
    """Provisions, their penalties and the quotation rows each coded cell needs (all synthetic)."""
    provisions, penalties, codings = [], [], []

    def quote(record, field, value):
        codings.append({"record_id": record, "field": field, "value": value, "quote": "synthetic words",
                        "source": KEY, "locator": "synthetic", "basis": "primary"})

    for n in range(rng.randint(1, 2)):
        year = rng.randint(2000, 2022)
        short = ["CCL", "CSL"][n]
        for article in range(1, rng.randint(3, 7)):
            conv = rng.sample(ARTICLES, rng.randint(0, 2))
            offence = bool(conv) and all(a <= 11 for a in conv)
            pid = f"{code}-{short}{year}-{article}"
            row = {"provision_id": pid, "country": code, "instrument": f"{short} {code} {year}",
                   "instrument_year": year, "status": rng.choice(["in_force", "draft"]), "article": str(article),
                   "heading": f"Article {article}",
                   "kind": "offence" if offence else rng.choice(["procedural_power", "institution", "general"]),
                   "convention_articles": ";".join(map(str, sorted(conv))), "text_basis": "quoted",
                   "valid_from": str(year), "summary": f"Synthetic provision {article}.", "source": KEY,
                   "locator": "synthetic", "basis": "secondary"}
            row["category"] = (CATEGORIES[conv[0]] if offence else {"procedural_power": "procedural",
                               "institution": "institutional", "general": "general"}[row["kind"]])
            for field in ("intent_required", "without_right", "dishonest_intent"):
                value = rng.choice(["true", "false", ""]) if offence else ""
                row[field] = value
                if value:
                    quote(pid, field, value)
            if rng.random() < 0.2:
                row["vague_terms"] = "public order"
                quote(pid, "vague_terms", "public order")
            provisions.append(row)
            if offence and rng.random() < 0.6:
                low, high = sorted(rng.sample(range(0, 121), 2))
                pen = {"penalty_id": f"PEN-{pid}", "provisions": pid, "tier": "basic", "prison_min_months": low,
                       "prison_max_months": high, "source": KEY, "locator": "synthetic", "basis": "secondary"}
                quote(pen["penalty_id"], "prison_min_months", str(low))
                quote(pen["penalty_id"], "prison_max_months", str(high))
                penalties.append(pen)
    return provisions, penalties, codings


def _incidents(rng: random.Random, all_codes: list[str], n: int, start: int) -> list[dict]:
    rows = []
    for i in range(n):
        attacks = rng.sample(list(ATTACKS), rng.randint(0, 3))
        impacts = [c for c in ("confidentiality", "integrity", "availability") if c in {ATTACKS[a] for a in attacks}]
        year = rng.randint(2000, 2024) if rng.random() < 0.9 else None
        actor = rng.randint(1, 500)
        rows.append({
            "incident_id": f"INC-{start + i}", "entry_type": "incident", "year": year,
            "date": str(year) if year else None, "actor": f"Group {actor}", "actor_type": ACTORS[actor % len(ACTORS)],
            "actor_country": all_codes[actor % len(all_codes)] if actor % 5 < 2 else None,
            "target": "Synthetic target", "target_sector": rng.choice(SECTORS), "attack_types": ";".join(attacks) or None,
            "cia_impact": ";".join(impacts) or None,
            "records_leaked": rng.randint(0, 10**6) if "data_leak" in attacks else None,
            "victim_country": rng.choice(all_codes), "summary": "Synthetic incident.", "source": KEY,
            "locator": "synthetic", "basis": "secondary",
        })
    return rows


def _append_dicts(path: Path, rows: list[dict]) -> None:
    header, _ = _rows(path)
    _append(path, [[row.get(col) for col in header] for row in rows])


def write(dest: Path, n_countries: int = 194, n_incidents: int = 1000, seed: int = 0) -> tuple[Path, Path]:
    """Write the synthetic data folder ``dest/data`` and ``dest/references.bib``; return the two paths.

    The shipped rows are kept; states are added until there are ``n_countries`` (with, at random, facts,
    index scores, coded provisions) and ``n_incidents`` incidents are added, each naming a victim among all states.
    """
    rng = random.Random(seed)
    dest = Path(dest)
    data = dest / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("README.md"), dirs_exist_ok=True)
    references = dest / "references.bib"
    references.write_text((ROOT / "references.bib").read_text(encoding="utf-8") + BIB, encoding="utf-8")
    _, real = _rows(data / "countries.csv")
    real_codes = [r[0] for r in real]
    added = [c for c in codes(676) if c not in real_codes][: max(0, n_countries - len(real_codes))]
    statuses = {c: rng.choice(STATUSES) for c in added}
    _append(data / "countries.csv", [[c, f"Synthetic state {c}", rng.choice(REGIONS), "false", statuses[c], KEY,
                                      "synthetic", "secondary"] for c in added])
    _append(data / "country_facts.csv", [row for c in added for row in _facts(rng, c, statuses[c])])
    coded = [_provisions(rng, c) for c in added if rng.random() < 0.25]
    for index, name in enumerate(("provisions", "penalties", "codings")):
        _append_dicts(data / f"{name}.csv", [row for part in coded for row in part[index]])
    _append_dicts(data / "incidents.csv", _incidents(rng, real_codes + added, n_incidents, start=10_000))
    return data, references


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--countries", type=int, default=194)
    parser.add_argument("--incidents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    data, references = write(args.dest, args.countries, args.incidents, args.seed)
    sys.path.insert(0, str(ROOT / "src"))
    from research.data import check

    dataset = check(data, references)
    typed, problems = dataset.tables, dataset.problems
    for p in problems[:20]:
        print(p, file=sys.stderr)
    print(f"{data}: {', '.join(f'{n} {len(f)}' for n, f in typed.items())} rows; {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
