"""The ``research`` command: a thin shell over the package."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from research.cli.options import count
from research.errors import ResearchError


def _cmd_validate(args) -> int:
    from research import data, paths
    from research.engine.config import check_inputs

    data_dir = Path(args.data_dir or paths.DATA_DIR)
    check_inputs(data_dir)  # a missing or malformed bibliography is reported with the data's problems
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
    from research.data.second_coding import missing_second_coding

    warnings = missing_second_coding(data_dir, typed)
    for w in warnings[: args.max_problems]:
        print(f"  warning: {w}", file=sys.stderr)
    if len(warnings) > args.max_problems:
        print(f"  ... and {len(warnings) - args.max_problems} more warning(s) not shown", file=sys.stderr)
    return 0


def _cmd_datadoc(args) -> int:
    from research import paths
    from research.data import codebook, datadoc

    data_dir = Path(args.data_dir or paths.DATA_DIR)
    if not (data_dir / paths.DATAPACKAGE_NAME).is_file():
        raise ResearchError(f"{data_dir / paths.DATAPACKAGE_NAME} does not exist: give the folder of a datapackage.json")
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


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose every complaint is one line naming the option (and ``--help`` for more)."""

    def error(self, message):
        """Print ``PROG: error: MESSAGE (see PROG --help)`` on standard error and exit with status 2."""
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The ``research`` command's argument parser, every sub-command registered."""
    parser = OneLineParser(prog="research", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="validate a data directory against datapackage.json and references.bib")
    p.add_argument("data_dir", nargs="?", help="folder with datapackage.json and the CSV files (default: data/)")
    p.add_argument("--references", help="BibTeX file that source keys must exist in (default: references.bib)")
    p.add_argument("--max-problems", type=count, default=200, help="how many problems to print (default 200)")
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
    from research.cli.preview import add_preview_command

    add_preview_command(sub)

    from research.cli.laws import add_law_commands

    add_law_commands(sub)
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
    except OSError as exc:  # the file system said no: a read-only folder, a full disk, a missing permission
        print(f"error: {os_message(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except RecursionError:
        print("error: an input is nested too deeply to read", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug of ours: still one line; RESEARCH_DEBUG=1 shows where
        import os

        if os.environ.get("RESEARCH_DEBUG"):
            raise
        text = " ".join(str(exc).split())[:300]
        print(f"error: internal error ({type(exc).__name__}: {text}); run again with RESEARCH_DEBUG=1 to see where, "
              "and please report it", file=sys.stderr)
        return 70


def os_message(exc: OSError) -> str:
    """One line for an error of the file system: the file, what went wrong, and what stays as it was."""
    import errno

    where = f"{exc.filename}: " if exc.filename else ""
    text = f"{where}{exc.strerror or exc}"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        text += " (free some space and run again; the last good output is as it was)"
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        text += " (choose a folder you can write to, e.g. --output-dir)"
    return text
