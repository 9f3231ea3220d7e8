"""What every printed document shares: the letterhead, one stylesheet factory, paragraphs that
print any name (right-to-left ones shaped), and pages with "Page X of Y" in the footer.

reportlab is imported inside the functions, so importing a document module stays cheap.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from .fonts import BOLD, REGULAR, register_fonts

TEXT = "#262626"
ACCENT = "#1d5e5a"  # a calm teal for headings and rules
MUTED = "#5f6b6a"
PALE = "#e8f1f0"  # behind table headings
RULE = "#b9c9c7"  # table lines

# Scripts whose letters join or run right to left, and combining marks (a decomposed "ễ"):
# only paragraphs with these pay for shaping with HarfBuzz.
_NEEDS_SHAPING = re.compile("[\u0300-\u036f\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


@dataclass(frozen=True)
class Letterhead:
    """Who the documents come from; the logo (PNG or JPEG bytes) is drawn top right when given."""

    organisation: str
    logo: bytes | None = None
    contact: str = ""  # a phone number, email or address for questions; optional


@functools.cache
def colour(hex_code: str) -> Any:
    """A reportlab colour for "#rrggbb", made once (reportlab parses a string on every use)."""
    from reportlab.lib.colors import HexColor

    return HexColor(hex_code)


@functools.cache
def stylesheet(large: bool) -> dict[str, Any]:
    """The one stylesheet factory: every paragraph style, normal or large (child-friendly).

    Made once per size: styles are only read while a document is built. The fonts are
    registered first, as paragraphs look their fonts up when they are made.
    """
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    size = 14.0 if large else 11.0
    leading = size * (1.55 if large else 1.45)
    body = ParagraphStyle(
        "Body",
        fontName=REGULAR,
        fontSize=size,
        leading=leading,
        textColor=colour(TEXT),
        spaceAfter=size * 0.7,
    )
    small = size * 0.86  # table cells and notes
    return {
        "body": body,
        "title": ParagraphStyle(
            "Title",
            parent=body,
            fontName=BOLD,
            fontSize=size * 2,
            leading=size * 2.4,
            textColor=colour(ACCENT),
            spaceAfter=size * 0.8,
        ),
        "heading": ParagraphStyle(
            "Heading",
            parent=body,
            fontName=BOLD,
            fontSize=size * 1.25,
            leading=size * 1.6,
            textColor=colour(ACCENT),
            spaceBefore=size * 0.9,
            spaceAfter=size * 0.45,
        ),
        "bullet": ParagraphStyle(
            "Bullet",
            parent=body,
            leftIndent=size * 1.6,
            bulletIndent=size * 0.4,
            bulletFontName=BOLD,
            bulletFontSize=size * 1.15,
            bulletColor=colour(ACCENT),
            spaceAfter=size * 0.45,
        ),
        "right": ParagraphStyle("Right", parent=body, alignment=TA_RIGHT, spaceAfter=2),
        "tick": ParagraphStyle("Tick", parent=body, spaceAfter=0),
        "detail": ParagraphStyle("Detail", parent=body, spaceAfter=size * 0.25),
        "detail_muted": ParagraphStyle(
            "DetailMuted", parent=body, textColor=colour(MUTED), spaceAfter=size * 0.25
        ),
        "label": ParagraphStyle(
            "Label",
            parent=body,
            fontSize=size * 0.82,
            leading=size * 1.1,
            textColor=colour(MUTED),
            spaceAfter=0,
        ),
        "label_name": ParagraphStyle(
            "LabelName",
            parent=body,
            fontName=BOLD,
            fontSize=size * 0.82,
            leading=size * 1.1,
            textColor=colour(TEXT),
            spaceAfter=0,
        ),
        "cell": ParagraphStyle(
            "Cell", parent=body, fontSize=small, leading=small * 1.3, spaceAfter=0
        ),
        "cell_heading": ParagraphStyle(
            "CellHeading",
            parent=body,
            fontName=BOLD,
            fontSize=small,
            leading=small * 1.3,
            textColor=colour(ACCENT),
            spaceAfter=0,
        ),
        "cell_note": ParagraphStyle(
            "CellNote",
            parent=body,
            fontSize=small * 0.92,
            leading=small * 1.2,
            textColor=colour(MUTED),
            spaceBefore=2,
            spaceAfter=0,
        ),
        "card_title": ParagraphStyle(
            "CardTitle", parent=body, fontName=BOLD, leading=size * 1.35, spaceAfter=0
        ),
        "quote": ParagraphStyle(
            "Quote", parent=body, fontSize=size * 1.1, leading=size * 1.6, spaceAfter=size * 0.3
        ),
        "letterhead": ParagraphStyle(
            "Letterhead",
            parent=body,
            fontName=BOLD,
            fontSize=14,
            leading=18,
            textColor=colour(ACCENT),
            spaceAfter=0,
        ),
        "letterhead_contact": ParagraphStyle(
            "LetterheadContact",
            parent=body,
            fontSize=9.5,
            leading=13,
            textColor=colour(MUTED),
            spaceAfter=0,
        ),
    }


def paragraph(markup: str, style: Any, bullet: str | None = None) -> Any:
    """A Paragraph of reportlab markup; text in Arabic or Hebrew is shaped so it prints right."""
    if _NEEDS_SHAPING.search(markup):
        from reportlab.platypus import Paragraph

        return Paragraph(markup, _shaped(style), bulletText=bullet)
    return _remembering_paragraph_class()(markup, style, bulletText=bullet)


@functools.cache
def _remembering_paragraph_class() -> type:
    """A Paragraph that lays its lines out once per width.

    reportlab asks a paragraph for its size several times at the same width (a table measures
    its cells, then draws them; KeepTogether measures, then the frame does), and each time it
    breaks the lines again. The lines depend only on the width, so the last layout is kept.
    Shaped (right-to-left) paragraphs do not use this: their drawing may reorder the lines.
    """
    from reportlab.platypus import Paragraph

    class RememberingParagraph(Paragraph):  # type: ignore[misc]  # reportlab is untyped
        _laid_out_at: float | None = None

        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
            # split() drops the layout when no line fits at a page's foot: lay it out again.
            if availWidth == self._laid_out_at and hasattr(self, "blPara"):
                return self.width, self.height
            size: tuple[float, float] = super().wrap(availWidth, availHeight)
            self._laid_out_at = availWidth if hasattr(self, "blPara") else None
            return size

    return RememberingParagraph


def text_paragraph(text: str, style: Any) -> Any:
    """A Paragraph of plain text (escaped), such as a name or a facilitator's summary."""
    return paragraph(escape(text), style)


