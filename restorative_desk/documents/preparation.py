"""The preparation documents for one participant: invitation, information sheets, consent form.

The wording is data (resources/documents/*.json, see templates.py); this module lays it out on
A4 with the organisation's letterhead and "Page X of Y", and returns PDF bytes. Same input,
same bytes. File names carry the case reference, never a person's name.
"""

from __future__ import annotations

import enum
import functools
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from ..formatting import format_date
from ..records import Case, Person, Role
from ..wording import load_role_wording
from .fonts import BOLD, REGULAR, register_fonts
from .templates import DocumentTemplate, Section, load_template

_TEXT = "#262626"
_ACCENT = "#1d5e5a"  # a calm teal for headings and rules
_MUTED = "#5f6b6a"
_BOLD_MARKUP = re.compile(r"\*\*(.+?)\*\*")


class DocumentKind(enum.Enum):
    """The preparation documents; each value names its template in resources/documents."""

    INVITATION = "invitation"
    INFORMATION = "information"
    INFORMATION_CHILD = "information_child"
    CONSENT = "consent"

    @property
    def slug(self) -> str:
        """The part of a file name that says which document this is."""
        return _SLUGS[self]


_SLUGS = {
    DocumentKind.INVITATION: "invitation",
    DocumentKind.INFORMATION: "what-happens-next",
    DocumentKind.INFORMATION_CHILD: "what-happens-next-easy-read",
    DocumentKind.CONSENT: "consent-form",
}


@dataclass(frozen=True)
class Letterhead:
    """Who the documents come from; the logo (PNG or JPEG bytes) is drawn top right when given."""

    organisation: str
    logo: bytes | None = None
    contact: str = ""  # a phone number, email or address for questions; optional


@dataclass(frozen=True)
class DocumentRequest:
    """Everything one participant's preparation documents need."""

    case: Case
    person: Person
    letterhead: Letterhead
    facilitator: str
    today: date
    meeting_date: date | None = None
    meeting_place: str = ""


def render_invitation(request: DocumentRequest) -> bytes:
    """The invitation letter to the request's person, as PDF bytes."""
    return render(DocumentKind.INVITATION, request)


def render_information(request: DocumentRequest, *, child_friendly: bool = False) -> bytes:
    """The "What happens next" sheet; `child_friendly` gives larger type and simpler words."""
    kind = DocumentKind.INFORMATION_CHILD if child_friendly else DocumentKind.INFORMATION
    return render(kind, request)


def render_consent_form(request: DocumentRequest) -> bytes:
    """The consent form, with a parent or carer section when the person is a child."""
    return render(DocumentKind.CONSENT, request)


def filename_for(kind: DocumentKind, request: DocumentRequest) -> str:
    """A safe file name from the case reference, the document and the person's record id.

    Never the person's name: file names end up in folders, print queues and email attachments.
    """
    reference = re.sub(r"[^A-Za-z0-9]+", "-", request.case.reference).strip("-") or "case"
    person = re.sub(r"[^0-9a-f]", "", request.person.id.lower())[:8]
    return "-".join(part for part in (reference, kind.slug, person) if part) + ".pdf"


