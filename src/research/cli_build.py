"""Sub-commands of ``research`` that build and check the report."""

from __future__ import annotations

import os
from pathlib import Path


def _env_default(name: str, fallback):
    value = os.environ.get(name)
    return Path(value) if value else fallback


def _cmd_build(args) -> int:
    from research import paths
    from research.build import BuildConfig, build
    from research.parameters import parse_assignments

    config = BuildConfig(
        data_dir=Path(args.data_dir) if args.data_dir else _env_default("DATA_DIR", paths.DATA_DIR),
        output_dir=Path(args.output_dir) if args.output_dir else _env_default("OUTPUT_DIR", paths.OUTPUT_DIR),
        references=Path(args.references) if args.references else _env_default("REFERENCES", paths.REFERENCES),
        parameters=parse_assignments(args.parameter or []),
        jobs=args.jobs,
        force=args.force,
        report=not args.no_report,
        csl=Path(args.csl) if args.csl else None,
    )
    build(config)
    return 0


def _cmd_cite_check(args) -> int:
    from research import paths
    from research.build import BuildConfig, section_notebooks
    from research.report_build import cite_check

    config = BuildConfig(
        data_dir=Path(args.data_dir) if args.data_dir else _env_default("DATA_DIR", paths.DATA_DIR),
        references=Path(args.references) if args.references else _env_default("REFERENCES", paths.REFERENCES),
    )
    names = [nb.stem for nb in section_notebooks(config.notebooks_dir)]
    return cite_check(config, names)


def _cmd_verify(args) -> int:
    from research.verify import REFERENCE, verify

    return verify(Path(args.reference) if args.reference else REFERENCE, Path(args.keep) if args.keep else None,
                  jobs=args.jobs)


def _cmd_manifest(args) -> int:
    from research import paths
    from research.verify import update_reference

    target = update_reference(Path(args.output_dir) if args.output_dir else paths.OUTPUT_DIR)
    print(f"reference manifest updated: {target}")
    return 0


def add_build_commands(sub) -> None:
    """Register the build-related sub-commands on an argparse sub-parser set."""
    p = sub.add_parser("build", help="execute the section notebooks (cached, in parallel) and assemble the report")
    p.add_argument("--data-dir", help="folder with datapackage.json and the CSVs (env DATA_DIR; default data/)")
    p.add_argument("--output-dir", help="where everything generated goes (env OUTPUT_DIR; default output/)")
    p.add_argument("--references", help="BibTeX file (env REFERENCES; default references.bib)")
    p.add_argument("-p", "--parameter", action="append", metavar="NAME=VALUE",
                   help="set a notebook parameter, e.g. -p khr_per_usd=4100 (repeatable; unknown names are errors)")
    p.add_argument("-j", "--jobs", type=int, default=0, help="notebooks run at once (default: number of CPUs)")
    p.add_argument("--force", action="store_true", help="re-execute every notebook, ignoring the cache")
    p.add_argument("--no-report", action="store_true", help="execute notebooks only; skip paper.html and paper.pdf")
    p.add_argument("--csl", help="CSL style file for citations (default: Chicago author-date)")
    p.set_defaults(func=_cmd_build)

    c = sub.add_parser("cite-check", help="list citation keys missing from references.bib and entries never cited")
    c.add_argument("--data-dir", help="data folder whose source keys count as citations (default data/)")
    c.add_argument("--references", help="BibTeX file (default references.bib)")
    c.set_defaults(func=_cmd_cite_check)

    v = sub.add_parser("verify", help="rebuild from scratch in a temporary folder and compare with the reference manifest")
    v.add_argument("--reference", help="reference manifest (default reproducibility/manifest.json)")
    v.add_argument("--keep", help="build into this folder and keep it (default: a temporary folder, removed)")
    v.add_argument("-j", "--jobs", type=int, default=0, help="notebooks run at once (default: number of CPUs)")
    v.set_defaults(func=_cmd_verify)
    m = sub.add_parser("manifest", help="make output/manifest.json the reference (after an intended change)")
    m.add_argument("--output-dir", help="build whose manifest becomes the reference (default output/)")
    m.set_defaults(func=_cmd_manifest)
    add_sweep_command(sub)


def _cmd_sweep(args) -> int:
    from research import paths
    from research.sweep import SweepConfig, parse_countries, sweep

    config = SweepConfig(
        data_dir=Path(args.data_dir) if args.data_dir else _env_default("DATA_DIR", paths.DATA_DIR),
        output_dir=Path(args.output_dir) if args.output_dir else _env_default("OUTPUT_DIR", paths.OUTPUT_DIR),
        references=Path(args.references) if args.references else _env_default("REFERENCES", paths.REFERENCES),
        countries=parse_countries(args.countries) if args.countries else None,
        focus=args.focus, jobs=args.jobs, scheduler=args.scheduler or None, force=args.force,
    )
    return 1 if sweep(config)["failed"] else 0


def add_sweep_command(sub) -> None:
    """Register ``research sweep`` (country profiles) on an argparse sub-parser set."""
    s = sub.add_parser("sweep", help="execute the country-profile notebook for every country into output/profiles/")
    s.add_argument("--countries", help="comma-separated ISO3 codes (default: every country in countries.csv)")
    s.add_argument("-j", "--jobs", type=int, default=0, help="local worker processes (default: number of CPUs)")
    s.add_argument("--scheduler", help="run on this Dask scheduler (e.g. tcp://host:8786) instead of locally")
    s.add_argument("--focus", help="the country every profile is set beside (default: the notebook's, KHM)")
    s.add_argument("--data-dir", help="folder with datapackage.json and the CSVs (env DATA_DIR; default data/)")
    s.add_argument("--output-dir", help="profiles go to OUTPUT_DIR/profiles (env OUTPUT_DIR; default output/)")
    s.add_argument("--references", help="BibTeX file (env REFERENCES; default references.bib)")
    s.add_argument("--force", action="store_true", help="re-execute every profile, ignoring the cache")
    s.set_defaults(func=_cmd_sweep)
