"""The report's prose: one module per notebook, named like it, holding its sentences, captions and alt text."""
