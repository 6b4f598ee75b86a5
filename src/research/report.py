"""Assemble paper.html and paper.pdf from the executed notebooks: title block, sections, bibliography, provenance."""

from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from research import paths
from research.errors import ReportError
from research.markdown import cited_keys, escape, fill_values, pipe_table

TITLE = "Cambodia v. Hackers: Balancing Security and Liberty in Cybercrime Law"
AUTHORS = ["Somaly Nguon", "Sopheak Srun"]
KEY_PACKAGES = ["pandas", "matplotlib", "papermill", "nbclient", "nbconvert", "pandera", "bibtexparser",
                "pypandoc_binary", "weasyprint"]
STYLE_FILE = paths.PACKAGE_DIR / "report.css"
ABSTRACT_FILE = "abstract.md"


def source_commit(root: Path = paths.ROOT) -> tuple[str, _dt.datetime | None]:
    """The commit the build runs from and its date; ``SOURCE_DATE_EPOCH`` overrides the date. Never the clock."""
    commit, when = "unknown (not a git checkout)", None
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%H %ct"], capture_output=True,
                             text=True, timeout=10, check=True).stdout.split()
        if len(out) == 2:
            commit, when = out[0], _dt.datetime.fromtimestamp(int(out[1]), _dt.timezone.utc)
    except (OSError, subprocess.SubprocessError):
        pass
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        when = _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc)
    # `research verify` rebuilds as of the reference's commit to compare bytes; it sets this variable.
    commit = os.environ.get("RESEARCH_SOURCE_COMMIT") or commit
    return commit, when


def package_versions() -> dict[str, str]:
    """Versions of Python, Pandoc and the packages that shape the outputs."""
    import pypandoc

    versions = {"python": platform.python_version(), "pandoc": pypandoc.get_pandoc_version()}
    for name in KEY_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _display_path(path: str, data_dir: Path, references: Path) -> str:
    p = paths.from_portable(path)
    if p == Path(references):
        return p.name
    try:
        return f"{data_dir.name}/{p.relative_to(data_dir)}"
    except ValueError:
        return p.name


def provenance_markdown(cat, data_dir: Path, references: Path, commit: str, versions: dict) -> str:
    """The appendix: for each figure and table its producer, inputs with SHA-256 and parameters; versions; commit."""
    lines = ["## How this report was built {#how-built .unnumbered}", ""]
    lines.append(
        "Every figure, table and number above was computed by the notebook named below from the input files listed, "
        "whose SHA-256 digests identify the exact bytes read. The build re-runs a notebook only when one of these "
        "inputs, its parameters, the package source or the dependency versions change."
    )
    lines.append("")
    rows, digests = [], {}
    for label, number in cat.labels.items():
        producer = cat.producers[label]
        inputs = cat.inputs.get(producer, {})
        files = "; ".join(escape(_display_path(p, data_dir, references)) for p in sorted(inputs))
        for p, digest in inputs.items():
            digests[_display_path(p, data_dir, references)] = digest
        params = cat.parameters.get(producer, {})
        shown = ", ".join(f"{k}={v}" for k, v in sorted(params.items()) if k not in ("data_dir", "output_dir", "references"))
        rows.append([f"[{escape(number)}](#{label})", escape(producer), files or "none", escape(shown or "defaults")])
    lines.append(pipe_table(["Item", "Notebook", "Inputs", "Parameters"], rows))
    lines += ["", ": Producer, inputs and parameters of every figure and table.", ""]
    lines.append(pipe_table(["Input file", "SHA-256"], [[escape(f), f"`{d}`"] for f, d in sorted(digests.items())]))
    lines += ["", ": The exact bytes read: SHA-256 of every input file.", ""]
    lines.append(f"Source commit: `{commit}`.")
    lines.append("")
    lines.append(pipe_table(["Component", "Version"], [[escape(k), escape(v)] for k, v in versions.items()]))
    lines += ["", ": Software versions used for this build.", ""]
    return "\n".join(lines)


