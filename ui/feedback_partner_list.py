"""Tools ▸ Partner agency feedback…: what partner agencies said about the restorative service
in general (not about one case): add, change, delete, and a blank form to print or save."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.documents.feedback_form import (
    FormKind,
    feedback_form_for,
    filename_for_feedback_form,
    render_feedback_form,
)
from restorative_desk.feedback.records import PartnerFeedback
from restorative_desk.store import Store, StoreError
from restorative_desk.store.audit import AuditAction

from .dialog_parts import comfortable_width, wrapped
from .documents_dialog import PrinterChooser, SaveChooser, ask_printer, choose_save_path
from .feedback_parts import partner_entry
from .partner_feedback_dialog import PartnerFeedbackDialog
from .printing import print_pdf
from .widgets import TimelineList, confirm, tell

INTRO = ("Feedback from partner agencies about the service in general. Feedback about one "
         "case is entered on that case's Feedback tab.")
NONE_YET = "No general feedback from partner agencies yet."


class PartnerFeedbackListDialog(QDialog):
    """General partner agency feedback, newest first."""

    def __init__(self, parent: QWidget | None, store: Store) -> None:
        super().__init__(parent)
        self._store = store
        self._records: dict[str, PartnerFeedback] = {}
        # Replaceable so tests (and other front ends) can answer for the user.
        self.ask_partner = PartnerFeedbackDialog.ask
        self.confirm: Callable[[QWidget, str, str, str], bool] = confirm
        self.tell: Callable[[QWidget, str, str], None] = tell
        self.choose_save_path: SaveChooser = choose_save_path
        self.ask_printer: PrinterChooser = ask_printer
        self.setWindowTitle("Partner agency feedback")
        self.list = TimelineList("General feedback from partner agencies, newest first")
        self.list.setMinimumHeight(self.fontMetrics().lineSpacing() * 16)
        self.nothing = wrapped(NONE_YET)
        self.status = wrapped("")
        self.status.setAccessibleName("What happened")
        self.add_button = QPushButton("&Add feedback…")
        self.edit_button = QPushButton("&Change…")
        self.delete_button = QPushButton("&Delete…")
        self.print_button = QPushButton("&Print a blank form…")
        self.save_button = QPushButton("&Save a blank form as PDF…")
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        list_label = QLabel("&Feedback received")
        list_label.setBuddy(self.list)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(INTRO))
        layout.addWidget(list_label)
        layout.addWidget(self.nothing)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.list.itemActivated.connect(self._on_edit_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.list.itemSelectionChanged.connect(self._refresh_buttons)
        writable = not store.read_only
        for button in (self.add_button, self.print_button, self.save_button):
            button.setEnabled(writable)  # printing and saving are audited
        self._reload()
        self.resize(max(760, comfortable_width(self, 110)), 560)
        self.add_button.setFocus()

    @classmethod
    def show_for(cls, parent: QWidget | None, store: Store) -> None:
        """Open the dialog and wait until it is closed."""
        cls(parent, store).exec()

    def _reload(self) -> None:
        try:
            records = self._store.partner_feedback(general_only=True)
        except StoreError as error:
            self.status.setText(f"The feedback could not be read. {error}")
            return
        records.reverse()
        self._records = {record.id: record for record in records}
        self.list.set_entries((*partner_entry(record), record.id) for record in records)
        self.nothing.setVisible(not records)
        self.list.setVisible(bool(records))
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        chosen = self.list.selected_id() is not None and not self._store.read_only
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _blank_form(self) -> bytes | None:
        try:
            return render_feedback_form(feedback_form_for(self._store, None, FormKind.PARTNER))
        except ValueError as error:
            self.status.setText(f"The form cannot be made yet. {error} Add it in Tools ▸ "
                                "Settings, on the Organisation tab.")
            return None

    def _note(self, action: AuditAction) -> None:
        with contextlib.suppress(StoreError):
            self._store.record_event(action, record_type="feedback_form",
                                     detail="partner general")

    # -- slots ---------------------------------------------------------------------------------

    def _on_add_button_clicked(self) -> None:
        if self.ask_partner(self, self._store, None, None):
            self._reload()
            self.status.setText("✓ Feedback saved.")

    def _on_edit_button_clicked(self) -> None:
        record = self._records.get(self.list.selected_id() or "")
        if record is not None and self.ask_partner(self, self._store, None, record):
            self._reload()
            self.status.setText("✓ Changes saved.")

    def _on_delete_button_clicked(self) -> None:
        record = self._records.get(self.list.selected_id() or "")
        if record is None or not self.confirm(
            self, "Delete feedback", "Delete this feedback? It cannot be brought back.",
            "&Delete",
        ):
            return
        try:
            self._store.delete_partner_feedback(record.id)
        except StoreError as error:
            self.tell(self, "Not deleted", f"The feedback was not deleted. {error}")
            return
        self._reload()
        self.status.setText("✓ Deleted.")

    def _on_print_button_clicked(self) -> None:
        pdf = self._blank_form()
        if pdf is None:
            return
        printer = self.ask_printer(self)
        if printer is None:
            return
        if not print_pdf(pdf, printer):
            self.tell(self, "Not printed", "It could not be printed. Check the printer, or "
                      "save it as a PDF and print that.")
            return
        self._note(AuditAction.PRINT)
        self.status.setText("✓ Sent to the printer.")

    def _on_save_button_clicked(self) -> None:
        pdf = self._blank_form()
        if pdf is None:
            return
        suggested = str(Path.home() / filename_for_feedback_form("", FormKind.PARTNER))
        chosen = self.choose_save_path(self, suggested)
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
        self._note(AuditAction.EXPORT)
        self.status.setText(f"✓ Saved as {target}.")
