"""The blocks of a printed feedback form: a five-point scale (faces, tick boxes, numbers and
words: never colour alone), a statement with Yes / Not sure / No boxes, a row of choices, and a
lined box to write in. Drawn in the text colour, so they photocopy and print in grey."""

from __future__ import annotations

import functools
from typing import Any

from .fonts import BOLD
from .markup import Block
from .pdf_base import ACCENT, RULE, TEXT, colour, paragraph

_SCALE_POINTS = 5
MAX_BOX_LINES = 20


def feedback_blocks(styles: dict[str, Any], width: float) -> dict[str, Block]:
    """The directive blocks for a feedback form laid out `width` wide."""
    size = float(styles["body"].fontSize)
    return {
        "scale": functools.partial(_scale, styles=styles, width=width, faces=True),
        "rating": functools.partial(_scale, styles=styles, width=width, faces=False),
        "answer": functools.partial(_answer, styles=styles, width=width),
        "choices": functools.partial(_choices, styles=styles, width=width),
        "box": functools.partial(_box, size=size, width=width),
    }


def box_lines(label: str) -> int:
    """How many lines a "@box" label asks for; ValueError when it is not 1 to MAX_BOX_LINES."""
    lines = int(label.strip())
    if not 1 <= lines <= MAX_BOX_LINES:
        raise ValueError(f"a box has 1 to {MAX_BOX_LINES} lines")
    return lines


@functools.cache
def _flowable_classes() -> tuple[type, type]:
    """A tick box, and a face from very unhappy (0) to very happy (4), as reportlab flowables."""
    from reportlab.platypus import Flowable

    class TickBox(Flowable):  # type: ignore[misc]  # reportlab is untyped
        def __init__(self, side: float, number: str = "") -> None:
            super().__init__()
            self.side = side
            self.number = number
            self.width = side * (2.3 if number else 1.0)
            self.height = side

        def draw(self) -> None:
            canvas = self.canv
            canvas.setStrokeColor(colour(ACCENT))
            canvas.setLineWidth(1.1)
            canvas.rect(0, 0, self.side, self.side)
            if self.number:
                canvas.setFillColor(colour(TEXT))
                canvas.setFont(BOLD, self.side * 0.8)
                canvas.drawString(self.side * 1.35, self.side * 0.18, self.number)

    class Face(Flowable):  # type: ignore[misc]  # reportlab is untyped
        def __init__(self, diameter: float, mood: int) -> None:
            super().__init__()
            self.width = self.height = diameter
            self.mood = mood

        def draw(self) -> None:
            canvas = self.canv
            d = self.width
            r = d / 2
            canvas.setStrokeColor(colour(TEXT))
            canvas.setFillColor(colour(TEXT))
            canvas.setLineWidth(max(1.0, d / 28))
            canvas.circle(r, r, r - 1, stroke=1, fill=0)
            for eye_x in (r - d * 0.17, r + d * 0.17):
                canvas.circle(eye_x, r + d * 0.12, d * 0.045, stroke=0, fill=1)
            # The mouth bends from a frown (0) to a smile (4); 2 is a straight line.
            bend = (self.mood - 2) * d * 0.055
            left, right, mouth_y = r - d * 0.2, r + d * 0.2, r - d * 0.2 + max(bend, 0) * 0.6
            canvas.bezier(left, mouth_y, left + d * 0.08, mouth_y - bend * 1.6,
                          right - d * 0.08, mouth_y - bend * 1.6, right, mouth_y)

    return TickBox, Face


@functools.cache
def _centred(style: Any) -> Any:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"{style.name}-centred", parent=style, alignment=TA_CENTER,
                          textColor=colour(TEXT))


def _table(rows: list[list[Any]], widths: list[float], commands: list[tuple[Any, ...]]) -> Any:
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=widths)
    table.setStyle(TableStyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("NOSPLIT", (0, 0), (-1, -1)),
        *commands,
    ]))
    return table


