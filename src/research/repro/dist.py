"""``research dist``: the edition as one zip that rebuilds and verifies itself, described by RO-Crate metadata."""

# The bundle holds the report, the data package, references.bib, the notebooks, the package source and build files,
# the manifest of the very build whose report it carries (as its reproducibility/manifest.json, so that `make verify`
# inside it checks that report), the lock file, CITATION.cff, the figures and tables, and ro-crate-metadata.json
# (written with the rocrate package): each figure and table a CreateAction of the notebook that made it, with the
# input files it read and the parameters it ran with. Zip entries are sorted and dated from the build, so that one
# build gives one zip, byte for byte.

from __future__ import annotations

import datetime as _dt
import json
import tempfile
import zipfile
from pathlib import Path

from research import paths
from research.errors import ResearchError
from research.files import sha256_file, write_atomic
from research.repro.manifest import MANIFEST

NAME = "cambodia-cyberlaw"
PROJECT_FILES = ("pyproject.toml", "requirements.lock", "environment.yml", "Makefile", "CITATION.cff",
                 "references.bib")
REPORT_FILES = ("paper.html", "paper.pdf", "paper.docx", "supplement.html")
README = """# {title}, version {version}

This bundle is one edition of the report, with everything that made it: the report (`paper.html`, `paper.pdf`,
`paper.docx`, and `supplement.html`, where each number of the paper comes from), the data package (`data/`: `datapackage.json`, the CSV files, the dictionary and the codebook),
`references.bib`, the notebooks, the package source (`src/`), the lock file, `CITATION.cff`, the figures and tables,
and `ro-crate-metadata.json` (RO-Crate, written with the rocrate package), which names, for each figure and table, the notebook, the input files and
the parameters that made it. `reproducibility/manifest.json` is the manifest of the build whose report is here.

Two commands rebuild and verify it (Python 3.11 and `make`; the first creates `.venv` from PyPI):

```sh
make paper    # rebuild output/ from data/ and the notebooks
make verify   # rebuild again from scratch and compare with reproducibility/manifest.json; writes output/verification.html
```
"""


def _version() -> str:
    import tomllib

    return tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _check_build(output_dir: Path) -> dict:
    manifest_file = Path(output_dir) / MANIFEST
    missing = [n for n in (MANIFEST, "paper.html", "paper.pdf") if not (Path(output_dir) / n).exists()]
    if missing:
        raise ResearchError(f"{output_dir} has no {', '.join(missing)}: run `make paper` first")
    from research.files import read_json
    from research.repro.manifest import read_manifest

    manifest = read_manifest(manifest_file)
    stale = [n for n, d in manifest["inputs"].items() if (n.startswith("data/") or n == "references.bib")
             and (not (paths.ROOT / n).is_file() or sha256_file(paths.ROOT / n) != d)]
    if stale:
        raise ResearchError(f"{output_dir} was not built from the project's {', '.join(stale)}: run `make paper`")
    from research.nb.glue import recorded_inputs

    for f in sorted((Path(output_dir) / "notebooks").glob("*.ipynb")):
        try:
            outside = [p for p in recorded_inputs(read_json(f, "an executed notebook")) if Path(p).is_absolute()]
        except (KeyError, TypeError, AttributeError, ValueError):
            raise ResearchError(f"{f}: is not an executed notebook of this build") from None
        if outside:  # the bundle's own rebuild reads data/ inside it: its notebooks would record other paths
            raise ResearchError(f"{output_dir} was built from files outside the project ({outside[0]}): "
                                "run `make paper` on the project's data/")
    return manifest


