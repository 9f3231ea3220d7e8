"""Printing the agreement (for adults or child-friendly; one copy, or a copy for everyone in one
go) and the closure letters: preview, print through the system dialog, save as PDF.

The core renders the PDFs; these dialogs only preview, print or save the bytes, and note each
print and save in the audit trail (the kind of document and how many, never a name)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.agreements.records import Agreement
from restorative_desk.documents.agreement import filename_for_agreement, render_agreement
from restorative_desk.documents.agreement_batch import BatchItem, agreement_print_for, paper_for
from restorative_desk.documents.closure import (
    ClosureLetter,
    filename_for_closure_letter,
    render_closure_letter,
)
from restorative_desk.documents.letterhead import letterhead_for, taking_part
from restorative_desk.documents.templates import TemplateError
from restorative_desk.records import Case, Person
from restorative_desk.store import Store, StoreError
from restorative_desk.store.audit import AuditAction

from .documents_dialog import PrinterChooser, SaveChooser, ask_printer, choose_save_path
from .pdf_preview import PdfPreview
from .printing import print_pdf
from .widgets import ValueComboBox, tell

NOT_PRINTED = ("It could not be printed. Check the printer, or save it as a PDF and print "
               "that.")


class DocumentPrintDialog(QDialog):
    """Choices at the top, the preview, and Print / Print for everyone / Save as PDF."""

    RECORD_TYPE = ""

    def __init__(self, parent: QWidget | None, store: Store, case: Case) -> None:
        super().__init__(parent)
        self._store = store
        self._case = case
        self._people: list[Person] = taking_part(store.people(case.id))
        self._rendered: dict[tuple[object, ...], bytes] = {}
        self._save_folder = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or Path.home()
        )
        # Replaceable so tests (and other front ends) can answer for the user.
        self.choose_save_path: SaveChooser = choose_save_path
        self.ask_printer: PrinterChooser = ask_printer
        self.tell: Callable[[QWidget, str, str], None] = tell
        self.choices = QHBoxLayout()
        self.preview = PdfPreview()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Document status")
        self.print_button = QPushButton("&Print…")
        self.print_all_button = QPushButton("Print for &everyone…")
        self.print_all_button.setToolTip("Print a copy for each person taking part, in one go")
        self.save_button = QPushButton("&Save as PDF…")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.print_button, self.print_all_button, self.save_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        preview_label = QLabel("Pre&view")
        preview_label.setBuddy(self.preview)
        layout = QVBoxLayout(self)
        layout.addLayout(self.choices)
        layout.addWidget(preview_label)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.print_all_button.clicked.connect(self._on_print_all_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.resize(780, 860)

    def add_choice(self, text: str, field: QComboBox) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        field.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.choices.addWidget(label)
        self.choices.addWidget(field, 1)
        self.choices.addSpacing(12)
        field.currentIndexChanged.connect(self._on_choice_changed)

    # -- for each kind of document -------------------------------------------------------------

    def key(self, person_id: str) -> tuple[object, ...]:
        raise NotImplementedError

    def make(self, person_id: str) -> bytes:
        raise NotImplementedError

    def chosen_person_id(self) -> str:
        raise NotImplementedError

    def filename(self) -> str:
        raise NotImplementedError

    def detail(self) -> str:
        raise NotImplementedError

    # -- shared --------------------------------------------------------------------------------

    def render_for(self, person_id: str) -> bytes:
        """The document for `person_id` ("" for no name on it), kept once made."""
        key = self.key(person_id)
        if key not in self._rendered:
            self._rendered[key] = self.make(person_id)
        return self._rendered[key]

    def show_preview(self) -> None:
        try:
            pdf = self.render_for(self.chosen_person_id())
        except TemplateError as error:
            self._nothing(f"The wording of this document has a problem. {error}")
            return
        except ValueError as error:
            self._nothing(f"This document cannot be made yet. {error}")
            return
        ready = self.preview.show_pdf(pdf)
        self.status.clear()
        for button in (self.print_button, self.save_button):
            button.setEnabled(ready)
        self.print_all_button.setEnabled(ready and bool(self._people))

    def _nothing(self, text: str) -> None:
        self.preview.show_message(text)
        for button in (self.print_button, self.print_all_button, self.save_button):
            button.setEnabled(False)

    def _note(self, action: AuditAction, detail: str) -> None:
        # The paper or file exists already; a case file that cannot be written to cannot note it.
        with contextlib.suppress(StoreError):
            self._store.record_event(action, case_id=self._case.id,
                                     record_type=self.RECORD_TYPE, detail=detail)

    def _on_choice_changed(self, _index: int) -> None:
        self.show_preview()

    def _on_print_button_clicked(self) -> None:
        printer = self.ask_printer(self)
        if printer is None:
            return
        if not print_pdf(self.render_for(self.chosen_person_id()), printer):
            self.tell(self, "Not printed", NOT_PRINTED)
            return
        self._note(AuditAction.PRINT, self.detail())
        self.status.setText("✓ Sent to the printer.")

    def _on_print_all_button_clicked(self) -> None:
        pdfs = [self.render_for(person.id) for person in self._people]
        printer = self.ask_printer(self)
        if printer is None or not pdfs:
            return
        printed = 0
        for pdf in pdfs:
            if not print_pdf(pdf, printer):
                break
            printed += 1
        if printed:
            self._note(AuditAction.PRINT, f"{self.detail()} x{printed}")
        if printed < len(pdfs):
            self.tell(self, "Not all printed",
                      f"{printed} of {len(pdfs)} went to the printer before it reported a "
                      "problem. Check the printer and try again.")
            return
        self.status.setText(f"✓ Sent to the printer: a copy for each of {len(pdfs)} people.")

    def _on_save_button_clicked(self) -> None:
        pdf = self.render_for(self.chosen_person_id())
        chosen = self.choose_save_path(self, str(self._save_folder / self.filename()))
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            target.write_bytes(pdf)
        except OSError as error:
            self.tell(self, "Not saved",
                      f"It was not saved: {error.strerror or error}. Try another folder.")
            return
        self._save_folder = target.parent
        self._note(AuditAction.EXPORT, self.detail())
        self.status.setText(f"✓ Saved as {target}.")


class AgreementPrintDialog(DocumentPrintDialog):
    """Preview, print or save the agreement: for adults or child-friendly, for one person or
    everyone (each copy says who it is for)."""

    RECORD_TYPE = "agreement"

    def __init__(
        self, parent: QWidget | None, store: Store, case: Case, agreement: Agreement
    ) -> None:
        super().__init__(parent, store, case)
        self._agreement = agreement
        self.setWindowTitle(f"Print the agreement for {case.reference}")
        self.version = ValueComboBox(
            [("For adults", False), ("Child-friendly (larger type, simpler words)", True)],
            "Which version",
        )
        self.copy = ValueComboBox(
            [("A copy with no name on it", ""),
             *((f"{person.called}'s copy", person.id) for person in self._people)],
            "Whose copy",
        )
        self.add_choice("&Version", self.version)
        self.add_choice("&Whose copy", self.copy)
        self.show_preview()
        self.version.setFocus()

    @classmethod
    def show_for(
        cls, parent: QWidget | None, store: Store, case: Case, agreement: Agreement
    ) -> None:
        """Open the dialog and wait until it is closed."""
        cls(parent, store, case, agreement).exec()

    def chosen_person_id(self) -> str:
        return str(self.copy.value())

    def key(self, person_id: str) -> tuple[object, ...]:
        return (bool(self.version.value()), person_id)

    def make(self, person_id: str) -> bytes:
        doc = agreement_print_for(self._store, BatchItem(self._case, self._agreement),
                                  child_friendly=bool(self.version.value()))
        name = next((p.called for p in self._people if p.id == person_id), "")
        return render_agreement(replace(doc, copy_for=name))

    def filename(self) -> str:
        return filename_for_agreement(self._case.reference, self._agreement.version,
                                      self.chosen_person_id(),
                                      child_friendly=bool(self.version.value()))

    def detail(self) -> str:
        kind = "child-friendly" if self.version.value() else "adult"
        return f"{kind} v{self._agreement.version}"


class ClosureLetterDialog(DocumentPrintDialog):
    """Preview, print or save the closure letter for each person who took part."""

    RECORD_TYPE = "closure_letter"

    def __init__(
        self, parent: QWidget | None, store: Store, case: Case, agreement: Agreement
    ) -> None:
        super().__init__(parent, store, case)
        self._agreement = agreement
        self.setWindowTitle(f"Closure letters for {case.reference}")
        self.person = ValueComboBox(
            [(person.called, person.id) for person in self._people], "Who it is for"
        )
        self.add_choice("&Who it is for", self.person)
        if self._people:
            self.show_preview()
        else:
            self._nothing("Nobody taking part is on this case, so there is nobody to write to.")

    @classmethod
    def show_for(
        cls, parent: QWidget | None, store: Store, case: Case, agreement: Agreement
    ) -> None:
        """Open the dialog and wait until it is closed."""
        cls(parent, store, case, agreement).exec()

    def chosen_person_id(self) -> str:
        return str(self.person.value())

    def key(self, person_id: str) -> tuple[object, ...]:
        return (person_id,)

    def make(self, person_id: str) -> bytes:
        person = next(p for p in self._people if p.id == person_id)
        return render_closure_letter(ClosureLetter(
            reference=self._case.reference,
            setting=self._case.setting,
            letterhead=letterhead_for(self._store, self._case),
            facilitator=self._case.facilitator or self._store.actor,
            person_name=person.called,
            outcome=self._agreement.status.value,
            summary=self._agreement.outcome_note,
            today=self._store.today(),
            paper=paper_for(self._store),
        ))

    def filename(self) -> str:
        return filename_for_closure_letter(self._case.reference, self.chosen_person_id())

    def detail(self) -> str:
        return f"closure letter {self._agreement.status.value}"
