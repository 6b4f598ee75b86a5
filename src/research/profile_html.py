"""Self-contained HTML for executed country profiles (nbconvert, code hidden) and the index page linking them."""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import threading
from pathlib import Path

from research.glue import MIME, read_records
from research.markdown import fill_values

HIDDEN_TAGS = {"notebook-only", "parameters", "injected-parameters"}
CSS = """
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; margin: 0; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
.prompt, .anchor-link { display: none; }
figure { margin: 1.2rem 0; } figure img { max-width: 100%; height: auto; }
figcaption, caption { font-size: 0.9rem; color: #444; text-align: left; padding: 0.3rem 0; }
table { border-collapse: collapse; font-size: 0.85rem; width: 100%; table-layout: fixed; margin: 1rem 0; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
nav { font-size: 0.9rem; margin-bottom: 1rem; } .failed { color: #b00020; }
"""


def page(title: str, body: str) -> str:
    """A complete HTML page with the profiles' stylesheet inline and nothing loaded from elsewhere."""
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n"
            "</body>\n</html>\n")


def figure_html(number: int, record: dict, files: dict[str, bytes]) -> str:
    """A numbered, captioned figure whose SVG is embedded as a data URI (``files`` maps relative names to bytes)."""
    data = base64.b64encode(files[record["files"]["svg"]]).decode("ascii")
    return (f'<figure id="{html.escape(record["name"])}">\n'
            f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(record["alt"])}">\n'
            f"<figcaption><strong>Figure {number}.</strong> {html.escape(record['caption'])}</figcaption>\n"
            "</figure>")


def table_html(number: int, record: dict, files: dict[str, bytes]) -> str:
    """A numbered, captioned HTML table from a recorded CSV; an empty table says that it has no rows."""
    rows = list(csv.reader(io.StringIO(files[record["file"]].decode("utf-8"))))
    header, body = rows[0], rows[1:]
    head = "".join(f"<th>{html.escape(h.replace('_', ' '))}</th>" for h in header)
    cells = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>\n" for row in body)
    if not body:
        cells = f'<tr><td colspan="{len(header)}">none recorded</td></tr>\n'
    return (f'<table id="{html.escape(record["name"])}">\n<caption><strong>Table {number}.</strong> '
            f"{html.escape(record['caption'])}</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{cells}</tbody>\n"
            "</table>")


def _records_to_html(nb: dict, files: dict[str, bytes], where: str) -> dict:
    """Fill ``{{values}}`` into markdown and replace each code cell's outputs with its figures and tables."""
    values = {r["name"]: r["text"] for r in read_records(nb) if r["kind"] == "value"}
    counters = {"figure": 0, "table": 0}
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "markdown":
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = fill_values(source, values, f"{where}, cell {index}")
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
        exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=HIDDEN_TAGS, enabled=True), enabled=True)
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

    node = nbformat.reads(json.dumps(_records_to_html(json.loads(json.dumps(nb)), files, where)), as_version=4)
    body, _ = _exporter().from_notebook_node(node)
    return page(title, '<nav><a href="index.html">All country profiles</a></nav>\n' + body)


def index_html(entries: list[dict], failed: dict[str, str]) -> str:
    """The index page: one row per profile (``iso3``, ``name``, ``budapest_status``, counts), then failures.

    Parameters
    ----------
    entries : list of dict
        Published profiles, each with the values its notebook recorded (missing ones show as empty cells).
    failed : dict of str to str
        ISO3 code to error message for the countries whose profile failed in this sweep.
    """
    columns = [("budapest_status", "Convention status"), ("n_provisions", "provisions coded"),
               ("n_incidents", "incidents"), ("n_gci_editions", "index editions scored")]
    head = "<th>country</th>" + "".join(f"<th>{html.escape(t)}</th>" for _, t in columns)
    rows = []
    for e in entries:
        link = f'<a href="{html.escape(e["iso3"])}.html">{html.escape(e.get("name", e["iso3"]))}</a> ({e["iso3"]})'
        rows.append(f"<tr><td>{link}</td>" + "".join(f"<td>{html.escape(str(e.get(k, '')))}</td>" for k, _ in columns)
                    + "</tr>")
    body = [f"<h1>Country profiles</h1>\n<p>{len(entries)} profile(s), each computed from the project's sourced "
            "tables and set beside the paper's focus country.</p>",
            f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"]
    if failed:
        items = "".join(f'<li class="failed"><strong>{html.escape(c)}</strong>: {html.escape(m)}</li>\n'
                        for c, m in sorted(failed.items()))
        body.append(f"<h2>Failed in the last sweep</h2>\n<ul>\n{items}</ul>")
    return page("Country profiles", "\n".join(body))


def profile_entry(notebook_path: Path) -> dict:
    """The index row of one published profile: its recorded values (text), read from the executed notebook."""
    nb = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
    values = {r["name"]: r["text"] for r in read_records(nb) if r["kind"] == "value"}
    values.setdefault("iso3", Path(notebook_path).stem)
    return values