def _scale(labels: list[str], *, styles: dict[str, Any], width: float, faces: bool) -> list[Any]:
    """Five choices side by side: a face (when `faces`), a box with its number, the words."""
    from reportlab.platypus import Spacer

    tick_box, face = _flowable_classes()
    size = float(styles["body"].fontSize)
    column = width / _SCALE_POINTS
    words = _centred(styles["cell"])
    rows: list[list[Any]] = []
    if faces:
        rows.append([face(size * 2.6, mood) for mood in range(_SCALE_POINTS)])
    rows.append([tick_box(size * 1.25, str(n)) for n in range(1, _SCALE_POINTS + 1)])
    rows.append([paragraph(label, words) for label in labels])
    commands: list[tuple[Any, ...]] = [
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 1), (-1, -1), size * 0.45),
        ("LEFTPADDING", (0, 0), (-1, -1), size * 0.25),
        ("RIGHTPADDING", (0, 0), (-1, -1), size * 0.25),
        ("BOX", (0, 0), (-1, -1), 0.6, colour(RULE)),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.6, colour(RULE)),
        ("TOPPADDING", (0, 0), (-1, 0), size * 0.6),
        ("BOTTOMPADDING", (0, -1), (-1, -1), size * 0.6),
    ]
    return [_table(rows, [column] * _SCALE_POINTS, commands), Spacer(1, size * 0.6)]


def _answer(labels: list[str], *, styles: dict[str, Any], width: float) -> list[Any]:
    """A statement, then a box and its word for each answer (the words on every line, so no
    one has to look up to a column heading)."""
    tick_box, _ = _flowable_classes()
    size = float(styles["body"].fontSize)
    statement, *answers = labels
    side = size * 1.15
    box_column = side + size * 0.5
    # The same answers on every line give the same columns, so the boxes line up down the page.
    word_column = max(_width(answer, styles["tick"]) for answer in answers) + size * 1.2
    # In large type the answers would crowd the statement out: they give way down to a third.
    word_column = min(word_column, (width * 2 / 3) / len(answers) - box_column)
    row: list[Any] = [paragraph(statement, styles["tick"])]
    widths = [width - len(answers) * (box_column + word_column)]
    for answer in answers:
        row += [tick_box(side), paragraph(answer, styles["tick"])]
        widths += [box_column, word_column]
    leading = float(styles["tick"].leading)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), size * 0.4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), size * 0.4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, colour(RULE)),
        ("RIGHTPADDING", (0, 0), (0, 0), size),
    ]
    for index in range(len(answers)):
        commands.append(("TOPPADDING", (1 + 2 * index, 0), (1 + 2 * index, 0),
                         size * 0.4 + (leading - side) / 2 - 1.5))
    return [_table([row], widths, commands)]


def _choices(labels: list[str], *, styles: dict[str, Any], width: float) -> list[Any]:
    """Tick boxes in a row, each with its words (wrapping in its own column)."""
    from reportlab.platypus import Spacer

    tick_box, _ = _flowable_classes()
    size = float(styles["body"].fontSize)
    side = size * 1.15
    box_column = side + size * 0.5
    # Each choice's words get room in proportion to their length, so short ones do not wrap;
    # when they would not fit on one line, they go two to a row.
    lengths = [_width(label, styles["tick"]) + size for label in labels]
    per_row = len(labels)
    if sum(lengths) > width - box_column * per_row:
        per_row = 2
    rows: list[list[Any]] = []
    widths: list[float] = []
    for start in range(0, len(labels), per_row):
        row: list[Any] = []
        for label in labels[start:start + per_row]:
            row += [tick_box(side), paragraph(label, styles["tick"])]
        rows.append(row + [""] * (2 * per_row - len(row)))
    if per_row == len(labels):
        spare = (width - box_column * per_row - sum(lengths)) / per_row
        for length in lengths:
            widths += [box_column, length + spare]
    else:
        widths = [box_column, width / per_row - box_column] * per_row
    leading = float(styles["tick"].leading)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("RIGHTPADDING", (1, 0), (-1, -1), size * 0.6),
    ]
    for index in range(per_row):
        commands.append(("TOPPADDING", (2 * index, 0), (2 * index, -1),
                         (leading - side) / 2 - 1.5))
    commands.append(("BOTTOMPADDING", (0, 0), (-1, -1), size * 0.4))
    return [_table(rows, widths, commands), Spacer(1, size * 0.3)]


def _box(labels: list[str], *, size: float, width: float) -> list[Any]:
    """A bordered box with faint lines to write on."""
    from reportlab.platypus import Spacer

    lines = box_lines(labels[0])
    line_height = size * 2.2
    rows = [[""] for _ in range(lines)]
    commands: list[tuple[Any, ...]] = [
        ("BOX", (0, 0), (-1, -1), 1, colour(ACCENT)),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, colour(RULE)),
    ]
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=[width], rowHeights=[line_height] * lines)
    table.setStyle(TableStyle(commands))
    return [table, Spacer(1, size * 0.6)]


def _width(text: str, style: Any) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, style.fontName, style.fontSize))
