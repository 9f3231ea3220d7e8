"""The recovery sheet: the case file's recovery key on paper, for the organisation's safe."""

from __future__ import annotations

import io
from datetime import date

from ..formatting import format_date
from .fonts import BOLD, MONO, REGULAR, register_fonts


def render_recovery_sheet(
    recovery_key: str, organisation: str, db_name: str, made_on: date
) -> bytes:
    """A one-page A4 PDF with the recovery key and what to do with it (same input, same bytes)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle("Restorative Desk recovery sheet")
    canvas.setAuthor(organisation or "Restorative Desk")
    canvas.setCreator("Restorative Desk")
    width, height = A4
    left = 22 * mm
    y = height - 30 * mm

    canvas.setFont(BOLD, 20)
    canvas.drawString(left, y, "Recovery sheet")
    y -= 10 * mm
    canvas.setFont(REGULAR, 11)
    for line in (
        f"Organisation: {organisation or 'not given'}",
        f"Case file: {db_name}",
        f"Made on: {format_date(made_on)}",
    ):
        canvas.drawString(left, y, line)
        y -= 6 * mm

    y -= 8 * mm
    canvas.setFont(BOLD, 12)
    canvas.drawString(left, y, "Recovery key")
    y -= 4 * mm
    box_height = 30 * mm
    canvas.setLineWidth(1.2)
    canvas.rect(left, y - box_height, width - 2 * left, box_height)
    groups = recovery_key.split("-")
    half = (len(groups) + 1) // 2
    canvas.setFont(MONO, 15)
    for row, part in enumerate((groups[:half], groups[half:])):
        canvas.drawString(left + 6 * mm, y - 12 * mm - row * 10 * mm, " - ".join(part))
    y -= box_height + 12 * mm

    canvas.setFont(BOLD, 12)
    canvas.drawString(left, y, "What this is for")
    y -= 7 * mm
    text = canvas.beginText(left, y)
    text.setFont(REGULAR, 11)
    text.setLeading(16)
    for line in (
        "This key opens the case file if its passphrase is forgotten. Anyone holding it and a",
        "copy of the case file can read the children's information in it, so:",
        "",
        "  \N{BULLET}  keep this sheet locked away from the laptop, for example in the",
        "      organisation's safe;",
        "  \N{BULLET}  never photograph it, email it or store it on the same computer;",
        "  \N{BULLET}  if it is lost or seen by someone else, make a new case file or ask",
        "      your coordinator to change the keys.",
        "",
        "To use it: on the unlock screen choose \N{LEFT DOUBLE QUOTATION MARK}Forgotten your "
        "passphrase?\N{RIGHT DOUBLE QUOTATION MARK},",
        "type the key (capitals, spaces and dashes do not matter) and choose a new passphrase.",
    ):
        text.textLine(line)
    canvas.drawText(text)

    canvas.setFont(REGULAR, 9)
    canvas.drawString(left, 15 * mm, "Restorative Desk \N{EM DASH} page 1 of 1")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
