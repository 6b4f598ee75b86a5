"""Sub-commands of ``research`` for reviewers: explain a number, diff two editions, bundle an edition."""

from __future__ import annotations

from pathlib import Path

from research.cli.options import add_folder_options, folders


def _cmd_explain(args) -> int:
    from research.data.rows import read_index
    from research.report.trace import explain, read_traces

    where = folders(args, "data_dir", "output_dir")
    check_executed_notebooks(where["output_dir"])
    traces = read_traces(where["output_dir"])
    text = explain(args.name, traces, read_index(where["data_dir"]))
    print(text + "\n" + parameter_line(where["output_dir"], traces[args.name].notebook))
    return 0


PATH_PARAMETERS = ("data_dir", "output_dir", "references")  # where the build read and wrote, not what it computed


def parameter_line(output_dir: Path, notebook: str) -> str:
    """The parameters the notebook that recorded a value ran with: what the value depends on besides its rows."""
    from research.files import read_json

    stem = Path(notebook).stem
    nb = read_json(Path(output_dir) / "notebooks" / f"{stem}.ipynb", "an executed notebook")
    given = nb.get("metadata", {}).get("papermill", {}).get("parameters", {})
    shown = {k: v for k, v in given.items() if k not in PATH_PARAMETERS} if isinstance(given, dict) else {}
    if not shown:
        return f"  parameters: none (the notebook {stem} takes no parameter that changes what it computes)"
    return f"  parameters ({stem} ran with): " + ", ".join(f"{k}={v!r}" for k, v in sorted(shown.items()))


def check_executed_notebooks(output_dir: Path) -> None:
    """Refuse, naming the file, an executed notebook of ``output_dir`` that cannot be read as one (before its traces).

    Raises
    ------
    research.errors.UnreadableFileError
    """
    from research.errors import UnreadableFileError
    from research.files import read_json
    from research.report.trace import collect

    folder = Path(output_dir) / "notebooks"
    for f in sorted(folder.glob("*.ipynb")) if folder.is_dir() else []:
        if f.name.endswith(".failed.ipynb"):
            continue
        nb = read_json(f, "an executed notebook")
        try:
            collect([(f.stem, nb)])
        except (KeyError, TypeError, AttributeError, ValueError, IndexError, RecursionError):
            raise UnreadableFileError(f"{f}: is not an executed notebook of this build (its cells or records are not "
                                      "of the shape a build writes)") from None


def _cmd_diff(args) -> int:
    from research.repro.diff import diff_editions, summary_lines

    diff = diff_editions(Path(args.old), Path(args.new), Path(args.output))
    print("\n".join(summary_lines(diff)))
    print(f"written: {args.output}")
    return 0


def _cmd_dist(args) -> int:
    from research.repro.dist import make_dist

    target = make_dist(folders(args, "output_dir")["output_dir"], Path(args.dist_dir))
    print(f"bundle written: {target}")
    return 0


def add_review_commands(sub) -> None:
    """Register ``explain`` (and the other reviewers' sub-commands) on an argparse sub-parser set."""
    e = sub.add_parser("explain", help="where a recorded value comes from: notebook, cell, function, rows and sources")
    e.add_argument("name", help="a value name as the prose writes it ({{name}}), or a table row such as tbl-provisions/3")
    add_folder_options(e, "data_dir", "output_dir", what="the build whose notebooks recorded it (env OUTPUT_DIR; "
                                                         "default output/)")
    e.set_defaults(func=_cmd_explain)

    d = sub.add_parser("diff", help="what changed between two editions (output folders or manifests): values, cells, "
                                    "figures, references, and the input rows behind each; writes diff.html")
    d.add_argument("old", help="the old edition: an output folder or a manifest.json")
    d.add_argument("new", help="the new edition: an output folder or a manifest.json")
    d.add_argument("--output", default="diff.html", help="the page to write (default diff.html)")
    d.set_defaults(func=_cmd_diff)

    z = sub.add_parser("dist", help="bundle the built edition (report, data package, notebooks, source, lock, manifest, "
                                    "RO-Crate metadata) as dist/cambodia-cyberlaw-VERSION.zip")
    add_folder_options(z, "output_dir", what="the build to bundle (env OUTPUT_DIR; default output/)")
    z.add_argument("--dist-dir", default="dist", help="where the zip goes (default dist/)")
    z.set_defaults(func=_cmd_dist)



