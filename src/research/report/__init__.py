"""The report: executed notebooks to Markdown (nbconvert), then HTML (Pandoc, citeproc) and PDF (WeasyPrint)."""
