"""Tools ▸ Print agreements…: choose which agreements (status, since a day, child-friendly), then
print them all through one print dialog or save each as a PDF into a folder, with progress that
can be stopped. The store is read and each PDF rendered here in the UI thread, one document at a
time, with events processed between them so the window stays responsive."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.agreements.records import AgreementStatus
from restorative_desk.documents.agreement_batch import BatchItem, BatchRenderer, current_agreements
from restorative_desk.store import Store

from .documents_dialog import PrinterChooser, ask_printer
from .printing import print_pdf

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

STATUS_CHOICES: tuple[tuple[str, tuple[AgreementStatus, ...]], ...] = (
    ("Agreed (in force)", (AgreementStatus.AGREED,)),
    ("Drafts", (AgreementStatus.DRAFT,)),
    ("Closed (any outcome)", (AgreementStatus.COMPLETED, AgreementStatus.PARTLY_COMPLETED,
                              AgreementStatus.NOT_COMPLETED)),
    ("Completed", (AgreementStatus.COMPLETED,)),
    ("All agreements", ()),
)


@dataclass(frozen=True)
class BatchResult:
    """How a batch went: how many were done of how many, and whether it was stopped."""

    done: int
    total: int
    stopped: bool
    failed: int = 0
    how: str = "pdf"  # "pdf" (saved) or "print"


def choose_folder(parent: QWidget) -> str:
    """Ask for a folder to save the PDFs in; an empty string means the user changed their mind."""
    return QFileDialog.getExistingDirectory(parent, "Save the agreements in")


class BatchPrintDialog(QDialog):
    """Choose the agreements, then Print… or Save as PDFs…; the outcome shows in the dialog."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Print agreements")
        self._store = store
        # Replaceable so tests can answer for the user and stand in for the printer.
        self.choose_folder: Callable[[QWidget], str] = choose_folder
        self.ask_printer: PrinterChooser = ask_printer
        self.print_pdf: Callable[[bytes, QPrinter], bool] = print_pdf
        self.last_result: BatchResult | None = None

        self.status_choice = QComboBox()
        for label, _ in STATUS_CHOICES:
            self.status_choice.addItem(label)
        self.only_since = QCheckBox("Only those agreed (drafts: started) on or after")
        self.since = QDateEdit()
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("d MMM yyyy")
        today = store.today()
        self.since.setDate(QDate(today.year, today.month, 1))
        self.since.setEnabled(False)
        self.since.setAccessibleName("On or after")
        self.child_friendly = QCheckBox("&Child-friendly version (larger type, simpler words)")
        self.count = QLabel()
        self.count.setAccessibleName("How many agreements match")
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName("How the last batch went")

        form = QFormLayout()
        status_label = QLabel("&Which agreements")
        status_label.setBuddy(self.status_choice)
        form.addRow(status_label, self.status_choice)
        since_row = QHBoxLayout()
        since_row.addWidget(self.only_since)
        since_row.addWidget(self.since)
        since_row.addStretch(1)
        form.addRow(since_row)
        form.addRow(self.child_friendly)

        self.print_button = QPushButton("&Print…")
        self.save_button = QPushButton("&Save as PDFs…")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.count)
        layout.addWidget(self.outcome)
        layout.addWidget(buttons)

        self.status_choice.currentIndexChanged.connect(self._update_count)
        self.only_since.toggled.connect(self._on_only_since_toggled)
        self.since.dateChanged.connect(self._update_count)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self._update_count()

    @classmethod
    def show_for(cls, parent: QWidget, store: Store) -> None:
        """Open the dialog (modal)."""
        cls(store, parent).exec()

    def chosen(self) -> list[BatchItem]:
        """The agreements the choices describe."""
        statuses = STATUS_CHOICES[self.status_choice.currentIndex()][1]
        since = self.since.date().toPython() if self.only_since.isChecked() else None
        return current_agreements(self._store, statuses=statuses, since=since)  # type: ignore[arg-type]

    def save_all(self, folder: Path) -> BatchResult:
        """Save each chosen agreement as a PDF in `folder`, with progress that can be stopped."""
        def save(item: BatchItem, pdf: bytes, renderer: BatchRenderer) -> bool:
            (folder / renderer.filename(item)).write_bytes(pdf)
            renderer.note_exported(item, "pdf")
            return True

        return self._run("Saving the agreements…", save, "pdf")

    def print_all(self, printer: QPrinter) -> BatchResult:
        """Print each chosen agreement on `printer` (chosen once), with progress."""
        def send(item: BatchItem, pdf: bytes, renderer: BatchRenderer) -> bool:
            if not self.print_pdf(pdf, printer):
                return False
            renderer.note_exported(item, "print")
            return True

        return self._run("Printing the agreements…", send, "print")

    # -- internals ------------------------------------------------------------------------------

    def _run(
        self, title: str, deliver: Callable[[BatchItem, bytes, BatchRenderer], bool], how: str
    ) -> BatchResult:
        items = self.chosen()
        renderer = BatchRenderer(self._store, child_friendly=self.child_friendly.isChecked())
        progress = QProgressDialog(title, "&Stop", 0, len(items), self)
        progress.setWindowTitle("Print agreements")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        done = failed = 0
        stopped = False
        for number, item in enumerate(items):
            progress.setLabelText(f"{title}\n{number} of {len(items)} done")
            progress.setValue(number)
            QApplication.processEvents()
            if progress.wasCanceled():
                stopped = True
                break
            try:
                ok = deliver(item, renderer.render(item), renderer)
            except (ValueError, OSError):
                ok = False
            done, failed = done + ok, failed + (not ok)
        progress.setValue(len(items))
        progress.close()
        result = BatchResult(done, len(items), stopped, failed, how)
        self.last_result = result
        self.outcome.setText(_outcome_words(result))
        return result

    def _update_count(self) -> None:
        found = len(self.chosen())
        self.count.setText(
            f"{found} agreement{'s' if found != 1 else ''} match."
            if found else "No agreements match these choices."
        )
        self.print_button.setEnabled(bool(found))
        self.save_button.setEnabled(bool(found))

    def _on_only_since_toggled(self, checked: bool) -> None:
        self.since.setEnabled(checked)
        self._update_count()

    def _on_save_button_clicked(self) -> None:
        folder = self.choose_folder(self)
        if folder:
            self.save_all(Path(folder))

    def _on_print_button_clicked(self) -> None:
        printer = self.ask_printer(self)
        if printer is not None:
            self.print_all(printer)


def _outcome_words(result: BatchResult) -> str:
    verb = "Saved" if result.how == "pdf" else "Printed"
    words = f"{verb} {result.done} of {result.total} agreement{'s' if result.total != 1 else ''}"
    if result.stopped:
        words += ", then stopped as you asked"
    words += "."
    if result.failed:
        words += (f" {result.failed} could not be {'saved' if result.how == 'pdf' else 'printed'}"
                  " (check the organisation's name in Settings, and the printer or folder).")
    return words
