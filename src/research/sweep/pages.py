"""Self-contained HTML for executed country profiles (nbconvert, code hidden) and their index (Jinja2 templates)."""

from __future__ import annotations

import base64
import csv
import io
import json
import threading
from pathlib import Path

from markupsafe import Markup

from research.nb.cells import HIDDEN_TAGS, cell_source
from research.nb.glue import MIME, read_records, recorded_texts
from research.nb.tables import restore_cell
from research.report.markdown import fill_values
from research.report.templates import environment
from research.sections import words

TEMPLATES = environment("research.sweep")
INDEX_COLUMNS = [("region", "region"), ("budapest_status", "Convention status (March 2019)"),
                 ("unctad_cybercrime", "UNCTAD: cybercrime law"), ("n_provisions", "provisions coded"),
                 ("n_incidents", "incidents"), ("n_gci_editions", "index editions scored")]


def page(title: str, body: Markup) -> str:
    """A complete HTML page with the profiles' stylesheet inline and nothing loaded from elsewhere."""
    return TEMPLATES.get_template("page.html.j2").render(title=title, body=body)


def figure_html(number: int, record: dict, files: dict[str, bytes]) -> str:
    """A numbered, captioned figure whose SVG is embedded as a data URI (``files`` maps relative names to bytes)."""
    data = base64.b64encode(files[record["files"]["svg"]]).decode("ascii")
    return TEMPLATES.get_template("figure.html.j2").render(number=number, record=record, data=data).rstrip("\n")


def table_html(number: int, record: dict, files: dict[str, bytes]) -> str:
    """A numbered, captioned HTML table from a recorded CSV; an empty table says that it has no rows."""
    rows = [[restore_cell(c) for c in row] for row in csv.reader(io.StringIO(files[record["file"]].decode("utf-8")))]
    header = [h.replace("_", " ") for h in rows[0]]
    return TEMPLATES.get_template("table.html.j2").render(number=number, record=record, header=header,
                                                          rows=rows[1:]).rstrip("\n")


def _records_to_html(nb: dict, files: dict[str, bytes], where: str) -> dict:
    """Fill ``{{values}}`` into markdown and replace each code cell's outputs with its figures and tables."""
    values = recorded_texts(nb)
    counters = {"figure": 0, "table": 0}
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "markdown":
            cell["source"] = fill_values(cell_source(cell), values, f"{where}, cell {index}")
        elif cell["cell_type"] == "code":
            blocks = []
            for output in cell.get("outputs", []):
                record = (output.get("data") or {}).get(MIME)
                if record and record["kind"] in counters:
                    counters[record["kind"]] += 1
                    make = figure_html if record["kind"] == "figure" else table_html
                    blocks.append(make(counters[record["kind"]], record, files))
            cell["outputs"] = [{"output_type": "display_data", "metadata": {}, "data": {"text/html": b}} for b in blocks]
    return nb


_LOCAL = threading.local()


def _exporter():
    """This thread's HTML exporter, built once: loading its templates costs more than a profile's conversion."""
    if getattr(_LOCAL, "exporter", None) is None:
        from nbconvert import HTMLExporter
        from nbconvert.preprocessors import TagRemovePreprocessor

        exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                                exclude_output_prompt=True)
        exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=set(HIDDEN_TAGS), enabled=True),
                                       enabled=True)
        _LOCAL.exporter = exporter
    return _LOCAL.exporter


def notebook_html(nb: dict, files: dict[str, bytes], title: str, where: str = "profile") -> str:
    """Convert an executed profile notebook into one self-contained HTML page with nbconvert (code hidden).

    Parameters
    ----------
    nb : dict
        The executed notebook, as read from its JSON (not modified).
    files : dict of str to bytes
        The figures and tables it wrote, by name relative to its output folder (``figures/x.svg``).
    title : str
        The page title.
    where : str
        Name used in error messages.

    Raises
    ------
    research.errors.ReportError
        If the prose refers to a value the notebook did not record.
    """
    import nbformat

    # nbformat.v4.reads, not nbformat.reads: the notebook was validated when papermill wrote it, and validating
    # it again would cost more than converting it.
    node = nbformat.v4.reads(json.dumps(_records_to_html(json.loads(json.dumps(nb)), files, where)))
    body, _ = _exporter().from_notebook_node(node)
    return page(title, Markup('<nav><a href="index.html">All country profiles</a></nav>\n') + Markup(body))


def index_html(entries: list[dict], failed: dict[str, str]) -> str:
    """The index page: one row per profile (``iso3``, ``name``, ``budapest_status``, counts), then failures.

    Parameters
    ----------
    entries : list of dict
        Published profiles, each with the values its notebook recorded (missing ones show as empty cells).
    failed : dict of str to str
        ISO3 code to error message for the countries whose profile failed in this sweep.
    """
    dates = words.join(sorted({e["as_of_text"] for e in entries if e.get("as_of_text")}))
    body = TEMPLATES.get_template("index.html.j2").render(entries=entries, columns=INDEX_COLUMNS, dates=dates,
                                                          count=words.count(len(entries), "profile"),
                                                          failed=sorted(failed.items()))
    return page("Country profiles", Markup(body))


def notebook_entry(nb: dict, iso3: str) -> dict:
    """The index row of one profile: the values (text) its executed notebook ``nb`` recorded."""
    values = {r["name"]: r["text"] for r in read_records(nb) if r["kind"] == "value"}
    values.setdefault("iso3", iso3)
    return values


def entry_name(iso3: str) -> str:
    """Where a published profile's index row is kept, relative to the profiles folder (read back for the index)."""
    return f".index/{iso3}.json"


def profile_entry(target: Path, iso3: str) -> dict:
    """The index row of one published profile: kept beside it when published, else read from its notebook."""
    kept = Path(target) / entry_name(iso3)
    if kept.is_file():
        return json.loads(kept.read_text(encoding="utf-8"))
    return notebook_entry(json.loads((Path(target) / "notebooks" / f"{iso3}.ipynb").read_text(encoding="utf-8")), iso3)
