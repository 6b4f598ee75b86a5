"""Who wrote the paper and who prepared this edition: the byline, the title block's edition line, "cite this edition".

The same facts are in CITATION.cff at the top of the repository, for tools that read citations (a test checks that
the two agree and that its version is the package's).
"""

from __future__ import annotations

from importlib import metadata

TITLE = "Cambodia v. Hackers: Balancing Security and Liberty in Cybercrime Law"
AUTHORS = ["Somaly Nguon", "Sopheak Srun"]
AUTHORS_CITED = "Nguon, Somaly, and Sopheak Srun"  # as a reference list writes them (Chicago author-date)
PUBLISHER = "Konrad-Adenauer-Stiftung Cambodia"
PUBLISHED = 2019
PAPER_KEY = "nguon2019cambodia"  # the paper's entry in references.bib
PROJECT = "the cambodia-cyberlaw project"
DISTRIBUTION = "cambodia-cyberlaw"
CITE_ID = "cite-this-edition"


def version() -> str:
    """The edition's version: the installed package's (pyproject.toml's), or "unreleased" if it is not installed."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unreleased"


def _built(commit: str, when) -> str:
    return f"built from commit {commit[:12]} ({when.strftime('%d %B %Y') if when else 'undated build'})"


def edition_line(commit: str, when) -> str:
    """The title block's last line: who prepared the edition, its version and the commit it was built from."""
    return f"Edition prepared by {PROJECT}, version {version()}; {_built(commit, when)}"


def byline_markdown() -> str:
    """The paragraph under the title block that says who wrote the paper and who prepared this edition."""
    return (
        f"**The paper** was written by {' and '.join(AUTHORS)} and published by the {PUBLISHER} in {PUBLISHED} "
        f"[@{PAPER_KEY}]; they are the authors of the work reproduced. **This edition** was prepared by {PROJECT} "
        f"(version {version()}): its prose summarises the authors' argument in our own words, and every figure, "
        f"table and number is computed from the datasets shipped with the toolkit: each number links to its entry in "
        f"the [supplement](supplement.html), which gives the data rows and the sources it rests on. To cite it, see "
        f"[Cite this edition](#{CITE_ID})."
    )


def cite_markdown(commit: str, when) -> str:
    """The "Cite this edition" section: the edition as a reference, and where the original paper was published."""
    # Chicago's form for a work reissued later: the original year in parentheses, then the edition's.
    year = f"({PUBLISHED}) {when.year}" if when else f"{PUBLISHED}"
    return "\n".join([
        f"## Cite this edition {{#{CITE_ID} .unnumbered}}",
        "",
        f"{AUTHORS_CITED}. {year}. *{TITLE}*. Reproducible edition prepared by {PROJECT}, version {version()}, "
        f"{_built(commit, when)}. First published by the {PUBLISHER}, {PUBLISHED} [@{PAPER_KEY}].",
        "",
        "The repository's `CITATION.cff` gives the same reference in the Citation File Format. Please cite the "
        "authors' paper for its argument and this edition for the data, figures and numbers computed here.",
        "",
    ])
