"""Sub-commands of ``research`` that build, check and sweep: each turns its options into a call of the package."""

from __future__ import annotations

from pathlib import Path

from research.cli.options import add_folder_options, count, folders, scheduler_address


def _cmd_build(args) -> int:
    from research.build import build
    from research.engine.config import BuildConfig
    from research.engine.parameters import parse_assignments

    build(BuildConfig(**folders(args), parameters=parse_assignments(args.parameter or []), jobs=args.jobs,
                      force=args.force, report=not args.no_report, csl=Path(args.csl) if args.csl else None,
                      csl_parent=Path(args.csl_parent) if args.csl_parent else None))
    return 0


def _cmd_cite_check(args) -> int:
    from research.engine.config import BuildConfig, check_inputs, section_notebooks
    from research.report.cite import cite_check

    config = BuildConfig(**folders(args, "data_dir", "references"))
    check_inputs(config.data_dir, config.references)
    return cite_check(config, section_notebooks(config.notebooks_dir))


def _cmd_verify(args) -> int:
    from research.build import build
    from research.repro.verify import REFERENCE, verify

    return verify(build, Path(args.reference) if args.reference else REFERENCE, Path(args.keep) if args.keep else None,
                  jobs=args.jobs, certificate_dir=folders(args, "output_dir")["output_dir"])


def _cmd_manifest(args) -> int:
    from research.repro.verify import update_reference

    target = update_reference(folders(args, "output_dir")["output_dir"])
    print(f"reference manifest updated: {target}")
    return 0


def _cmd_clean(args) -> int:
    from research.engine.config import remove_output

    where = folders(args, "output_dir", "data_dir")
    removed = remove_output(where["output_dir"], where["data_dir"])
    print(f"{'removed' if removed else 'nothing to remove:'} {where['output_dir']}")
    return 0


def _cmd_import_incidents(args) -> int:
    import sys

    from research.data.incident_import import append, check_appendable, csv_text, import_eurepoc, report_lines
    from research.engine.config import check_inputs, check_new_file
    from research.errors import ParameterError

    where = folders(args, "data_dir", "references")
    check_inputs(where["data_dir"], where["references"])
    victims = {code.strip() for code in args.victims.split(",") if code.strip()} if args.victims is not None else None
    if victims is not None and not victims:
        raise ParameterError("--victims: give at least one ISO3 code, e.g. KHM")
    output = Path(args.output) if args.output else None
    if output is not None:
        check_new_file(output, where["data_dir"])
    if args.append:
        check_appendable(where["data_dir"])
    imported, columns = import_eurepoc([Path(f) for f in args.files], where["data_dir"], where["references"],
                                       args.source, victims)
    if args.append:
        target = append(where["data_dir"], where["references"], imported.rows, columns)
        destination = f"appended to {target}"
    elif output is not None:
        from research.files import write_atomic

        write_atomic(output, csv_text(imported.rows, columns))
        destination = str(output)
    else:
        sys.stdout.write(csv_text(imported.rows, columns))
        destination = "standard output"
    for line in report_lines(imported, columns, destination):
        print(line, file=sys.stderr)
    return 0


def _cmd_sweep(args) -> int:
    from research.sweep.sweep import SweepConfig, parse_countries, sweep

    countries = parse_countries(args.countries) if args.countries is not None else None
    config = SweepConfig(**folders(args), countries=countries,
                         focus=args.focus, as_of=args.as_of, jobs=args.jobs, scheduler=args.scheduler or None, force=args.force)
    return 1 if sweep(config).failed else 0


