"""What a PDF's fonts can show: each character its text uses, checked against the glyphs of the font that sets it."""

from __future__ import annotations

import io
import re

import pypdf
from fontTools.ttLib import TTFont

_CHAR = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_RANGE = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def _to_unicode(stream) -> dict[int, str]:
    """A ToUnicode CMap as glyph code -> text (bfchar and bfrange entries)."""
    data = stream.get_object().get_data().decode("latin-1")
    out = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in _CHAR.findall(block):
            out[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for first, last, dst in _RANGE.findall(block):
            for i, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                out[code] = chr(int(dst, 16) + i)
    return out


def _fonts(reader: pypdf.PdfReader):
    seen = set()
    for page in reader.pages:
        for ref in ((page.get("/Resources") or {}).get("/Font") or {}).values():
            if getattr(ref, "idnum", None) in seen:
                continue
            seen.add(getattr(ref, "idnum", None))
            yield ref.get_object()


def missing_glyphs(pdf: bytes) -> dict[str, str]:
    """For each font of the PDF, the characters of its text that the font has no glyph for (empty when all are there).

    A character is missing when the font sets it with glyph 0 (``.notdef``, the empty box) or when the embedded
    font's own character map does not list it.
    """
    missing: dict[str, str] = {}
    for font in _fonts(pypdf.PdfReader(io.BytesIO(pdf))):
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3") or descriptor.get("/FontFile")
        glyphs = TTFont(io.BytesIO(program.get_object().get_data()), fontNumber=0)
        cmap, order = glyphs.getBestCmap() or {}, glyphs.getGlyphOrder()
        bad = set()
        for code, text in _to_unicode(font["/ToUnicode"]).items():
            notdef = code == 0 or (code < len(order) and order[code] == ".notdef")
            if text.strip() and (notdef or any(ord(c) not in cmap for c in text if not c.isspace())):
                bad.add(text)
        if bad:
            missing[str(font["/BaseFont"])] = "".join(sorted(bad))
    return missing
