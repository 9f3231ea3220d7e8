"""Template sections (the line markup described in templates.py) as reportlab flowables.

A document family may add directives: a line "@name label | label" is handed, with its labels
filled in, to the block function the renderer gives for that name (a table, signature lines).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from .pdf_base import ACCENT, TEXT, colour, paragraph
from .templates import Section

_BOLD_MARKUP = re.compile(r"\*\*(.+?)\*\*")

# A directive's block: given its labels (filled in, escaped), the flowables to put in its place.
Block = Callable[[list[str]], list[Any]]


def filler(values: Mapping[str, str]) -> Callable[[str], str]:
    """A function that turns a template line into reportlab markup with the values put in."""
    escaped = {key: escape(value) for key, value in values.items()}

    def fill(text: str) -> str:
        return _BOLD_MARKUP.sub(r"<b>\1</b>", escape(text.strip())).format_map(escaped)

    return fill


def story(
    sections: Sequence[Section],
    values: Mapping[str, str],
    styles: dict[str, Any],
    width: float,
    blocks: Mapping[str, Block] | None = None,
    flowing: Collection[str] = (),
) -> list[Any]:
    """Turn each section into flowables, each kept on one page if it fits.

    A section with a `flowing` directive (a table that may be long) runs over pages instead.
    It starts on a new page only when its heading and opening lines, with the block's first
    part (its `lead_height`, such as a table's heading row and first row), would not fit.
    (KeepTogether would move a long table to a new page; keepWithNext lays it out twice.)
    """
    from reportlab.platypus import CondPageBreak, KeepTogether

    fill = filler(values)
    result: list[Any] = []
    for section in sections:
        flowables: list[Any] = []
        flows = any(_directive(line) in flowing for line in section.lines)
        lead: float | None = 0.0 if flows else None
        for line in section.lines:
            name = _directive(line) if blocks is not None else ""
            if name:
                labels = line[1:].partition(" ")[2]
                filled = [fill(label) for label in labels.split("|")] if labels.strip() else []
                assert blocks is not None
                made = blocks[name](filled)
                if lead is not None and name in flowing:
                    first = getattr(made[0], "lead_height", 0.0) if made else 0.0
                    flowables.insert(0, CondPageBreak(lead + first))
                    lead = None
                flowables.extend(made)
                continue
            made_line = flowable(line, fill, styles, width)
            if lead is not None:  # measured now; the layout later reuses the measurement
                lead += made_line.wrap(width, 1e6)[1]
                lead += made_line.getSpaceBefore() + made_line.getSpaceAfter()
            flowables.append(made_line)
        result.extend(flowables if flows else [KeepTogether(flowables)])
    return result


def _directive(line: str) -> str:
    """The name of the directive a line is ("@actions What | Who" is "actions"), or ""."""
    return line[1:].partition(" ")[0] if line.startswith("@") else ""


def flowable(line: str, fill: Callable[[str], str], styles: dict[str, Any], width: float) -> Any:
    """One line of markup (see templates.py) as a reportlab flowable."""
    from reportlab.platypus import Spacer

    if not line.strip():
        return Spacer(1, styles["body"].fontSize * 0.6)
    if line.startswith("# "):
        return paragraph(fill(line[2:]), styles["title"])
    if line.startswith("## "):
        return paragraph(fill(line[3:]), styles["heading"])
    if line.startswith("- "):
        return paragraph(fill(line[2:]), styles["bullet"], bullet="\N{BULLET}")
    if line.startswith("= "):
        return paragraph(fill(line[2:]), styles["detail"])
    if line.startswith("> "):
        return paragraph(fill(line[2:]), styles["right"])
    if line.lstrip().startswith("[ ]"):
        indented = line.startswith(" ")
        return tick(fill(line.lstrip()[3:]), indented, styles, width)
    if line.startswith("___"):
        return write_in([fill(label) for label in line[3:].split("|")], styles, width)
    return paragraph(fill(line), styles["body"])


def tick(text: str, indented: bool, styles: dict[str, Any], width: float) -> Any:
    """A statement with an empty box in front to tick."""
    from reportlab.platypus import Table, TableStyle

    size = styles["body"].fontSize
    box_side = size * 1.25
    box = Table([[""]], colWidths=[box_side], rowHeights=[box_side])
    box.setStyle(TableStyle([("BOX", (0, 0), (0, 0), 1, colour(ACCENT))]))
    indent = size * 2.2 if indented else 0
    gutter = box_side + size * 0.9
    table = Table(
        [["", box, paragraph(text, styles["tick"])]],
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


def write_in(
    labels: list[str], styles: dict[str, Any], width: float, shares: Sequence[float] = ()
) -> Any:
    """Lines to write on, side by side, each with its label (markup) in small type underneath."""
    from reportlab.platypus import Table, TableStyle

    gap = 8.0
    count = len(labels)
    shares = shares or ([0.64, 0.36] if count == 2 else [1 / count] * count)
    usable = width - gap * (count - 1)
    widths: list[float] = []
    for index, share in enumerate(shares):
        widths.append(usable * share)
        if index < count - 1:
            widths.append(gap)
    space = ["" for _ in widths]
    label_row: list[Any] = []
    for index in range(len(widths)):
        label_row.append(paragraph(labels[index // 2], styles["label"]) if index % 2 == 0 else "")
    writing_height = styles["body"].fontSize * 2.4
    table = Table([space, label_row], colWidths=widths, rowHeights=[writing_height, None])
    commands: list[tuple[Any, ...]] = [
        ("NOSPLIT", (0, 0), (-1, -1)),  # a line to write on stays with its label
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 1), (-1, 1), 3),
        ("BOTTOMPADDING", (0, 1), (-1, 1), styles["body"].fontSize * 0.9),
    ]
    for column in range(0, len(widths), 2):
        commands.append(("LINEBELOW", (column, 0), (column, 0), 0.8, colour(TEXT)))
    table.setStyle(TableStyle(commands))
    return table
