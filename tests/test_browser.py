"""paper.html in a real browser: headless Chromium (/usr/bin/chromium, which `make test` installs where it may).

The page is opened from a copy that carries a small probe script at the top of <head>: it records script and
resource errors and console.error/console.warn calls from the start, and once the page has loaded it writes what it
found (each image's natural size, internal links without a target) into a <pre> that ``--dump-dom`` prints.
Chromium's own console messages (such as a blocked resource) are read from its log on stderr. The probe itself is
first checked on a small page with known faults, so a probe that saw nothing cannot pass for a clean page.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
PROBE_ID = "research-probe"
PROBE = """<script>
(function () {
  var problems = [];
  window.addEventListener("error", function (e) {
    var t = e.target;
    if (t && t !== window && t.tagName) {
      problems.push("resource failed: <" + t.tagName.toLowerCase() + "> " + String(t.src || t.href || "").slice(0, 60));
    } else {
      problems.push("script error: " + e.message);
    }
  }, true);
  window.addEventListener("unhandledrejection", function (e) { problems.push("unhandled rejection: " + e.reason); });
  ["error", "warn"].forEach(function (level) {
    var original = console[level];
    console[level] = function () {
      problems.push("console." + level + ": " + Array.prototype.join.call(arguments, " "));
      return original.apply(console, arguments);
    };
  });
  window.addEventListener("load", function () {
    var images = Array.prototype.map.call(document.images, function (img) {
      var figure = img.closest("figure");
      return {figure: figure ? figure.id : null, complete: img.complete, naturalWidth: img.naturalWidth,
              naturalHeight: img.naturalHeight, shownWidth: img.getBoundingClientRect().width};
    });
    var missing = [];
    Array.prototype.forEach.call(document.querySelectorAll('a[href^="#"]'), function (a) {
      var id = decodeURIComponent(a.getAttribute("href").slice(1));
      if (!document.getElementById(id)) { missing.push(id); }
    });
    var heading = document.querySelector("header h1");
    var box = heading ? heading.getBoundingClientRect() : null;
    var out = document.createElement("pre");
    out.id = "%s";
    out.textContent = JSON.stringify({problems: problems, images: images, missing: missing, title: document.title,
      heading: box && {x: box.x, y: box.y, width: box.width, height: box.height}});
    document.body.appendChild(out);
  });
})();
</script>""" % PROBE_ID
CONSOLE_LINE = re.compile(r":CONSOLE[^\]]*\]\s*(.*)")


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found: the browser tests need Debian's chromium package "
            "(`make test` installs it when run as root; otherwise: sudo apt-get install chromium)"
        )
    return CHROMIUM


def run_chromium(chromium: Path, profile: Path, url: str, *extra: str) -> subprocess.CompletedProcess:
    command = [
        str(chromium), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000",
        *extra, url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


WINDOW = "--window-size=1200,1600"


def probe(chromium: Path, page: Path, tmp: Path) -> tuple[dict, list[str]]:
    """Open a copy of ``page`` with the probe in it; return the probe's findings and Chromium's console lines."""
    html = page.read_text(encoding="utf-8")
    head = re.search(r"<head[^>]*>", html)
    assert head, f"{page.name} has no <head>"
    probed = tmp / f"probed-{page.name}"
    probed.write_text(html[: head.end()] + PROBE + html[head.end():], encoding="utf-8")
    proc = run_chromium(chromium, tmp / "profile-dom", probed.as_uri(), "--dump-dom", WINDOW)
    assert proc.returncode == 0, f"chromium exited {proc.returncode}: {proc.stderr[-2000:]}"
    found = BeautifulSoup(proc.stdout, "html.parser").find(id=PROBE_ID)
    assert found is not None, f"the probe did not report (page never finished loading?): {proc.stderr[-2000:]}"
    console = [m.group(1) for m in map(CONSOLE_LINE.search, proc.stderr.splitlines()) if m]
    return json.loads(found.get_text()), console


def test_the_probe_sees_faults(chromium, tmp_path):
    # A page with a broken image, a link to nowhere, a script error and a console.error: the probe must see all.
    page = tmp_path / "faulty.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>faulty</title></head><body>"
        '<figure id="f"><img src="data:image/png;base64,AAAA" alt="broken"></figure>'
        '<a href="#nowhere">x</a><script>console.error("logged"); undefinedFunction();</script>'
        "</body></html>",
        encoding="utf-8",
    )
    report, console = probe(chromium, page, tmp_path)
    assert report["missing"] == ["nowhere"]
    assert report["images"][0]["naturalWidth"] == 0
    assert any("console.error: logged" in p for p in report["problems"])
    assert any("undefinedFunction" in p for p in report["problems"])
    assert any("undefinedFunction" in line for line in console), console


def test_paper_loads_cleanly_in_chromium(chromium, report_build, tmp_path):
    page = report_build.output_dir / "paper.html"
    report, console = probe(chromium, page, tmp_path)
    assert report["problems"] == []
    assert console == [], f"console messages: {console}"
    assert report["title"] == BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").title.get_text()
    assert report["missing"] == [], f"links without a target: {report['missing']}"
    figures = list((report_build.output_dir / "figures").glob("fig-*.svg"))
    assert len(report["images"]) == len(figures) > 0
    for image in report["images"]:
        assert image["figure"], f"image outside a figure: {image}"
        assert image["complete"] and image["naturalWidth"] > 0 and image["naturalHeight"] > 0, f"not loaded: {image}"
        assert image["shownWidth"] > 100, f"{image['figure']} is shown {image['shownWidth']}px wide"


def test_screenshot_shows_the_title_where_the_page_lays_it_out(chromium, report_build, tmp_path):
    from PIL import Image

    page = report_build.output_dir / "paper.html"
    report, _ = probe(chromium, page, tmp_path)  # the same window size: the same layout
    box = report["heading"]
    assert box and box["width"] > 100 and box["height"] > 10, f"the title block has no room: {box}"
    shot = tmp_path / "page.png"
    proc = run_chromium(chromium, tmp_path / "profile-shot", page.as_uri(), f"--screenshot={shot}", WINDOW,
                        "--hide-scrollbars")
    assert proc.returncode == 0, f"chromium exited {proc.returncode}: {proc.stderr[-2000:]}"
    with Image.open(shot) as image:
        assert image.size == (1200, 1600)
        grey = image.convert("L")
    left, top = int(box["x"]), int(box["y"])
    title = grey.crop((left, top, left + int(box["width"]), top + int(box["height"])))
    ink = sum(1 for value in title.tobytes() if value < 128)
    # The title's letters are dark strokes on the page: a good share of its box, where the layout put it ...
    assert ink > 0.02 * title.width * title.height, f"only {ink} dark pixels where the title should be"
    # ... and the margin beside it is bare page.
    margin = grey.crop((0, top, max(1, left - 8), top + int(box["height"])))
    assert len(set(margin.tobytes())) <= 2, "the left margin beside the title is not plain page"


FIRST_NUMBER = """<script>
window.addEventListener("load", function () {
  var link = document.querySelector("a.traced[id]");
  var out = {title: link.getAttribute("title"), decoration: getComputedStyle(link).textDecorationStyle,
             goes: link.href};
  var pre = document.createElement("pre");
  pre.id = "research-trip";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""

AT_ENTRY = """<script>
window.addEventListener("load", function () {
  var entry = document.querySelector(":target");
  var back = entry && entry.parentElement.querySelector('a[href^="paper.html#"]');
  var out = {entry: entry ? entry.id : null, back: back ? back.href : null};
  var pre = document.createElement("pre");
  pre.id = "research-trip";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


def _dump(chromium, folder, page, url_tail: str = "") -> dict:
    proc = run_chromium(chromium, folder / f"profile-{page.stem}", page.as_uri() + url_tail, "--dump-dom", WINDOW)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(BeautifulSoup(proc.stdout, "html.parser").find(id="research-trip").get_text())


def test_a_number_goes_to_its_entry_in_the_supplement_and_back_in_one_click_each(chromium, report_build, tmp_path):
    # The two pages side by side, as in the output folder, each with a probe: the number's link, then the entry.
    html = (report_build.output_dir / "paper.html").read_text(encoding="utf-8")
    paper, supplement = tmp_path / "paper.html", tmp_path / "supplement.html"
    paper.write_text(html.replace("</body>", FIRST_NUMBER + "</body>"), encoding="utf-8")
    supplement.write_text((report_build.output_dir / "supplement.html").read_text(encoding="utf-8")
                          .replace("</body>", AT_ENTRY + "</body>"), encoding="utf-8")
    first = BeautifulSoup(html, "html.parser").select_one("a.traced[id]")
    found = _dump(chromium, tmp_path, paper)
    assert found["title"] == first["title"] and found["title"].startswith(
        first["href"].partition("#where-")[2] + ": from ")
    assert found["decoration"] == "dotted"  # report.css marks a traced number; its title is the hover summary
    assert found["goes"] == supplement.as_uri() + "#" + first["href"].partition("#")[2]  # relative: beside it
    entry = _dump(chromium, tmp_path, supplement, "#" + first["href"].partition("#")[2])
    assert entry == {"entry": first["href"].partition("#")[2], "back": paper.as_uri() + "#" + first["id"]}
