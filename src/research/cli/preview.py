"""``research preview``: serve the edition's HTML on 127.0.0.1 and rebuild it, in a scratch folder, on every edit."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from research.cli.options import add_folder_options, count, folders

PREVIEW_DIR = ".preview"  # under the project: the preview's own executed notebooks, figures, tables and page


def _cmd_preview(args) -> int:
    from research import paths
    from research.engine.config import BuildConfig, check_output
    from research.engine.parameters import parse_assignments
    from research.errors import ParameterError
    from research.preview.server import run
    from research.preview.session import RESTART, Session
    from research.repro.provenance import current

    where = folders(args, "data_dir", "references")
    target = Path(args.dir or paths.ROOT / PREVIEW_DIR).resolve()
    published = folders(args, "output_dir")["output_dir"].resolve()
    if target == published or target.is_relative_to(published) or published.is_relative_to(target):
        raise ParameterError(f"preview folder {target} overlaps the published edition {published}: the preview "
                             "never writes there (choose another --dir)")
    notebooks_dir = Path(args.notebooks_dir or paths.NOTEBOOKS_DIR)
    check_output(target, where["data_dir"], notebooks_dir)
    config = BuildConfig(**where, output_dir=target, notebooks_dir=notebooks_dir, jobs=args.jobs, report=False,
                         parameters=parse_assignments(args.parameter or [])).resolved()
    session = Session(config, current(), say=lambda line: print(line, flush=True))
    if run(session, port=args.port) == RESTART:
        print("the package changed: restarting the preview with it", flush=True)
        os.execv(sys.executable, [sys.executable, "-m", "research", *sys.argv[1:]])
    return 0


def add_preview_command(sub) -> None:
    """Register ``research preview`` on an argparse sub-parser set."""
    p = sub.add_parser("preview", help="serve the edition's HTML on 127.0.0.1 and rebuild it on every edit "
                                       "(in .preview/, never output/)")
    add_folder_options(p, "data_dir", "references")
    p.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000; 0 picks a free one)")
    p.add_argument("--dir", help="the preview's own folder (default .preview/ in the project)")
    p.add_argument("--notebooks-dir", help="the section notebooks (default notebooks/; a copy, for trying edits)")
    p.add_argument("-p", "--parameter", action="append", metavar="NAME=VALUE",
                   help="set a notebook parameter, as for research build (repeatable)")
    p.add_argument("-j", "--jobs", type=count, default=0, help="notebooks run at once (default: number of CPUs)")
    p.set_defaults(func=_cmd_preview)