def _members(output_dir: Path) -> dict[str, Path]:
    """Bundle path -> file, for everything but the generated README and metadata."""
    out = {name: paths.ROOT / name for name in PROJECT_FILES if (paths.ROOT / name).is_file()}
    for name in REPORT_FILES:
        if (Path(output_dir) / name).is_file():
            out[name] = Path(output_dir) / name
    for f in sorted(paths.DATA_DIR.iterdir()):
        if f.is_file() and not f.name.startswith("."):
            out[f"data/{f.name}"] = f
    for f in sorted(paths.NOTEBOOKS_DIR.iterdir()):
        if f.is_file() and f.suffix in (".ipynb", ".md"):
            out[f"notebooks/{f.name}"] = f
    for f in sorted(paths.PACKAGE_DIR.rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts and f.suffix not in (".pyc", ".pyo"):
            out[f"src/research/{f.relative_to(paths.PACKAGE_DIR).as_posix()}"] = f
    for sub in ("figures", "tables"):
        for f in sorted((Path(output_dir) / sub).glob("*")):
            if f.is_file() and not f.name.startswith("."):
                out[f"{sub}/{f.name}"] = f
    out["reproducibility/manifest.json"] = Path(output_dir) / MANIFEST
    return out


def _producers(output_dir: Path) -> dict[str, dict]:
    """For each figure and table: the notebook, its input files (bundle paths) and its parameters."""
    from research.engine.parameters import PATH_PARAMETERS, notebook_parameters
    from research.report.convert import catalogue

    folder = Path(output_dir) / "notebooks"
    notebooks = [(f.stem, json.loads(f.read_text(encoding="utf-8"))) for f in sorted(folder.glob("*.ipynb"))
                 if not f.name.endswith(".failed.ipynb")]
    cat = catalogue(notebooks)
    out = {}
    for label, record in cat.items.items():
        producer = cat.producers[label]
        files = sorted({f"data/{Path(p).name}" if Path(p).name != "references.bib" else "references.bib"
                        for p in cat.inputs.get(producer, {})})
        source = paths.NOTEBOOKS_DIR / f"{producer}.ipynb"
        params = {**(notebook_parameters(source) if source.exists() else {}), **cat.parameters.get(producer, {})}
        out[label] = {"notebook": f"notebooks/{producer}.ipynb", "inputs": files, "kind": record["kind"],
                      "caption": record.get("caption", ""), "parameters": {k: v for k, v in sorted(params.items())
                                                                          if k not in PATH_PARAMETERS},
                      "files": sorted(record["files"].values()) if record["kind"] == "figure" else [record["file"]]}
    return out


PROFILE = "https://w3id.org/ro/wfrun/process/0.5"  # Process Run Crate: each figure and table as a CreateAction
CRATE_VERSION = "1.1"  # the RO-Crate version Process Run Crate 0.5 is defined on
THIRD_PARTY = ("Quotations of third-party texts (laws, treaties, reports) stay under their owners' terms; they are "
               "reproduced as short, marked and cited quotations.")
LICENSES = {
    "code": ("https://spdx.org/licenses/MIT", "MIT License",
             "The licence of the source code, notebooks and report of this edition. " + THIRD_PARTY),
    "data": ("https://creativecommons.org/licenses/by/4.0/", "Creative Commons Attribution 4.0 International",
             "The licence of the data package (data/) and references.bib, as data/datapackage.json states. "
             + THIRD_PARTY),
}


def _licence_of(name: str) -> str:
    return "data" if name.startswith("data/") or name == "references.bib" else "code"


def _crate(staging: Path, members: dict[str, Path], producers: dict, version: str, when: _dt.datetime) -> None:
    from rocrate.model.contextentity import ContextEntity
    from rocrate.rocrate import ROCrate

    crate = ROCrate(version=CRATE_VERSION)
    crate.name = f"Cambodia v. Hackers: a reproducible edition, version {version}"
    crate.description = ("The report rebuilt from sourced data, with its data package, notebooks, source, lock file "
                         "and the provenance of every figure and table.")
    crate.datePublished = when.isoformat()
    licences = {kind: crate.add(ContextEntity(crate, url, properties={"@type": "CreativeWork", "name": title,
                                                                       "description": text}))
                for kind, (url, title, text) in LICENSES.items()}
    crate.root_dataset["license"] = [{"@id": licences["code"].id}, {"@id": licences["data"].id}]
    profile = crate.add(ContextEntity(crate, PROFILE, properties={"@type": "CreativeWork", "name": "Process Run Crate",
                                                                  "version": "0.5"}))
    crate.root_dataset["conformsTo"] = {"@id": profile.id}
    entities = {}
    for name in sorted(members):
        kind = {".ipynb": "SoftwareSourceCode", ".csv": "Dataset file"}.get(Path(name).suffix)
        props = {"name": name, "license": {"@id": licences[_licence_of(name)].id}}
        if kind == "SoftwareSourceCode":
            props.update({"@type": ["File", "SoftwareSourceCode"], "programmingLanguage": "Python",
                          "encodingFormat": "application/x-ipynb+json"})
        entities[name] = crate.add_file(members[name], dest_path=name, properties=props)
    entities["README.md"] = crate.add_file(staging / "README.md", dest_path="README.md", properties={"name": "README"})
    for label, p in sorted(producers.items()):
        # a parameter is a PropertyValue among the action's objects (Process Run Crate: a non-file input)
        values = [crate.add(ContextEntity(crate, f"#param-{label}-{k}", properties={
            "@type": "PropertyValue", "name": k, "value": json.dumps(v) if not isinstance(v, str) else v}))
            for k, v in p["parameters"].items()]
        crate.add_action(entities[p["notebook"]], identifier=f"#made-{label}",
                         object=[entities[f] for f in p["inputs"] if f in entities] + values,
                         result=[entities[f] for f in p["files"] if f in entities],
                         properties={"name": f"{p['notebook']} made {label}", "description": p["caption"],
                                     "endTime": when.isoformat()})
    crate.write(staging / "crate")


def make_dist(output_dir: Path = paths.OUTPUT_DIR, dist_dir: Path = paths.ROOT / "dist") -> Path:
    """Write ``dist/cambodia-cyberlaw-<version>.zip`` from the build in ``output_dir`` and return its path.

    Raises
    ------
    ResearchError
        If ``output_dir`` holds no finished build with its report, or was built from other data than the project's,
        or the data folder holds rows of an unlicensed source.
    """
    from research.repro.licences import check_licences

    check_licences(paths.DATA_DIR)
    manifest = _check_build(output_dir)
    version = _version()
    check_bundle_target(Path(dist_dir) / f"{NAME}-{version}.zip")
    epoch = manifest.get("source_date_epoch") or 315532800  # 1980-01-01, the earliest date a zip holds
    when = _dt.datetime.fromtimestamp(max(int(epoch), 315532800), _dt.UTC)
    target = Path(dist_dir) / f"{NAME}-{version}.zip"
    with tempfile.TemporaryDirectory(prefix="research-dist-") as tmp:
        staging = Path(tmp)
        write_atomic(staging / "README.md", README.format(title="Cambodia v. Hackers: a reproducible edition",
                                                          version=version))
        _crate(staging, _members(output_dir), _producers(output_dir), version, when)
        write_source_record(staging / "crate", manifest)
        root = staging / "crate"
        data = io_zip(root, f"{NAME}-{version}", when)
    Path(dist_dir).mkdir(parents=True, exist_ok=True)
    write_atomic(target, data)
    return target


def write_source_record(bundle_root: Path, manifest: dict) -> Path:
    """Record in the bundle the commit and date its edition was built from (``reproducibility/source.json``).

    A bundle is no git checkout: without this an edition rebuilt from it would say "commit unknown". With it the
    rebuilt edition carries the shipped one's byline, and its manifest says it was rebuilt from a bundle.
    """
    from research.repro.provenance import BUNDLE_RECORD

    record = {"commit": manifest.get("commit"), "source_date_epoch": manifest.get("source_date_epoch")}
    return write_atomic(Path(bundle_root) / BUNDLE_RECORD, json.dumps(record, indent=1, sort_keys=True) + "\n")


def check_bundle_target(target: Path) -> None:
    """Refuse a bundle path among the inputs, or over a file that is not a bundle this command wrote.

    Raises
    ------
    ParameterError
    """
    from research.engine.ownership import check_output_file

    def is_bundle(path: Path) -> bool:
        try:
            with zipfile.ZipFile(path) as archive:
                return f"{path.stem}/ro-crate-metadata.json" in archive.namelist()
        except (OSError, zipfile.BadZipFile):
            return False

    check_output_file(target, is_bundle)


def io_zip(root: Path, top: str, when: _dt.datetime) -> bytes:
    """Every file under ``root`` as a zip (under the folder ``top``), entries sorted, dated ``when``, mode 0644."""
    import io

    buffer = io.BytesIO()
    stamp = when.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for f in sorted(p for p in root.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{f.relative_to(root).as_posix()}", date_time=stamp)
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, f.read_bytes())
    return buffer.getvalue()

