"""The ``research`` command: a thin shell over the package."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from research.errors import ResearchError


def _cmd_validate(args) -> int:
    from research import data, paths

    data_dir = Path(args.data_dir or paths.DATA_DIR)
    dataset = data.check(data_dir, args.references)
    typed, problems = dataset.tables, dataset.problems
    if problems:
        cap = args.max_problems
        print(f"{data_dir}: {len(problems)} problem(s)", file=sys.stderr)
        for p in problems[:cap]:
            print(f"  {p}", file=sys.stderr)
        if len(problems) > cap:
            print(f"  ... and {len(problems) - cap} more problem(s) not shown", file=sys.stderr)
        return 1
    counts = ", ".join(f"{name} {len(frame)}" for name, frame in typed.items())
    print(f"{data_dir}: valid ({counts} rows)")
    return 0


def _cmd_datadoc(args) -> int:
    from research import paths
    from research.data import codebook, datadoc

    data_dir = Path(args.data_dir or paths.DATA_DIR)
    stale = [name for name, ok in (("README.md", datadoc.write(data_dir, check=args.check)),
                                   ("codebook.md", codebook.write(data_dir, check=args.check))) if not ok]
    for name in stale:
        print(f"{data_dir / name} is out of date: run `research datadoc`", file=sys.stderr)
    return 1 if stale else 0


def _cmd_check_quotes(args) -> int:
    from research import paths
    from research.data.quotes import check_quotes

    report = check_quotes(Path(args.data_dir or paths.DATA_DIR), [Path(d) for d in args.texts])
    for problem in report.missing:
        print(f"  {problem}", file=sys.stderr)
    unchecked = sum(report.unchecked.values())
    print(f"{report.checked} quotation(s) checked, {len(report.missing)} not found; {unchecked} not checkable here "
          f"(no text of their source in the folders given: {', '.join(sorted(report.unchecked)) or 'none'})")
    return 1 if report.missing else 0


def build_parser() -> argparse.ArgumentParser:
    """The ``research`` command's argument parser, every sub-command registered."""
    parser = argparse.ArgumentParser(prog="research", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="validate a data directory against datapackage.json and references.bib")
    p.add_argument("data_dir", nargs="?", help="folder with datapackage.json and the CSV files (default: data/)")
    p.add_argument("--references", help="BibTeX file that source keys must exist in (default: references.bib)")
    p.add_argument("--max-problems", type=int, default=200, help="how many problems to print (default 200)")
    p.set_defaults(func=_cmd_validate)

    d = sub.add_parser("datadoc", help="write data/README.md (the data dictionary) and data/codebook.md from data/datapackage.json")
    d.add_argument("data_dir", nargs="?", help="folder with datapackage.json (default data/)")
    d.add_argument("--check", action="store_true", help="only check that README.md is up to date (exit 1 if not)")
    d.set_defaults(func=_cmd_datadoc)

    q = sub.add_parser("check-quotes", help="find every quotation of the coded data word for word in the texts it cites")
    q.add_argument("texts", nargs="+", help="folders holding the texts named in datapackage.json's x-texts")
    q.add_argument("--data-dir", help="data folder (default data/)")
    q.set_defaults(func=_cmd_check_quotes)

    from research.cli.commands import add_build_commands

    add_build_commands(sub)
    from research.cli.review import add_review_commands

    add_review_commands(sub)
    return parser


def main(argv=None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ResearchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
