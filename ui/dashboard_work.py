"""Long work for the Figures view, with progress that can be stopped, and its exports: the
anonymised CSV and the partnership board report (previewed, then printed or saved).

The work runs in the UI thread; its progress callback processes events, so the window stays
responsive and Stop is heard. The progress dialog appears only when the work takes longer than
a moment.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.reports.figures import Cancelled, Dashboard, Progress
from restorative_desk.store import Store, StoreError
from restorative_desk.store.audit import AuditAction

if TYPE_CHECKING:
    from .documents_dialog import PrinterChooser, SaveChooser

T = TypeVar("T")
SHOW_PROGRESS_AFTER_MS = 300
CSV_EXPLAINED = (
    "The CSV holds the figures in these charts and tables, for the period and choices "
    "shown: counts by month, setting, stage and group, shares and days. Every count from 1 to "
    "4 is written as <5 (and a count beside one that a total would give away as 'hidden'). "
    "It has no names, contact details, case references, free text or "
    "dates of birth."
)
NOT_PRINTED = "It could not be printed. Check the printer, or save it as a PDF and print that."


def ask_save_path(
    parent: QWidget, caption: str, suggested: str, file_filter: str, explanation: str = ""
) -> str:
    """Ask where to save; an empty string means the person changed their mind. With an
    explanation the dialog says it under the file list (what the file holds, for example)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    start = str(Path(folder or Path.home()) / suggested)
    if not explanation:
        path, _ = QFileDialog.getSaveFileName(parent, caption, start, file_filter)
        return path
    dialog = QFileDialog(parent, caption, start, file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # so it can hold the words
    words = QLabel(explanation)
    words.setWordWrap(True)
    layout = dialog.layout()
    if isinstance(layout, QGridLayout):
        layout.addWidget(words, layout.rowCount(), 0, 1, layout.columnCount())
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    return dialog.selectedFiles()[0]


def run_with_progress(
    parent: QWidget, title: str, label: str, work: Callable[[Progress], T]
) -> T | None:
    """Run `work(progress)`, showing progress with a Stop button if it takes a while; None
    when the person stopped it (the work raised figures.Cancelled)."""
    dialog = QProgressDialog(label, "&Stop", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)

    def progress(done: int, total: int) -> bool:
        if dialog.maximum() != max(total, 1):
            dialog.setMaximum(max(total, 1))
        dialog.setValue(min(max(done, 0), dialog.maximum()))
        QApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        return work(progress)
    except Cancelled:
        return None
    finally:
        dialog.close()
        dialog.deleteLater()


def note_export(
    store: Store, record_type: str, dashboard: Dashboard, action: AuditAction = AuditAction.EXPORT
) -> None:
    """Note an export in the audit trail: what kind and the period, never a figure or name."""
    period = f"{dashboard.filter.start.isoformat()} to {dashboard.filter.end.isoformat()}"
    with contextlib.suppress(StoreError):  # a read-only case file cannot note it
        store.record_event(action, record_type=record_type, detail=period)


def csv_filename(dashboard: Dashboard) -> str:
    start, end = dashboard.filter.start.isoformat(), dashboard.filter.end.isoformat()
    return f"figures-{start}-to-{end}.csv"


def write_csv(dashboard: Dashboard, path: Path, progress: Progress | None) -> int:
    """The anonymised CSV of `dashboard` at `path`; how many rows were written."""
    from restorative_desk.reports.export import write_anonymised_csv

    return write_anonymised_csv(dashboard, path, progress=progress)


def render_board_report(store: Store, dashboard: Dashboard, progress: Progress | None) -> bytes:
    """The partnership board report as PDF bytes, with the letterhead from the settings."""
    from restorative_desk.documents import board_report

    request = board_report.board_report_request_for(store)
    return board_report.render_board_report(dashboard, request, progress)


def board_report_filename(dashboard: Dashboard) -> str:
    from restorative_desk.documents.board_report import filename_for_board_report

    return filename_for_board_report(dashboard)


class BoardReportDialog(QDialog):
    """The board report previewed, to print or save as a PDF."""

    def __init__(
        self, parent: QWidget | None, store: Store, dashboard: Dashboard, pdf: bytes
    ) -> None:
        from .documents_dialog import ask_printer, choose_save_path
        from .pdf_preview import PdfPreview
        from .widgets import tell

        super().__init__(parent)
        self.setWindowTitle("Partnership board report")
        self._store = store
        self._dashboard = dashboard
        self._pdf = pdf
        # Replaceable so tests can answer for the person and stand in for the printer.
        self.choose_save_path: SaveChooser = choose_save_path
        self.ask_printer: PrinterChooser = ask_printer
        self.tell: Callable[[QWidget, str, str], None] = tell
        self.preview = PdfPreview()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Report status")
        self.print_button = QPushButton("&Print…")
        self.save_button = QPushButton("&Save as PDF…")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.print_button, self.save_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        ready = self.preview.show_pdf(pdf)
        if not ready:
            self.preview.show_message("The report could not be shown. Try saving it as a PDF.")
        self.print_button.setEnabled(ready)
        self.resize(820, 900)

    def save_to(self, target: Path) -> bool:
        """Write the PDF to `target` (".pdf" added if missing); False if it could not be."""
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            target.write_bytes(self._pdf)
        except OSError as error:
            self.tell(self, "Not saved",
                      f"It was not saved: {error.strerror or error}. Try another folder.")
            return False
        note_export(self._store, "board_report", self._dashboard)
        self.status.setText(f"✓ Saved as {target}.")
        return True

    def _on_save_button_clicked(self) -> None:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        suggested = str(Path(folder or Path.home()) / board_report_filename(self._dashboard))
        chosen = self.choose_save_path(self, suggested)
        if chosen:
            self.save_to(Path(chosen))

    def _on_print_button_clicked(self) -> None:
        from .printing import print_pdf

        printer = self.ask_printer(self)
        if printer is None:
            return
        if not print_pdf(self._pdf, printer):
            self.tell(self, "Not printed", NOT_PRINTED)
            return
        note_export(self._store, "board_report", self._dashboard, AuditAction.PRINT)
        self.status.setText("✓ Sent to the printer.")
