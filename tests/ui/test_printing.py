"""Printing draws a document's PDF pages on the printer, scaled to the page."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from restorative_desk.documents.recovery_sheet import render_recovery_sheet
from ui.printing import new_printer, print_pdf


def test_the_recovery_sheet_prints_as_one_page(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = render_recovery_sheet("ABCD-EFGH-IJKL-MNOP", "Oak House", "cases.db", date(2026, 11, 26))
    printer = new_printer()
    target = tmp_path / "printed.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # a file stands in for paper
    printer.setOutputFileName(str(target))
    assert print_pdf(pdf, printer)
    printed = PdfReader(io.BytesIO(target.read_bytes()))
    assert len(printed.pages) == 1
    assert printed.pages[0].images, "the page was drawn"


def test_not_a_pdf_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "nothing.pdf"))
    assert not print_pdf(b"not a pdf", printer)