def render(kind: DocumentKind, request: DocumentRequest) -> bytes:
    """Render one preparation document for the request's person (same input, same bytes)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    template = _template(kind.value)
    values = _values(request)
    given = {key for key, value in values.items() if value.strip()}
    large = kind is DocumentKind.INFORMATION_CHILD
    styles = _stylesheet(large)
    register_fonts()

    width, height = A4
    margin = 22 * mm
    header = 33 * mm  # room for the letterhead on the first page
    footer = 20 * mm
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=18 * mm,
        bottomMargin=footer,
        title=f"{template.title(request.case.setting)} \N{EN DASH} {values['reference']}",
        author=values["organisation"],
        creator="Restorative Desk",
        subject="",
        lang="en-GB",
        invariant=1,
        pageCompression=1,
    )
    frame_width = width - 2 * margin
    no_padding = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    first = Frame(
        margin,
        footer + 4 * mm,
        frame_width,
        height - header - 12 * mm - footer,
        id="first",
        **no_padding,
    )
    later = Frame(
        margin, footer + 4 * mm, frame_width, height - 22 * mm - footer, id="later", **no_padding
    )
    draw_letterhead = functools.partial(
        _draw_letterhead,
        letterhead=request.letterhead,
        organisation=values["organisation"],
        styles=styles,
    )
    doc.addPageTemplates(
        [
            PageTemplate("first", [first], onPage=draw_letterhead, autoNextPageTemplate="later"),
            PageTemplate("later", [later]),
        ]
    )
    story = _story(template.sections(request.case.setting, given), values, styles, frame_width)
    # The reference in every footer lets loose pages find their way back to the right case.
    canvasmaker = functools.partial(
        _numbered_canvas_class(),
        organisation=values["organisation"],
        reference=values["reference"],
        large=large,
    )
    doc.build(story, canvasmaker=canvasmaker)
    return buffer.getvalue()


@functools.cache
def _template(name: str) -> DocumentTemplate:
    return load_template(name)


def _values(request: DocumentRequest) -> dict[str, str]:
    """What the placeholders are filled with (and "child" for conditions only)."""
    case, person = request.case, request.person
    organisation = (request.letterhead.organisation or case.organisation).strip()
    facilitator = (request.facilitator or case.facilitator).strip()
    if not organisation:
        raise ValueError("The documents need the organisation's name.")
    if not facilitator:
        raise ValueError("The documents need the facilitator's name.")
    wording = load_role_wording()

    def in_sentence(role: Role) -> str:
        label = wording.role_label(role, case.setting)
        first = label.split(" ", 1)[0]
        # "Victim" becomes "victim"; "YOS practitioner" keeps its capitals.
        return label if first.isupper() else label[:1].lower() + label[1:]

    return {
        "called": person.called.strip(),
        "organisation": organisation,
        "facilitator": facilitator,
        "reference": case.reference.strip(),
        "venue": (request.meeting_place or case.venue).strip(),
        "date": format_date(request.meeting_date) if request.meeting_date else "",
        "today": format_date(request.today),
        "role": wording.role_label(person.role, case.setting),
        "person_harmed": in_sentence(Role.PERSON_HARMED),
        "person_responsible": in_sentence(Role.PERSON_RESPONSIBLE),
        "supporter": in_sentence(Role.SUPPORTER),
        "contact": request.letterhead.contact.strip(),
        "child": "yes" if person.is_child else "",
    }


def _stylesheet(large: bool) -> dict[str, Any]:
    """The one stylesheet factory: every paragraph style, normal or large (child-friendly)."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    size = 14.0 if large else 11.0
    leading = size * (1.55 if large else 1.45)
    body = ParagraphStyle(
        "Body",
        fontName=REGULAR,
        fontSize=size,
        leading=leading,
        textColor=_TEXT,
        spaceAfter=size * 0.7,
    )
    return {
        "body": body,
        "title": ParagraphStyle(
            "Title",
            parent=body,
            fontName=BOLD,
            fontSize=size * 2,
            leading=size * 2.4,
            textColor=_ACCENT,
            spaceAfter=size * 0.8,
        ),
        "heading": ParagraphStyle(
            "Heading",
            parent=body,
            fontName=BOLD,
            fontSize=size * 1.25,
            leading=size * 1.6,
            textColor=_ACCENT,
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
            bulletColor=_ACCENT,
            spaceAfter=size * 0.45,
        ),
        "right": ParagraphStyle("Right", parent=body, alignment=TA_RIGHT, spaceAfter=2),
        "tick": ParagraphStyle("Tick", parent=body, spaceAfter=0),
        "detail": ParagraphStyle("Detail", parent=body, spaceAfter=size * 0.25),
        "label": ParagraphStyle(
            "Label",
            parent=body,
            fontSize=size * 0.82,
            leading=size * 1.1,
            textColor=_MUTED,
            spaceAfter=0,
        ),
        "letterhead": ParagraphStyle(
            "Letterhead",
            parent=body,
            fontName=BOLD,
            fontSize=14,
            leading=18,
            textColor=_ACCENT,
            spaceAfter=0,
        ),
        "letterhead_contact": ParagraphStyle(
            "LetterheadContact",
            parent=body,
            fontSize=9.5,
            leading=13,
            textColor=_MUTED,
            spaceAfter=0,
        ),
    }


def _story(
    sections: list[Section], values: Mapping[str, str], styles: dict[str, Any], width: float
) -> list[Any]:
    """Turn each section's markup into flowables, each section kept on one page if it fits."""
    from reportlab.platypus import KeepTogether

    escaped = {key: escape(value) for key, value in values.items()}

    def fill(text: str) -> str:
        return _BOLD_MARKUP.sub(r"<b>\1</b>", escape(text.strip())).format_map(escaped)

    story: list[Any] = []
    for section in sections:
        story.append(KeepTogether([_flowable(line, fill, styles, width) for line in section.lines]))
    return story


