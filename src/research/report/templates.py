"""The one Jinja2 set-up for the pages the tools write beside the report (profiles, certificate, diff): autoescaped."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape


def environment(package: str, folder: str = "templates") -> Environment:
    """A Jinja2 environment for the templates in ``package``'s ``folder``: every ``.j2`` template autoescaped.

    Parameters
    ----------
    package : str
        The package holding the templates (``research.sweep``, ``research.repro``).
    folder : str
        Their folder inside it.

    Returns
    -------
    jinja2.Environment
        A value is escaped unless it is :class:`markupsafe.Markup`; a template ending in a newline keeps it.
    """
    return Environment(loader=PackageLoader(package, folder), autoescape=select_autoescape(["j2"]),
                       keep_trailing_newline=True)
