"""A preview of PDF bytes, page after page to the width available, or a message saying why
there is nothing to show. Imported when first needed, so the PDF viewer stays out of start-up."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget


class PdfPreview(QStackedWidget):
    """Shows a PDF (show_pdf) or why there is none (show_message)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buffer: QBuffer | None = None
        self.pdf = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setAccessibleName("Preview")
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.setMinimumSize(420, 360)
        self.nothing = QLabel()
        self.nothing.setWordWrap(True)
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nothing.setAccessibleName("Why there is no preview")
        self.nothing.setMargin(24)
        self.addWidget(self.view)
        self.addWidget(self.nothing)
        self.setFocusProxy(self.view)

    def show_pdf(self, pdf: bytes) -> bool:
        """Show these bytes; False when they could not be read as a PDF."""
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(buffer)
        # The document reads from the buffer while it is shown, so the old one goes only now.
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.setCurrentWidget(self.view)
        return self.pdf.status() == QPdfDocument.Status.Ready

    def show_message(self, text: str) -> None:
        """Say why there is nothing to preview."""
        self.pdf.close()
        self.nothing.setText(text)
        self.setCurrentWidget(self.nothing)

    def page_count(self) -> int:
        """How many pages the PDF shown has (0 when a message is shown)."""
        return self.pdf.pageCount() if self.currentWidget() is self.view else 0
