"""Reproducible edition of 'Cambodia v. Hackers': data, analysis, figures, build and report."""

__version__ = "0.1.0"
