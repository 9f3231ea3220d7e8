"""Record someone's consent to take part (their own, or a parent's or carer's), or note that
consent was withdrawn. Both dialogs are store-free, so tests can drive them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.formatting import format_date
from restorative_desk.preparation.checks import consent_problems
from restorative_desk.preparation.records import Consent, ConsentGiver, ConsentMethod, Way
from restorative_desk.records import Person
from restorative_desk.rules import Problem

from .widgets import FormMessages, from_qdate, make_date_edit, to_qdate

Withdrawal = tuple[date, str]


def _note_box(accessible_name: str, placeholder: str, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(accessible_name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setMaximumHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


def _choices(name: str, *widgets: QWidget) -> QWidget:
    """Radio buttons or check boxes stacked as one labelled form row."""
    box = QWidget()
    box.setAccessibleName(name)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    for widget in widgets:
        layout.addWidget(widget)
    box.setFocusProxy(widgets[0])
    return box


class ConsentDialog(QDialog):
    """Whose consent, when and how it was given, and which ways of taking part it covers."""

    def __init__(
        self,
        parent: QWidget | None,
        person: Person,
        *,
        today: date,
        default_giver: ConsentGiver = ConsentGiver.SELF,
    ) -> None:
        super().__init__(parent)
        self._person = person
        self._today = today
        self._result: Consent | None = None
        self.setWindowTitle(f"Record consent for {person.called}")
        intro = QLabel(
            f"Record the consent {person.called} gave, or a parent's or carer's consent for "
            "them. Consent can be withdrawn at any time."
        )
        intro.setWordWrap(True)

        self.own = QRadioButton(f"{person.called}'s &own consent")
        self.parent_carer = QRadioButton("A &parent's or carer's consent")
        self._givers = QButtonGroup(self)
        for button in (self.own, self.parent_carer):
            button.setAccessibleName(button.text().replace("&", ""))
            self._givers.addButton(button)
        self.giver_name = QLineEdit()
        self.giver_name.setAccessibleName("Name of the parent or carer")
        self.giver_name.setPlaceholderText("Their full name")
        self.given_on = make_date_edit(today, "Date consent was given")

        self.signed = QRadioButton("A &signed consent form (printed from the app)")
        self.verbal = QRadioButton("Said out &loud, with a witness")
        self._methods = QButtonGroup(self)
        for button in (self.signed, self.verbal):
            button.setAccessibleName(button.text().replace("&", ""))
            self._methods.addButton(button)
        self.witness = QLineEdit()
        self.witness.setAccessibleName("Name of the witness")
        self.witness.setPlaceholderText("Who heard them say it")

        self.way_boxes: dict[Way, QCheckBox] = {}
        for way in Way:
            box = QCheckBox(way.label)
            box.setAccessibleName(way.label)
            self.way_boxes[way] = box
        self.note = _note_box("Note", "Anything they asked for or were unsure about", 4)

        self.messages = FormMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        add = self.messages.add_row
        add(form, "Whose consent", "given_by", _choices("Whose consent", self.own,
                                                         self.parent_carer))
        self._giver_label = add(form, "Parent or carer's &name", "giver_name", self.giver_name)
        add(form, "&Date given", "given_on", self.given_on)
        add(form, "How it was given", "method", _choices("How it was given", self.signed,
                                                          self.verbal))
        self._witness_label = add(form, "&Witness", "witness", self.witness)
        add(form, "Ways they agree to", "ways",
            _choices("Ways they agree to", *self.way_boxes.values()))
        add(form, "No&te", "note", self.note)
        self._form = form

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Record consent")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self.own.toggled.connect(self._on_choice_toggled)
        self.signed.toggled.connect(self._on_choice_toggled)
        (self.own if default_giver is ConsentGiver.SELF else self.parent_carer).setChecked(True)
        self.signed.setChecked(True)
        self._on_choice_toggled()
        self.resize(600, 540)
        self.own.setFocus()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        person: Person,
        *,
        today: date,
        default_giver: ConsentGiver = ConsentGiver.SELF,
        problem: Problem | None = None,
        draft: Consent | None = None,
    ) -> Consent | None:
        """Show the dialog; the consent as filled in, or None if the user cancelled.

        `draft` and `problem` reopen it as it was after the store refused to save it."""
        dialog = cls(parent, person, today=today, default_giver=default_giver)
        if draft is not None:
            dialog.fill(draft)
        if problem is not None:
            dialog.messages.show([problem])
        dialog.exec()
        return dialog.result_consent()

    def result_consent(self) -> Consent | None:
        """The accepted consent, or None if the dialog was cancelled or never accepted."""
        return self._result

    def fill(self, consent: Consent) -> None:
        """Put an earlier consent's details in the form."""
        own = consent.given_by is ConsentGiver.SELF
        (self.own if own else self.parent_carer).setChecked(True)
        self.giver_name.setText(consent.giver_name)
        self.given_on.setDate(to_qdate(consent.given_on))
        signed = consent.method is ConsentMethod.SIGNED_FORM
        (self.signed if signed else self.verbal).setChecked(True)
        self.witness.setText(consent.witness)
        for way, box in self.way_boxes.items():
            box.setChecked(way in consent.ways)
        self.note.setPlainText(consent.note)

    def consent(self) -> Consent:
        """The consent as the form stands now (not yet checked)."""
        parent_carer = self.parent_carer.isChecked()
        verbal = self.verbal.isChecked()
        return Consent(
            case_id=self._person.case_id,
            person_id=self._person.id,
            given_by=ConsentGiver.PARENT_CARER if parent_carer else ConsentGiver.SELF,
            given_on=from_qdate(self.given_on.date()),
            method=ConsentMethod.VERBAL_WITNESSED if verbal else ConsentMethod.SIGNED_FORM,
            ways=tuple(way for way, box in self.way_boxes.items() if box.isChecked()),
            giver_name=self.giver_name.text().strip() if parent_carer else "",
            witness=self.witness.text().strip() if verbal else "",
            note=self.note.toPlainText().strip(),
        )

    def accept(self) -> None:
        """Check the form; close only when there is nothing to fix."""
        consent = self.consent()
        problems = consent_problems(consent, self._today)
        if problems:
            self.messages.show(problems)
            return
        self._result = consent
        super().accept()

    def _on_choice_toggled(self, _checked: bool = False) -> None:
        # Hidden rather than disabled: a name box that does not apply is one less thing to read.
        self._form.setRowVisible(self._giver_label, self.parent_carer.isChecked())
        self._form.setRowVisible(self._witness_label, self.verbal.isChecked())