def add_build_commands(sub) -> None:
    """Register the build, check and sweep sub-commands on an argparse sub-parser set."""
    p = sub.add_parser("build", help="execute the section notebooks (cached, in parallel) and assemble the report")
    add_folder_options(p)
    p.add_argument("-p", "--parameter", action="append", metavar="NAME=VALUE",
                   help="set a notebook parameter, e.g. -p khr_per_usd=4100 (repeatable; unknown names are errors)")
    p.add_argument("-j", "--jobs", type=count, default=0, help="notebooks run at once (default: number of CPUs)")
    p.add_argument("--force", action="store_true", help="re-execute every notebook, ignoring the cache")
    p.add_argument("--no-report", action="store_true", help="execute notebooks only; skip paper.html, paper.pdf and paper.docx")
    p.add_argument("--csl", help="CSL style file for citations (default: Chicago author-date)")
    p.add_argument("--csl-parent", help="the parent style of a dependent --csl style, as a local file (a dependent "
                                        "style's parent is never fetched over the network)")
    p.set_defaults(func=_cmd_build)

    c = sub.add_parser("cite-check", help="list citation keys missing from references.bib and entries never cited")
    add_folder_options(c, "data_dir", "references")
    c.set_defaults(func=_cmd_cite_check)

    v = sub.add_parser("verify", help="rebuild from scratch in a temporary folder and compare with the reference manifest")
    v.add_argument("--reference", help="reference manifest (default reproducibility/manifest.json)")
    v.add_argument("--keep", help="build into this folder and keep it (default: a temporary folder, removed)")
    v.add_argument("-j", "--jobs", type=count, default=0, help="notebooks run at once (default: number of CPUs)")
    add_folder_options(v, "output_dir", what="where the certificate verification.html/.pdf goes (env OUTPUT_DIR; "
                                              "default output/)")
    v.set_defaults(func=_cmd_verify)

    m = sub.add_parser("manifest", help="make output/manifest.json the reference (after an intended change)")
    add_folder_options(m, "output_dir", what="build whose manifest becomes the reference (default output/)")
    m.set_defaults(func=_cmd_manifest)

    k = sub.add_parser("clean", help="delete the output folder (checked as a build checks it; never inputs)")
    add_folder_options(k, "output_dir", "data_dir")
    k.set_defaults(func=_cmd_clean)

    i = sub.add_parser("import-incidents", help="map an external incident table to incidents.csv rows (eurepoc: the "
                       "European Repository of Cyber Incidents' dashboard tables); see docs/eurepoc.md")
    i.add_argument("source_format", choices=["eurepoc"], metavar="FORMAT", help="the table's origin: eurepoc")
    i.add_argument("files", nargs="+", metavar="FILE", help="its CSV files, or folders holding them")
    add_folder_options(i, "data_dir", "references")
    i.add_argument("--source", default="eurepoc2023", help="references.bib key of the dataset (default eurepoc2023)")
    i.add_argument("--victims", help="only these victim countries, e.g. KHM (default: every country in countries.csv)")
    out = i.add_mutually_exclusive_group()
    out.add_argument("-o", "--output", help="write the rows, with a header, to this new CSV file (default: stdout)")
    out.add_argument("--append", action="store_true",
                     help="append the rows to DATA_DIR's incidents.csv (only if the folder still validates)")
    i.set_defaults(func=_cmd_import_incidents)

    s = sub.add_parser("sweep", help="execute the country-profile notebook for every country into output/profiles/")
    s.add_argument("--countries", help="comma-separated ISO3 codes (default: every country in countries.csv)")
    s.add_argument("-j", "--jobs", type=count, default=0, help="local worker processes (default: number of CPUs)")
    s.add_argument("--scheduler", type=scheduler_address,
                   help="run on this Dask scheduler (e.g. tcp://host:8786) instead of locally")
    s.add_argument("--focus", help="the country every profile is set beside (default: the notebook's, KHM)")
    s.add_argument("--as-of", help="the date every profile describes, YYYY-MM-DD (default: the latest dated row in "
                                   "the data, an imported tracker's included)")
    add_folder_options(s, what="profiles go to OUTPUT_DIR/profiles (env OUTPUT_DIR; default output/)")
    s.add_argument("--force", action="store_true", help="re-execute every profile, ignoring the cache")
    s.set_defaults(func=_cmd_sweep)
