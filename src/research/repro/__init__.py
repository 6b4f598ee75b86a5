"""Checking a build: its provenance (commit, versions), the manifest of every input and output, and verify."""
