"""A case's preparation documents: choose one and who it is for, see it, print it or save it.

The core renders the PDF; this dialog only previews, prints or saves the bytes, and notes each
print and save in the audit trail (the document kind only, never a name). Imported when first
opened, so the PDF viewer stays out of start-up.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QStandardPaths, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.documents.letterhead import document_request_for, taking_part
from restorative_desk.documents.preparation import DocumentKind, DocumentRequest, filename_for
from restorative_desk.documents.templates import TemplateError
from restorative_desk.records import Case, Person
from restorative_desk.store import Store, StoreError
from restorative_desk.store.audit import AuditAction
from restorative_desk.wording import load_role_wording

from .printing import new_printer, print_pdf
from .widgets import ValueComboBox, tell

_WHAT_HAPPENS_NEXT = "\u201cWhat happens next\u201d"
DOCUMENTS = (
    ("Invitation letter", DocumentKind.INVITATION),
    (f"{_WHAT_HAPPENS_NEXT} sheet", DocumentKind.INFORMATION),
    (f"{_WHAT_HAPPENS_NEXT} sheet, easy read", DocumentKind.INFORMATION_CHILD),
    ("Consent form", DocumentKind.CONSENT),
)
NOBODY_YET = (
    "Nobody is taking part in this case yet, so there is nobody to write to. "
    "Add the people on the People tab first."
)

SaveChooser = Callable[[QWidget, str], str]
PrinterChooser = Callable[[QWidget], "QPrinter | None"]


def choose_save_path(parent: QWidget, suggested: str) -> str:
    """Ask where to save a PDF; an empty string means the user changed their mind."""
    path, _ = QFileDialog.getSaveFileName(
        parent, "Save as PDF", suggested, "PDF documents (*.pdf)"
    )
    return path


def ask_printer(parent: QWidget) -> QPrinter | None:
    """Ask which printer and how; None when the user cancelled."""
    printer = new_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


class DocumentsDialog(QDialog):
    """Preview, print or save one preparation document for one person (or print it for all)."""

    def __init__(self, parent: QWidget | None, store: Store, case: Case) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Documents for {case.reference}")
        self._store = store
        self._case = case
        self._people = taking_part(store.people(case.id))
        self._rendered: dict[tuple[DocumentKind, str], bytes] = {}
        self._buffer: QBuffer | None = None
        self._save_folder = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or Path.home()
        )
        # Replaceable so tests (and other front ends) can answer for the user.
        self.choose_save_path: SaveChooser = choose_save_path
        self.ask_printer: PrinterChooser = ask_printer
        self.tell: Callable[[QWidget, str, str], None] = tell

        wording = load_role_wording()
        self.document = ValueComboBox(DOCUMENTS, "Document")
        self.person = ValueComboBox(
            [
                (f"{person.called} ({wording.role_label(person.role, case.setting)})", person.id)
                for person in self._people
            ],
            "Who it is for",
        )
        self.pdf = QPdfDocument(self)
        self.preview = QPdfView(self)
        self.preview.setAccessibleName("Preview")
        self.preview.setDocument(self.pdf)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.preview.setPageSpacing(12)
        self.preview.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.preview.setMinimumSize(420, 360)
        self.nothing = QLabel()
        self.nothing.setWordWrap(True)
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nothing.setAccessibleName("Why there is no preview")
        self.nothing.setMargin(24)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.preview)
        self.pages.addWidget(self.nothing)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Document status")
        self.status.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )

        self.print_button = QPushButton("&Print…")
        self.print_all_button = QPushButton("Print for &everyone…")
        self.print_all_button.setToolTip("Print this document for each person taking part")
        self.save_button = QPushButton("&Save as PDF…")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.print_button, self.print_all_button, self.save_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        choices = QHBoxLayout()
        for text, field in (("&Document", self.document), ("&Who it is for", self.person)):
            label = QLabel(text)
            label.setBuddy(field)
            field.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            choices.addWidget(label)
            choices.addWidget(field, 1)
            choices.addSpacing(12)
        preview_label = QLabel("Pre&view")
        preview_label.setBuddy(self.preview)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(preview_label)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self.document.currentIndexChanged.connect(self._on_choice_changed)
        self.person.currentIndexChanged.connect(self._on_choice_changed)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.print_all_button.clicked.connect(self._on_print_all_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.resize(760, 860)
        self.show_preview()
        self.document.setFocus()

    @classmethod
    def show_for(cls, parent: QWidget | None, store: Store, case: Case) -> None:
        """Open the dialog for `case` and wait until it is closed."""
        dialog = cls(parent, store, case)
        dialog.exec()

    # -- what is chosen ----------------------------------------------------------------------

    def people(self) -> list[Person]:
        """Everyone the documents can be for, in the order they were added to the case."""
        return list(self._people)

    def kind(self) -> DocumentKind:
        """The chosen document."""
        return self.document.value()

    def chosen_person(self) -> Person | None:
        """The person chosen, or None when nobody is taking part yet."""
        if not self._people:
            return None
        person_id = self.person.value()
        return next((person for person in self._people if person.id == person_id), None)

    def request_for(self, person: Person) -> DocumentRequest:
        """What the chosen document needs for `person`."""
        return document_request_for(self._store, self._case, person)

    def render_for(self, person: Person) -> bytes:
        """The chosen document for `person` as PDF bytes (kept, so showing it again is quick).

        Raises ValueError with a message for the user when the case lacks something it needs.
        """
        from restorative_desk.documents.preparation import render

        key = (self.kind(), person.id)
        if key not in self._rendered:
            self._rendered[key] = render(self.kind(), self.request_for(person))
        return self._rendered[key]

    # -- showing -----------------------------------------------------------------------------

    def show_preview(self) -> None:
        """Render the chosen document for the chosen person and show it."""
        person = self.chosen_person()
        if person is None:
            self._show_nothing(NOBODY_YET)
            for field in (self.document, self.person):
                field.setEnabled(False)
            return
        try:
            pdf = self.render_for(person)
        except TemplateError as error:
            self._show_nothing(f"The wording of this document has a problem. {error}")
            return
        except ValueError as error:
            self._show_nothing(
                f"This document cannot be made yet. {error} Add it on the case's Referral tab."
            )
            return
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(buffer)
        # The document reads from the buffer while it is shown, so the old one goes only now.
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.status.clear()
        self.pages.setCurrentWidget(self.preview)
        self._set_actions_enabled(self.pdf.status() == QPdfDocument.Status.Ready)

    def _show_nothing(self, text: str) -> None:
        self.pdf.close()
        self.status.clear()
        self.nothing.setText(text)
        self.pages.setCurrentWidget(self.nothing)
        self._set_actions_enabled(False)

    def _set_actions_enabled(self, enabled: bool) -> None:
        for button in (self.print_button, self.print_all_button, self.save_button):
            button.setEnabled(enabled)

    def _note(self, action: AuditAction, detail: str) -> None:
        """Note a print or a save in the audit trail (the document's kind, never a name)."""
        # The paper or file exists already; a case file that cannot be written to cannot note it.
        with contextlib.suppress(StoreError):
            self._store.record_event(
                action, case_id=self._case.id, record_type="document", detail=detail
            )

    # -- slots -------------------------------------------------------------------------------

    def _on_choice_changed(self, _index: int) -> None:
        self.show_preview()

    def _on_print_button_clicked(self) -> None:
        person = self.chosen_person()
        if person is None:
            return
        printer = self.ask_printer(self)
        if printer is None:
            return
        if not print_pdf(self.render_for(person), printer):
            self.tell(
                self,
                "Not printed",
                "The document could not be printed. Check the printer, or save it as a PDF "
                "and print that.",
            )
            return
        self._note(AuditAction.PRINT, self.kind().value)
        self.status.setText("Sent to the printer.")

    def _on_print_all_button_clicked(self) -> None:
        if not self._people:
            return
        try:
            pdfs = [self.render_for(person) for person in self._people]
        except ValueError as error:
            self.tell(self, "Not printed", f"This document cannot be made yet. {error}")
            return
        printer = self.ask_printer(self)
        if printer is None:
            return
        printed = 0
        for pdf in pdfs:
            if not print_pdf(pdf, printer):
                break
            printed += 1
        if printed:
            self._note(AuditAction.PRINT, f"{self.kind().value} x{printed}")
        if printed < len(pdfs):
            self.tell(
                self,
                "Not all printed",
                f"{printed} of {len(pdfs)} went to the printer before it reported a problem. "
                "Check the printer and try again.",
            )
            return
        self.status.setText(f"Sent to the printer for everyone taking part ({len(pdfs)}).")

    def _on_save_button_clicked(self) -> None:
        person = self.chosen_person()
        if person is None:
            return
        pdf = self.render_for(person)
        suggested = self._save_folder / filename_for(self.kind(), self.request_for(person))
        chosen = self.choose_save_path(self, str(suggested))
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            target.write_bytes(pdf)
        except OSError as error:
            self.tell(
                self,
                "Not saved",
                f"The document was not saved: {error.strerror or error}. Try another folder.",
            )
            return
        self._save_folder = target.parent
        self._note(AuditAction.EXPORT, self.kind().value)
        self.status.setText(f"Saved as {target}.")