@functools.cache
def _shaped(style: Any) -> Any:
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)


def safe_reference(reference: str) -> str:
    """The case reference as a file-name part: letters, digits and dashes only."""
    return re.sub(r"[^A-Za-z0-9]+", "-", reference).strip("-") or "case"


def build_pdf(
    story: Sequence[Any],
    *,
    pagesize: tuple[float, float],
    title: str,
    letterhead: Letterhead,
    organisation: str,
    reference: str,
    large: bool,
) -> bytes:
    """Lay the story out with the letterhead on page 1 and numbered footers; PDF bytes.

    The PDF's properties hold the title and organisation only (never a person's name), and
    `invariant=1` makes the same story give the same bytes.
    """
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    register_fonts()
    width, height = pagesize
    margin = 22 * mm
    header = 33 * mm  # room for the letterhead on the first page
    footer = 20 * mm
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=18 * mm,
        bottomMargin=footer,
        title=title,
        author=organisation,
        creator="Restorative Desk",
        subject="",
        lang="en-GB",
        invariant=1,
        pageCompression=1,
    )
    text_width = width - 2 * margin
    no_padding = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    first = Frame(
        margin,
        footer + 4 * mm,
        text_width,
        height - header - 12 * mm - footer,
        id="first",
        **no_padding,
    )
    later = Frame(
        margin, footer + 4 * mm, text_width, height - 22 * mm - footer, id="later", **no_padding
    )
    draw_letterhead: Callable[[Any, Any], None] = functools.partial(
        _draw_letterhead,
        letterhead=letterhead,
        organisation=organisation,
        styles=stylesheet(False),
    )
    doc.addPageTemplates(
        [
            PageTemplate("first", [first], onPage=draw_letterhead, autoNextPageTemplate="later"),
            PageTemplate("later", [later]),
        ]
    )
    # The reference in every footer lets loose pages find their way back to the right case.
    canvasmaker = functools.partial(
        _numbered_canvas_class(), organisation=organisation, reference=reference, large=large
    )
    doc.build(list(story), canvasmaker=canvasmaker)
    return buffer.getvalue()


