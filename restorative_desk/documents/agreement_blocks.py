"""The agreement's blocks, put where its template's "@directive" lines stand (see markup.py):
who took part, the summary, the young person's own words, the actions (a table, or one box per
action in the child-friendly version) and the lines to sign.

The actions table repeats its heading row on each new page. A row is split across pages only
when it could never fit on one (reportlab's in-row splitting, when on, also splits rows that
would fit, and then draws a heading row in the middle of a page).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from ..formatting import format_date
from .markup import Block
from .pdf_base import ACCENT, PALE, RULE, TEXT, colour, paragraph

if TYPE_CHECKING:
    from .agreement import AgreementPrint, PrintedAction

# How the actions table shares the width: What, Who, For whom, By when, How we will know, Support.
_COLUMN_SHARES = (0.25, 0.125, 0.125, 0.14, 0.19, 0.17)
# Cells shorter than this always fit on a page, so only longer ones are measured.
_MEASURE_FROM = 300


def agreement_blocks(
    doc: AgreementPrint, styles: dict[str, Any], width: float, height: float
) -> dict[str, Block]:
    """The block for each agreement directive, for frames of this width and height."""
    return {
        "people": lambda labels: [_people(doc, labels[0], styles, width)] if doc.people else [],
        "summary": lambda _labels: _lines(doc.summary, styles["body"]),
        "own_words": lambda _labels: _own_words(doc.own_words, styles, width),
        "actions": lambda labels: _actions_table(doc.actions, labels, styles, width, height),
        "action_cards": lambda labels: _action_cards(doc.actions, labels, styles, width),
        "signatures": lambda labels: _signatures(doc, labels, styles, width),
    }


def _markup(text: str) -> str:
    """Plain text as paragraph markup, its line breaks kept."""
    return "<br/>".join(escape(line.strip()) for line in text.strip().splitlines())


def _lines(text: str, style: Any) -> list[Any]:
    """A paragraph for each line of the text, blank lines skipped."""
    return [paragraph(escape(line.strip()), style) for line in text.splitlines() if line.strip()]


def _people(
    doc: AgreementPrint, facilitator_label: str, styles: dict[str, Any], width: float
) -> Any:
    """Everyone who took part by the name they chose, with their role; the facilitator last."""
    from reportlab.platypus import Table, TableStyle

    rows = [
        [paragraph(f"<b>{escape(person.name)}</b>", styles["detail"]), _muted(person.role, styles)]
        for person in doc.people
    ]
    rows.append(
        [
            paragraph(f"<b>{escape(doc.facilitator.strip())}</b>", styles["detail"]),
            paragraph(facilitator_label, styles["detail_muted"]),
        ]
    )
    table = Table(rows, colWidths=[width * 0.45, width * 0.55], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _muted(text: str, styles: dict[str, Any]) -> Any:
    return paragraph(escape(text.strip()), styles["detail_muted"])


def _own_words(text: str, styles: dict[str, Any], width: float) -> list[Any]:
    """The young person's words as they said them, in quotation marks, with a rule beside."""
    from reportlab.platypus import Table, TableStyle

    lines = [escape(line.strip()) for line in text.splitlines() if line.strip()]
    if not lines:
        return []
    lines[0] = "\N{LEFT DOUBLE QUOTATION MARK}" + lines[0]
    lines[-1] += "\N{RIGHT DOUBLE QUOTATION MARK}"
    size = styles["body"].fontSize
    table = Table(
        [[paragraph(line, styles["quote"])] for line in lines],
        colWidths=[width - size],
        hAlign="RIGHT",
        splitInRow=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("LINEBEFORE", (0, 0), (0, -1), 3, colour(ACCENT)),
                ("LEFTPADDING", (0, 0), (-1, -1), size),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), size * 0.2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), size * 0.2),
            ]
        )
    )
    return [table]


def _when(action: PrintedAction, review_label: str, styles: dict[str, Any]) -> list[Any]:
    """The by-when date, with the action's own review date under it when it has one."""
    cell = [paragraph(format_date(action.by_when), styles["cell"])] if action.by_when else []
    if action.review_date:
        note = f"{review_label} {format_date(action.review_date)}"
        cell.append(paragraph(note, styles["cell_note"]))
    return cell


def _actions_table(
    actions: Sequence[PrintedAction],
    labels: list[str],
    styles: dict[str, Any],
    width: float,
    height: float,
) -> list[Any]:
    """What · Who · For whom · By when · How we will know · Support, a row per action."""
    from reportlab.platypus import Table, TableStyle

    if not actions:
        return []
    cell = styles["cell"]
    rows: list[list[Any]] = [[paragraph(label, styles["cell_heading"]) for label in labels[:6]]]
    for number, action in enumerate(actions, start=1):
        rows.append(
            [
                paragraph(f"{number}. {_markup(action.what)}", cell),
                paragraph(_markup(action.who), cell),
                paragraph(_markup(action.for_whom), cell),
                _when(action, labels[6], styles),
                paragraph(_markup(action.how_known), cell),
                paragraph(_markup(action.support), cell),
            ]
        )
    pad = cell.fontSize * 0.45
    widths = [width * share for share in _COLUMN_SHARES]
    # Only a very long action is measured: against the room under the repeated heading row.
    long_rows = [row for row, action in zip(rows[1:], actions, strict=True) if _long(action)]
    room = height - _row_height(rows[0], widths, pad) - 1 if long_rows else height
    too_tall = any(_row_height(row, widths, pad) > room for row in long_rows)
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1 if too_tall else 0)
    # What must fit under the section's heading: the heading row and the first action.
    table.lead_height = _row_height(rows[0], widths, pad) + _row_height(rows[1], widths, pad)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colour(PALE)),
                ("GRID", (0, 0), (-1, -1), 0.5, colour(RULE)),
                ("LINEBELOW", (0, 0), (-1, 0), 1, colour(ACCENT)),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 1.3),
            ]
        )
    )
    return [table]


