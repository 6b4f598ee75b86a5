"""One preview session: what an edit affects, what runs again (the engine decides, by its cache keys), and the page."""

from __future__ import annotations

import io
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from research import paths
from research.engine.config import BuildConfig, section_notebooks
from research.errors import ResearchError
from research.preview.page import render_html, splice_prose
from research.preview.patch import outline, patch

RESTART = "restart"  # the package changed: the preview starts again in a new process (new code, new zygote)
PACKAGE_SUFFIXES = {".py", ".css", ".json", ".csl", ".html", ".j2"}


@dataclass
class State:
    """What the server shows: the last good page, its version (the browser reloads when it changes), the error."""

    version: int = 0
    page: str | None = None
    error: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


class Session:
    """The notebooks executed into the preview's own folder, and the page rendered from them.

    Parameters
    ----------
    config : BuildConfig
        Folders and parameters; ``output_dir`` is the preview's scratch folder (never the published ``output/``).
    provenance : object
        What the page's title block and appendix say the edition was built from (found once, at start).
    say : callable
        Takes one progress line.
    """

    def __init__(self, config: BuildConfig, provenance, say=print):
        self.config, self.provenance, self.say = config, provenance, say
        self.state = State(version=time.time_ns() // 1_000_000)  # a restarted preview never repeats a version
        self.executed: dict[str, dict] = {}
        self.spliced: set[str] = set()  # notebooks whose prose changed since the page was rendered
        self.cited: list[str] = []  # every key the last whole page cites
        self.outlines: dict[str, tuple] = {}  # each notebook's headings and names when the whole page was rendered

    def names(self) -> list[str]:
        """The section notebooks, in the paper's order."""
        return [nb.stem for nb in section_notebooks(self.config.notebooks_dir)]

    def run_notebooks(self) -> None:
        """Run the notebooks whose cache key or inputs changed (the engine's plan), then read every executed one."""
        from research.build import build

        log = io.StringIO()
        self.config.stream = log
        try:
            build(self.config)
        finally:
            for line in log.getvalue().splitlines():
                if not line.lstrip().startswith(("cached", "queued")):
                    self.say(line.strip())
        folder = paths.output_layout(self.config.output_dir)["notebooks"]
        self.executed = {name: json.loads((folder / f"{name}.ipynb").read_text(encoding="utf-8"))
                         for name in self.names()}

    def affected(self, changed: set[Path]) -> tuple[bool, bool]:
        """Whether the package changed (a restart), and whether any notebook must run (else prose is spliced in)."""
        package, run = False, False
        notebooks_dir = Path(self.config.notebooks_dir).resolve()
        for path in changed:
            path = Path(path).resolve()
            if path.is_relative_to(paths.PACKAGE_DIR) and path.suffix in PACKAGE_SUFFIXES:
                package = True
            elif path.parent == notebooks_dir and path.suffix == ".ipynb":
                run = run or not self._splice(path)
            elif path.parent == notebooks_dir:
                continue  # abstract.md and the like: the page only
            else:
                run = True  # the data or the bibliography: the engine's keys say which notebooks
        return package, run

    def _splice(self, notebook: Path) -> bool:
        """Put a prose-only edit of ``notebook`` into its last execution; False if it must run again."""
        executed = self.executed.get(notebook.stem)
        if executed is None or not notebook.exists():
            return False
        try:
            source = json.loads(notebook.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False  # half-written: the build reports it, or the next save fixes it
        spliced = splice_prose(executed, source)
        if spliced is None:
            return False
        self.executed[notebook.stem] = spliced
        self.spliced.add(notebook.stem)
        return True

    def render(self, whole: bool) -> str:
        """The page: the notebooks whose prose alone changed re-rendered in place, or (``whole``) all of it."""
        from research.data.bib import bib_keys
        from research.report.convert import catalogue

        names, page = self.names(), self.state.page
        notebooks = {n: self.executed[n] for n in names}
        if not whole and page is not None and all(outline(notebooks[n]) == self.outlines.get(n) for n in self.spliced):
            keys, cat = bib_keys(self.config.references), catalogue([(n, notebooks[n]) for n in names])
            for name in sorted(self.spliced):
                page = page and patch(page, names, notebooks, name, cat, self.config, keys, self.cited)
            if page is not None:
                self.spliced.clear()
                return page
        page, self.cited = render_html(self.config, [(n, notebooks[n]) for n in names], self.provenance)
        self.outlines = {n: outline(notebooks[n]) for n in names}
        self.spliced.clear()
        return page

    def update(self, changed: set[Path] | None = None) -> str | None:
        """Bring the page up to date after ``changed`` files (None: everything); return :data:`RESTART` or None.

        A failure keeps the last good page and shows the error line the build would print.
        """
        started = time.monotonic()
        try:
            whole = True
            if changed is None:
                self.run_notebooks()
            else:
                package, run = self.affected(changed)
                if package:
                    return RESTART
                if run:
                    self.run_notebooks()
                # only prose changed, in notebooks alone: their part of the page is enough
                whole = run or any(Path(p).suffix != ".ipynb" for p in changed)
            page = self.render(whole)
        except ResearchError as exc:
            with self.state.lock:
                self.state.error = f"error: {exc}"
            self.say(f"error: {exc}")
            return None
        (Path(self.config.output_dir) / "paper.html").write_text(page, encoding="utf-8")
        with self.state.lock:
            self.state.page, self.state.error = page, None
            self.state.version += 1
        self.say(f"page updated ({time.monotonic() - started:.2f}s)")
        return None