class WithdrawConsentDialog(QDialog):
    """Note that someone withdrew their consent: when, and anything they said."""

    def __init__(
        self, parent: QWidget | None, consent: Consent, person: Person, *, today: date
    ) -> None:
        super().__init__(parent)
        self._consent = consent
        self._today = today
        self._result: Withdrawal | None = None
        whose = (
            f"{person.called}'s own consent" if consent.given_by is ConsentGiver.SELF
            else f"the consent {consent.giver_name or 'a parent or carer'} gave for "
                 f"{person.called}"
        )
        self.setWindowTitle("Withdraw consent")
        intro = QLabel(
            f"You are recording that {whose} (given on {format_date(consent.given_on)}) has "
            "been withdrawn.\n\nThe conference cannot go ahead until new consent is recorded. "
            "The record stays on the case, marked as withdrawn."
        )
        intro.setWordWrap(True)
        self.withdrawn_on = make_date_edit(today, "Date consent was withdrawn")
        self.note = _note_box(
            "What they said", "What they said, in their own words where possible", 5
        )
        self.messages = FormMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.messages.add_row(form, "&Date withdrawn", "withdrawn_on", self.withdrawn_on)
        self.messages.add_row(form, "&What they said", "withdrawal_note", self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Record withdrawal")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(540, 300)
        self.note.setFocus()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        consent: Consent,
        person: Person,
        *,
        today: date,
        problem: Problem | None = None,
        draft: Withdrawal | None = None,
    ) -> Withdrawal | None:
        """Show the dialog; (date withdrawn, note), or None if the user cancelled."""
        dialog = cls(parent, consent, person, today=today)
        if draft is not None:
            dialog.withdrawn_on.setDate(to_qdate(draft[0]))
            dialog.note.setPlainText(draft[1])
        if problem is not None:
            dialog.messages.show([problem])
        dialog.exec()
        return dialog.result_withdrawal()

    def result_withdrawal(self) -> Withdrawal | None:
        """The accepted date and note, or None if the dialog was cancelled or never accepted."""
        return self._result

    def withdrawal(self) -> Withdrawal:
        """The date and note as the form stands now (not yet checked)."""
        return from_qdate(self.withdrawn_on.date()), self.note.toPlainText().strip()

    def accept(self) -> None:
        """Check the form (the same rules the store applies); close only when it is right."""
        withdrawn_on, note = self.withdrawal()
        changed = replace(self._consent, withdrawn_on=withdrawn_on, withdrawal_note=note)
        problems = [
            p for p in consent_problems(changed, self._today)
            if p.field in ("withdrawn_on", "withdrawal_note")
        ]
        if problems:
            self.messages.show(problems)
            return
        self._result = (withdrawn_on, note)
        super().accept()