def title_metadata(commit: str, when, abstract: str) -> str:
    """YAML metadata block (JSON strings, which YAML accepts) for Pandoc's title block."""
    date = when.strftime("%d %B %Y") if when else "undated build"
    meta = {
        "title": TITLE,
        "subtitle": "A reproducible edition built from data",
        "author": AUTHORS,
        "date": f"Built from commit {commit[:12]} ({date})",
        "abstract": abstract,
        "lang": "en",
        "link-citations": True,
        "toc-title": "Contents",
        "pagetitle": TITLE,
    }
    return "---\n" + "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()) + "\n---\n"


def render_markdown(notebooks, cat, notebooks_dir: Path, output_dir: Path, data_dir: Path, references: Path,
                    bib_keys: set[str]) -> tuple[str, list[str]]:
    """The whole report as Pandoc Markdown and the citation keys it uses, in order."""
    from research.assemble import notebook_markdown

    commit, when = source_commit()
    abstract_path = Path(notebooks_dir) / ABSTRACT_FILE
    abstract = ""
    cited: list[str] = []
    if abstract_path.exists():
        abstract = fill_values(abstract_path.read_text(encoding="utf-8"), cat.values, ABSTRACT_FILE).strip()
        for key in cited_keys(abstract):
            if key not in bib_keys:
                raise ReportError(f"{ABSTRACT_FILE}: unknown citation key @{key}: not in references.bib")
            cited.append(key)
    credit = (
        f"This is a reproducible edition of the paper by {' and '.join(AUTHORS)}, who are the authors of the work "
        "reproduced [@nguon2019cambodia]. Its prose summarises their argument in our own words; every figure, table "
        "and number is computed from the datasets shipped with the toolkit."
    )
    cited += cited_keys(credit)
    parts = [title_metadata(commit, when, abstract), credit, ""]
    for name, nb in notebooks:
        body, keys = notebook_markdown(name, nb, cat, output_dir, bib_keys)
        cited += keys
        parts += [body, ""]
    parts += ["## References {#references .unnumbered}", "", "::: {#refs}", ":::", ""]
    from research.parameters import notebook_parameters

    for name, _ in notebooks:  # show every parameter in force: the notebook's defaults, then what the build set
        source = Path(notebooks_dir) / f"{name}.ipynb"
        defaults = notebook_parameters(source) if source.exists() else {}
        cat.parameters[name] = {**defaults, **cat.parameters.get(name, {})}
    parts.append(provenance_markdown(cat, data_dir, references, commit, package_versions()))
    return "\n".join(parts), cited


def to_html(markdown: str, references: Path, csl: Path | None, resource_dir: Path) -> str:
    """Render the Markdown to one self-contained HTML page with Pandoc's citeproc."""
    import pypandoc

    args = [
        "--standalone", "--embed-resources", "--citeproc", "--toc", "--toc-depth=2", "--section-divs",
        f"--bibliography={references}", f"--resource-path={resource_dir}", f"--css={STYLE_FILE}",
        "--metadata=link-citations:true", "--wrap=none",
    ]
    if csl:
        args.append(f"--csl={csl}")
    try:
        return pypandoc.convert_text(markdown, "html5", format="markdown", extra_args=args)
    except RuntimeError as exc:
        raise ReportError(f"pandoc could not render the report: {exc}") from None


def to_pdf(html_text: str, target: Path, base_url: Path) -> None:
    """Print the HTML to PDF with WeasyPrint (paged-media CSS in report.css), fixed identifier for reproducibility."""
    import hashlib

    from weasyprint import HTML

    identifier = hashlib.sha256(html_text.encode()).hexdigest()[:32].encode()
    HTML(string=html_text, base_url=str(base_url)).write_pdf(str(target), identifier=identifier)


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to ``path`` via a temporary name and a rename, so a failure never leaves half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
