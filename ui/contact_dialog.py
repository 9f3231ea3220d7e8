"""Log or correct one contact: a call, a visit, a meeting, a letter or a message."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.records import Contact, ContactType, Person
from restorative_desk.rules import Problem, contact_problems

from .widgets import FormMessages, ValueComboBox, from_qdate, make_date_edit


class ContactDialog(QDialog):
    """A form for one contact; store-free, so it can be driven in tests."""

    def __init__(
        self,
        parent: QWidget | None,
        people: list[Person],
        contact: Contact | None,
        default_by_whom: str,
        today: date,
        *,
        case_id: str = "",
    ) -> None:
        super().__init__(parent)
        self._original = contact
        self._case_id = contact.case_id if contact else case_id
        self._today = today
        self._result: Contact | None = None
        editing = contact is not None and bool(contact.id)
        self.setWindowTitle("Edit contact" if editing else "Log a contact")

        self.contact_date = make_date_edit(contact.contact_date if contact else today, "Date")
        self.contact_type = ValueComboBox(
            [(kind.label, kind) for kind in ContactType], "Type of contact"
        )
        self.person = ValueComboBox[str | None](
            [("Not with one person", None), *((p.called, p.id) for p in people)], "With whom"
        )
        self.by_whom = QLineEdit(contact.by_whom if contact else default_by_whom)
        self.by_whom.setAccessibleName("By whom")
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Note")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("What was said or agreed, in plain words")
        if contact is not None:
            self.contact_type.set_value(contact.contact_type)
            self.person.set_value(contact.person_id)
            self.note.setPlainText(contact.note)

        self.messages = FormMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.messages.add_row(form, "&Date", "contact_date", self.contact_date)
        self.messages.add_row(form, "&Type", "contact_type", self.contact_type)
        self.messages.add_row(form, "&With whom", "person_id", self.person)
        self.messages.add_row(form, "&By whom", "by_whom", self.by_whom)
        self.messages.add_row(form, "&Note", "note", self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            "Save contact" if editing else "Log contact"
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.messages.general)
        layout.addLayout(form, 1)
        layout.addWidget(buttons)
        self.resize(520, 420)
        self.note.setFocus()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        people: list[Person],
        contact: Contact | None,
        default_by_whom: str,
        today: date,
        *,
        case_id: str = "",
        problem: Problem | None = None,
    ) -> Contact | None:
        """Show the dialog; the contact as filled in, or None if the user cancelled."""
        dialog = cls(parent, people, contact, default_by_whom, today, case_id=case_id)
        if problem is not None:
            dialog.messages.show([problem])
        dialog.exec()
        return dialog.result_contact()

    def result_contact(self) -> Contact | None:
        """The accepted contact, or None if the dialog was cancelled or never accepted."""
        return self._result

    def contact(self) -> Contact:
        """The contact as the form stands now (not yet checked)."""
        base = self._original or Contact(
            case_id=self._case_id,
            contact_date=self._today,
            contact_type=ContactType.PHONE,
            by_whom="",
        )
        return replace(
            base,
            contact_date=from_qdate(self.contact_date.date()),
            contact_type=self.contact_type.value(),
            person_id=self.person.value(),
            by_whom=self.by_whom.text().strip(),
            note=self.note.toPlainText().strip(),
        )

    def accept(self) -> None:
        """Check the form; close only when there is nothing to fix."""
        contact = self.contact()
        problems = contact_problems(contact, self._today)
        if problems:
            self.messages.show(problems)
            return
        self._result = contact
        super().accept()
