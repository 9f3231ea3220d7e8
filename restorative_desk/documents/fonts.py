"""The embedded Unicode fonts every document uses (DejaVu, shipped in resources/fonts)."""

from __future__ import annotations

import functools
import zlib
from typing import Any

from ..resources import resources_dir

REGULAR = "RD-Sans"
BOLD = "RD-Sans-Bold"
MONO = "RD-Mono"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", MONO: "DejaVuSansMono.ttf"}


@functools.cache
def register_fonts() -> None:
    """Register the fonts with reportlab once (so any name, in any script, prints)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = resources_dir() / "fonts"
    for name, filename in _FILES.items():
        font = TTFont(name, str(folder / filename))
        _remember_subsets(font.face)
        pdfmetrics.registerFont(font)
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    _no_discretionary_ligatures()


def _no_discretionary_ligatures() -> None:
    """Shape right-to-left names without the decorative ligatures reportlab asks for.

    reportlab shapes a paragraph with kerning and ligatures, including discretionary ones,
    which in DejaVu turn "st" into an old-fashioned joined letter ("restorative" looked
    misprinted beside an Arabic name). Its default feature set is a dict, changed here once.
    """
    from reportlab.pdfbase import ttfonts

    defaults = getattr(ttfonts.shapeFragWord, "__defaults__", None) or ()
    features = next((value for value in defaults if isinstance(value, dict)), None)
    if features is not None:
        features["dlig"] = False


def _remember_subsets(face: Any) -> None:
    """Make each embedded font subset, and compress it, once per process.

    Every PDF embeds the part of each font it uses. reportlab numbers ASCII by itself and other
    characters in the order a document first uses them, so documents from the same template
    whose names use the same letters (most of a batch) embed the very same subset: building
    and compressing it each time was most of what a document cost beyond laying it out.
    The bytes are exactly those reportlab makes.
    """
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC

    make_subset = face.makeSubset

    @functools.lru_cache(maxsize=64)
    def subset_file(subset: tuple[int, ...]) -> tuple[bytes, Any]:
        content = make_subset(list(subset))
        return content, _Flate(content, zlib.compress(content))

    def add_subset_objects(doc: Any, fontname: str, subset: list[int]) -> Any:
        # reportlab's TTFontFace.addSubsetObjects, with the font file from subset_file().
        content, flate = subset_file(tuple(subset))
        font_file = pdfdoc.PDFStream()
        font_file.content = content
        font_file.dictionary["Length1"] = len(content)
        if doc.compression:
            font_file.filters = [flate]
        font_file_ref = doc.Reference(font_file, f"fontFile:{face.filename}({fontname})")
        descriptor = pdfdoc.PDFDictionary(
            {
                "Type": "/FontDescriptor",
                "Ascent": face.ascent,
                "CapHeight": face.capHeight,
                "Descent": face.descent,
                "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
                "FontBBox": pdfdoc.PDFArray(face.bbox),
                "FontName": pdfdoc.PDFName(fontname),
                "ItalicAngle": face.italicAngle,
                "StemV": face.stemV,
                "FontFile2": font_file_ref,
                "MissingWidth": face.defaultWidth,
            }
        )
        return doc.Reference(descriptor, "fontDescriptor:" + fontname)

    face.addSubsetObjects = add_subset_objects


class _Flate:
    """reportlab's FlateDecode filter, answering at once for the content it was made for."""

    pdfname = "FlateDecode"

    def __init__(self, content: bytes, compressed: bytes) -> None:
        self._content = content
        self._compressed = compressed

    def encode(self, text: bytes) -> bytes:
        return self._compressed if text is self._content else zlib.compress(text)