def _flowable(line: str, fill: Callable[[str], str], styles: dict[str, Any], width: float) -> Any:
    """One line of markup (see templates.py) as a reportlab flowable."""
    from reportlab.platypus import Paragraph, Spacer

    if not line.strip():
        return Spacer(1, styles["body"].fontSize * 0.6)
    if line.startswith("# "):
        return Paragraph(fill(line[2:]), styles["title"])
    if line.startswith("## "):
        return Paragraph(fill(line[3:]), styles["heading"])
    if line.startswith("- "):
        return Paragraph(fill(line[2:]), styles["bullet"], bulletText="\N{BULLET}")
    if line.startswith("= "):
        return Paragraph(fill(line[2:]), styles["detail"])
    if line.startswith("> "):
        return Paragraph(fill(line[2:]), styles["right"])
    if line.lstrip().startswith("[ ]"):
        indented = line.startswith(" ")
        return _tick(fill(line.lstrip()[3:]), indented, styles, width)
    if line.startswith("___"):
        return _write_in([fill(label) for label in line[3:].split("|")], styles, width)
    return Paragraph(fill(line), styles["body"])


def _tick(text: str, indented: bool, styles: dict[str, Any], width: float) -> Any:
    """A statement with an empty box in front to tick."""
    from reportlab.platypus import Paragraph, Table, TableStyle

    size = styles["body"].fontSize
    box_side = size * 1.25
    box = Table([[""]], colWidths=[box_side], rowHeights=[box_side])
    box.setStyle(TableStyle([("BOX", (0, 0), (0, 0), 1, _ACCENT)]))
    indent = size * 2.2 if indented else 0
    gutter = box_side + size * 0.9
    table = Table(
        [["", box, Paragraph(text, styles["tick"])]],
        colWidths=[indent, gutter, width - indent - gutter],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (1, 0), (1, 0), (styles["tick"].leading - box_side) / 2 + 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), size * 0.75),
            ]
        )
    )
    return table


def _write_in(labels: list[str], styles: dict[str, Any], width: float) -> Any:
    """Lines to write on, side by side, each with its label in small type underneath."""
    from reportlab.platypus import Paragraph, Table, TableStyle

    gap = 8.0
    count = len(labels)
    shares = [0.64, 0.36] if count == 2 else [1 / count] * count
    usable = width - gap * (count - 1)
    widths: list[float] = []
    for index, share in enumerate(shares):
        widths.append(usable * share)
        if index < count - 1:
            widths.append(gap)
    space = ["" for _ in widths]
    label_row: list[Any] = []
    for index in range(len(widths)):
        label_row.append(Paragraph(labels[index // 2], styles["label"]) if index % 2 == 0 else "")
    writing_height = styles["body"].fontSize * 2.4
    table = Table([space, label_row], colWidths=widths, rowHeights=[writing_height, None])
    commands: list[tuple[Any, ...]] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 1), (-1, 1), 3),
        ("BOTTOMPADDING", (0, 1), (-1, 1), styles["body"].fontSize * 0.9),
    ]
    for column in range(0, len(widths), 2):
        commands.append(("LINEBELOW", (column, 0), (column, 0), 0.8, _TEXT))
    table.setStyle(TableStyle(commands))
    return table


def _draw_letterhead(
    canvas: Any, doc: Any, *, letterhead: Letterhead, organisation: str, styles: dict[str, Any]
) -> None:
    """The first page's letterhead: organisation and contact top left, logo top right."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

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
        paragraph = Paragraph(escape(text), style)
        _, used = paragraph.wrap(text_width, 40 * mm)
        y -= used
        paragraph.drawOn(canvas, left, y)
        y -= 1 * mm
    canvas.saveState()
    canvas.setStrokeColor(_ACCENT)
    canvas.setLineWidth(0.8)
    rule_y = min(y, top - logo_height if has_logo else y) - 3 * mm
    canvas.line(left, rule_y, page_width - doc.rightMargin, rule_y)
    canvas.restoreState()


def _draw_logo(
    canvas: Any, logo: bytes | None, right: float, top: float, width: float, height: float
) -> bool:
    """Draw the logo into the box whose top-right corner is given; False when there is none."""
    if not logo:
        return False
    from reportlab.lib.utils import ImageReader

    try:
        image = ImageReader(io.BytesIO(logo))
        image_width, image_height = image.getSize()
        # Decoding it all here finds a truncated file before anything is drawn.
        image.getRGBData()
    except Exception:  # a broken logo must never stop a letter going out
        return False
    scale = min(width / image_width, height / image_height)
    drawn_width, drawn_height = image_width * scale, image_height * scale
    canvas.drawImage(
        image, right - drawn_width, top - drawn_height, drawn_width, drawn_height, mask="auto"
    )
    return True


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
            self.setStrokeColor(_ACCENT)
            self.setLineWidth(0.5)
            self.line(margin, 14 * mm, width - margin, 14 * mm)
            self.setFillColor(_MUTED)
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
