"""The embedded Unicode fonts every document uses (DejaVu, shipped in resources/fonts)."""

from __future__ import annotations

from functools import cache

from ..resources import resources_dir

REGULAR = "RD-Sans"
BOLD = "RD-Sans-Bold"
MONO = "RD-Mono"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", MONO: "DejaVuSansMono.ttf"}


@cache
def register_fonts() -> None:
    """Register the fonts with reportlab once (so any name, in any script, prints)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = resources_dir() / "fonts"
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