def frame_width(pagesize: tuple[float, float]) -> float:
    """The width text may use on a page of this size (the margins build_pdf uses)."""
    from reportlab.lib.units import mm

    return float(pagesize[0] - 2 * 22 * mm)


def frame_height(pagesize: tuple[float, float]) -> float:
    """The height text may use on a page after the first (the margins build_pdf uses)."""
    from reportlab.lib.units import mm

    return float(pagesize[1] - 22 * mm - 20 * mm)


def _draw_letterhead(
    canvas: Any, doc: Any, *, letterhead: Letterhead, organisation: str, styles: dict[str, Any]
) -> None:
    """The first page's letterhead: organisation and contact top left, logo top right."""
    from reportlab.lib.units import mm

    page_width, page_height = doc.pagesize
    left, top = doc.leftMargin, page_height - 14 * mm
    logo_width, logo_height = 40 * mm, 20 * mm
    has_logo = _draw_logo(
        canvas, letterhead.logo, page_width - doc.rightMargin, top, logo_width, logo_height
    )
    text_width = doc.width - (logo_width + 6 * mm if has_logo else 0)
    y = top
    for text, style in (
        (organisation, styles["letterhead"]),
        (letterhead.contact.strip(), styles["letterhead_contact"]),
    ):
        if not text:
            continue
        line = text_paragraph(text, style)
        _, used = line.wrap(text_width, 40 * mm)
        y -= used
        line.drawOn(canvas, left, y)
        y -= 1 * mm
    canvas.saveState()
    canvas.setStrokeColor(colour(ACCENT))
    canvas.setLineWidth(0.8)
    rule_y = min(y, top - logo_height if has_logo else y) - 3 * mm
    canvas.line(left, rule_y, page_width - doc.rightMargin, rule_y)
    canvas.restoreState()


def _draw_logo(
    canvas: Any, logo: bytes | None, right: float, top: float, width: float, height: float
) -> bool:
    """Draw the logo into the box whose top-right corner is given; False when there is none."""
    image = _logo_image(logo) if logo else None
    if image is None:
        return False
    image_width, image_height = image.getSize()
    scale = min(width / image_width, height / image_height)
    drawn_width, drawn_height = image_width * scale, image_height * scale
    canvas.drawImage(
        image, right - drawn_width, top - drawn_height, drawn_width, drawn_height, mask="auto"
    )
    return True


@functools.lru_cache(maxsize=4)
def _logo_image(logo: bytes) -> Any:
    """The logo decoded once (a batch of letters shares it); None when it cannot be read."""
    from reportlab.lib.utils import ImageReader

    try:
        image = ImageReader(io.BytesIO(logo))
        image.getSize()
        # Decoding it all here finds a truncated file before anything is drawn.
        image.getRGBData()
    except Exception:  # a broken logo must never stop a letter going out
        return None
    return image


@functools.cache
def _numbered_canvas_class() -> type:
    """A canvas that holds its pages back to write "Page X of Y" in each footer (pretix's way)."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
        def __init__(
            self, *args: Any, organisation: str, reference: str, large: bool, **kwargs: Any
        ) -> None:
            super().__init__(*args, **kwargs)
            self._organisation = organisation
            self._reference = f" \N{MIDDLE DOT} {reference}" if reference else ""
            self._footer_size = 10.5 if large else 8.5
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, page in enumerate(self._pages, start=1):
                self.__dict__.update(page)
                self._draw_footer(number, total)
                super().showPage()
            super().save()

        def _draw_footer(self, number: int, total: int) -> None:
            width, _ = self._pagesize
            margin = 22 * mm
            self.saveState()
            self.setStrokeColor(colour(ACCENT))
            self.setLineWidth(0.5)
            self.line(margin, 14 * mm, width - margin, 14 * mm)
            self.setFillColor(colour(MUTED))
            self.setFont(REGULAR, self._footer_size)
            page = f"Page {number} of {total}"
            self.drawRightString(width - margin, 9 * mm, page)
            room = width - 2 * margin - self.stringWidth(page + self._reference) - 8 * mm
            organisation = self._organisation
            while organisation and self.stringWidth(organisation) > room:
                organisation = organisation[:-2].rstrip() + "\N{HORIZONTAL ELLIPSIS}"
            self.drawString(margin, 9 * mm, organisation + self._reference)
            self.restoreState()

    return NumberedCanvas
