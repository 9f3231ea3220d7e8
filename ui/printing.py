"""Printing documents: the core renders PDF bytes; this draws their pages on a printer."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

PRINT_DPI = 300


def new_printer() -> QPrinter:
    """A printer set up for documents: 300 dpi is sharp on paper and light on memory."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(PRINT_DPI)
    return printer


def print_pdf(pdf: bytes, printer: QPrinter) -> bool:
    """Draw every page of `pdf` on `printer`, scaled to fit; False if anything failed."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        return False
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        for page in range(document.pageCount()):
            if page and not printer.newPage():
                return False
            points = document.pagePointSize(page)
            scale = min(area.width() / points.width(), area.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            painter.drawImage(QPoint(0, 0), document.render(page, size))
    finally:
        painter.end()
    return printer.printerState() != QPrinter.PrinterState.Error