def _long(action: PrintedAction) -> bool:
    """Whether an action has so many words that it might not fit on one page."""
    return (
        max(len(action.what), len(action.how_known), len(action.support)) > _MEASURE_FROM
        or max(len(action.who), len(action.for_whom)) > _MEASURE_FROM / 2
    )


def _row_height(row: list[Any], widths: list[float], pad: float) -> float:
    """How tall a row of paragraphs (or lists of them) is when laid out at these widths."""
    tallest = 0.0
    for cell, width in zip(row, widths, strict=True):
        parts = cell if isinstance(cell, list) else [cell]
        # The width the table gives its cells, so the table reuses these measurements.
        tallest = max(tallest, sum(part.wrap(width - pad - pad, 1e6)[1] for part in parts))
    return tallest + pad * 2.3


def _action_cards(
    actions: Sequence[PrintedAction], labels: list[str], styles: dict[str, Any], width: float
) -> list[Any]:
    """One box per action, its parts one under the other (easier to read than a wide table)."""
    from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

    cards: list[Any] = []
    cell = styles["cell"]
    pad = cell.fontSize * 0.5
    for number, action in enumerate(actions, start=1):
        rows: list[list[Any]] = [
            [paragraph(f"{number}. {_markup(action.what)}", styles["card_title"]), ""]
        ]
        parts = (
            (labels[1], action.who),
            (labels[2], action.for_whom),
            (labels[3], format_date(action.by_when) if action.by_when else ""),
            (labels[4], action.how_known),
            (labels[5], action.support),
            (labels[6], format_date(action.review_date) if action.review_date else ""),
        )
        for label, value in parts:
            if value.strip():
                rows.append(
                    [paragraph(label, styles["cell_heading"]), paragraph(_markup(value), cell)]
                )
        table = Table(rows, colWidths=[width * 0.34, width * 0.66], splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("SPAN", (0, 0), (1, 0)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, 0), colour(PALE)),
                    ("BOX", (0, 0), (-1, -1), 1, colour(ACCENT)),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, colour(ACCENT)),
                    ("LEFTPADDING", (0, 0), (-1, -1), pad * 1.4),
                    ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                    ("TOPPADDING", (0, 0), (-1, -1), pad * 0.6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.8),
                ]
            )
        )
        if not cards:  # what must fit under the section's heading
            table.lead_height = 0.0 if _long(action) else table.wrap(width, 1e6)[1]
        # A card that fits on a page is never split; a very long one runs on from where it is.
        cards.extend([table if _long(action) else KeepTogether(table), Spacer(1, cell.fontSize)])
    return cards


def _signatures(
    doc: AgreementPrint, labels: list[str], styles: dict[str, Any], width: float
) -> list[Any]:
    """Two people to a row: a line to sign and a line for the date for each, with their name
    (and role) printed under the line. A person's lines and name are never split by a page."""
    from reportlab.platypus import Table, TableStyle

    facilitator_label, date_label = labels
    signers = [(escape(person.name.strip()), escape(person.role.strip())) for person in doc.people]
    signers.append((escape(doc.facilitator.strip()), facilitator_label))
    size = styles["body"].fontSize
    gap, between = size * 0.8, size * 2.2
    half = (width - between) / 2
    sign, when = (half - gap) * 0.64, (half - gap) * 0.36
    widths = [sign, gap, when, between, sign, gap, when]
    rows: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
    for first in range(0, len(signers), 2):
        pair = signers[first : first + 2]
        line_row = len(rows)
        label_row: list[Any] = [""] * len(widths)
        for place, (name, role) in enumerate(pair):
            column = place * 4
            label_row[column] = [
                paragraph(name, styles["label_name"]),
                paragraph(role, styles["label"]),
            ]
            label_row[column + 2] = paragraph(date_label, styles["label"])
            for lined in (column, column + 2):
                commands.append(
                    ("LINEBELOW", (lined, line_row), (lined, line_row), 0.8, colour(TEXT))
                )
        rows.extend([[""] * len(widths), label_row])
        commands.extend(
            [
                ("NOSPLIT", (0, line_row), (-1, line_row + 1)),
                ("TOPPADDING", (0, line_row + 1), (-1, line_row + 1), 3),
                ("BOTTOMPADDING", (0, line_row + 1), (-1, line_row + 1), size * 0.9),
            ]
        )
    heights = [size * 2.6 if index % 2 == 0 else None for index in range(len(rows))]
    table = Table(rows, colWidths=widths, rowHeights=heights)
    table.setStyle(TableStyle(commands))
    return [table]
