"""Sub-command ``research import-laws``: a published law tracker into the user's own data folder."""

from __future__ import annotations

import sys
from pathlib import Path

from research.cli.options import add_folder_options, folders


def _cmd_import_laws(args) -> int:
    from research.data.law_import import import_unctad, report_lines
    from research.engine.config import check_inputs

    where = folders(args, "data_dir", "references")
    check_inputs(where["data_dir"], where["references"])
    converted, added, written = import_unctad(Path(args.data_csv), Path(args.links) if args.links else None,
                                              Path(args.meta) if args.meta else None, where["data_dir"],
                                              where["references"])
    for line in report_lines(converted, added, written):
        print(line, file=sys.stderr)
    return 0


def add_law_commands(sub) -> None:
    """Register ``import-laws`` on an argparse sub-parser set."""
    i = sub.add_parser("import-laws", help="import a law tracker (unctad: UNCTAD's Global Cyberlaw Tracker, the "
                       "user's own copy) into a copy of the data folder as law_status.csv rows")
    i.add_argument("source_format", choices=["unctad"], metavar="FORMAT", help="the tracker: unctad")
    i.add_argument("data_csv", metavar="DATA_CSV", help="the tracker's data.csv")
    i.add_argument("--links", help="its document_links.json (the instruments linked per country and area)")
    i.add_argument("--meta", help="JSON naming the release: {\"date\": \"YYYY-MM-DD\", \"version\": ..., \"url\": ...} "
                   "(default: known from the file's SHA-256)")
    add_folder_options(i, "data_dir", "references")
    i.set_defaults(func=_cmd_import_laws)
