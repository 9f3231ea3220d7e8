"""Add or edit someone on a case: who they are, what they like to be called, what they need."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.records import AgeBand, Person, Role, Setting
from restorative_desk.rules import Problem, person_problems
from restorative_desk.wording import RoleWording

from .monitoring_fields import Answers, MonitoringFields
from .widgets import FormMessages, OptionalDateEdit, ValueComboBox

# The roles a facilitator adds from this dialog, in the order they usually come up.
_ROLES = (
    Role.PERSON_HARMED,
    Role.PERSON_RESPONSIBLE,
    Role.SUPPORTER,
    Role.COMMUNITY_MEMBER,
    Role.PROFESSIONAL,
    Role.FACILITATOR,
    Role.CO_FACILITATOR,
)


# Room left for the window's title bar and frame when growing to the screen's height.
_WINDOW_FRAME = 48


class PersonDialog(QDialog):
    """A form for one person on a case; store-free, so it can be driven in tests."""

    def __init__(
        self,
        parent: QWidget | None,
        setting: Setting,
        wording: RoleWording,
        person: Person | None,
        others: list[Person],
        *,
        today: date,
        case_id: str = "",
    ) -> None:
        super().__init__(parent)
        self._original = person
        self._case_id = person.case_id if person else case_id
        self._today = today
        self._result: Person | None = None
        editing = person is not None and bool(person.id)
        self.setWindowTitle("Edit person" if editing else "Add a person")

        self.role = ValueComboBox(
            [(wording.role_label(r, setting), r) for r in _ROLES], "Role in the case"
        )
        self.name = QLineEdit()
        self.name.setAccessibleName("Full name")
        self.preferred_name = QLineEdit()
        self.preferred_name.setAccessibleName("Preferred name")
        self.preferred_name.setPlaceholderText("The name they like to be called")
        self.pronouns = QLineEdit()
        self.pronouns.setAccessibleName("Pronouns")
        self.pronouns.setPlaceholderText("For example she/her, they/them")
        self.child = QRadioButton("&Child or young person")
        self.adult = QRadioButton("Adul&t")
        self.child.setAccessibleName("Child or young person")
        self.adult.setAccessibleName("Adult")
        self._age_group = QButtonGroup(self)
        self._age_group.addButton(self.child)
        self._age_group.addButton(self.adult)
        self.date_of_birth = OptionalDateEdit("Date of birth")
        self.date_of_birth.set_fallback(date(today.year - 12, today.month, 1))
        self.age_band = ValueComboBox[AgeBand | None](
            [("Not given", None), *((band.label, band) for band in AgeBand)], "Age band"
        )
        candidates = [p for p in others if person is None or p.id != person.id]
        self.supports = ValueComboBox[str | None](
            [("Choose who they support", None), *((p.called, p.id) for p in candidates)],
            "Who they support",
        )
        self.relationship = _text_box("Relationship to what happened", 3)
        self.contact_details = _text_box("Contact details", 3)
        self.communication_needs = _text_box("Communication and access needs", 3)
        self.interpreter_language = QLineEdit()
        self.interpreter_language.setAccessibleName("Interpreter language")
        self.interpreter_language.setPlaceholderText("Leave empty if no interpreter is needed")

        self.messages = FormMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.messages.add_row(form, "&Role", "role", self.role)
        self.messages.add_row(form, "&Name", "name", self.name)
        self.messages.add_row(form, "&Preferred name", "preferred_name", self.preferred_name)
        self.messages.add_row(form, "Pron&ouns", "pronouns", self.pronouns)
        ages = QWidget()
        ages_layout = QHBoxLayout(ages)
        ages_layout.setContentsMargins(0, 0, 0, 0)
        ages_layout.addWidget(self.child)
        ages_layout.addWidget(self.adult)
        ages_layout.addStretch(1)
        form.addRow("Child or adult", ages)
        self.messages.add_row(form, "Date of &birth", "date_of_birth", self.date_of_birth)
        self.messages.add_row(form, "Age b&and", "age_band", self.age_band)
        self._supports_label = self.messages.add_row(
            form, "Who they &support", "supports_person_id", self.supports
        )
        self.messages.add_row(
            form, "Relationship to &what happened", "relationship", self.relationship
        )
        self.messages.add_row(form, "Contact detai&ls", "contact_details", self.contact_details)
        self.messages.add_row(
            form,
            "Communication and access n&eeds",
            "communication_needs",
            self.communication_needs,
        )
        self.messages.add_row(
            form, "&Interpreter language", "interpreter_language", self.interpreter_language
        )
        self._form = form
        self.monitoring = MonitoringFields()
        self.monitoring.add_to(form)

        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.addWidget(self.messages.general)
        fields_layout.addLayout(form)
        fields_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(fields)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Save person" if editing else "Add person")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self._layout, self._scroll, self._fields, self._buttons = layout, scroll, fields, buttons

        self.role.currentIndexChanged.connect(self._on_role_current_index_changed)
        self.child.toggled.connect(self._on_child_toggled)
        self.monitoring.shown_changed.connect(self._on_monitoring_shown_changed)
        self._load(person)
        self._on_child_toggled(self.child.isChecked())
        self.resize(560, self._fitting_height(540))
        self.name.setFocus()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        setting: Setting,
        wording: RoleWording,
        person: Person | None,
        others: list[Person],
        *,
        today: date | None = None,
        case_id: str = "",
        problem: Problem | None = None,
    ) -> Person | None:
        """Show the dialog; the person as filled in, or None if the user cancelled.

        `problem` (from a save that failed) is shown beside its field when the dialog opens.
        """
        dialog = cls(
            parent, setting, wording, person, others, today=today or date.today(), case_id=case_id
        )
        if problem is not None:
            dialog.messages.show([problem])
        dialog.exec()
        return dialog.result_person()

    def result_person(self) -> Person | None:
        """The accepted person, or None if the dialog was cancelled or never accepted."""
        return self._result

    def person(self) -> Person:
        """The person as the form stands now (not yet checked)."""
        base = self._original or Person(case_id=self._case_id, role=Role.PERSON_HARMED, name="")
        role = self.role.value()
        return replace(
            base,
            role=role,
            name=self.name.text().strip(),
            preferred_name=self.preferred_name.text().strip(),
            pronouns=self.pronouns.text().strip(),
            is_child=self.child.isChecked(),
            date_of_birth=self.date_of_birth.value(),
            age_band=self.age_band.value(),
            supports_person_id=self.supports.value() if role is Role.SUPPORTER else None,
            relationship=self.relationship.toPlainText().strip(),
            contact_details=self.contact_details.toPlainText().strip(),
            communication_needs=self.communication_needs.toPlainText().strip(),
            interpreter_language=self.interpreter_language.text().strip(),
            **vars(self.monitoring.answers()),
        )

    def accept(self) -> None:
        """Check the form; close only when there is nothing to fix."""
        person = self.person()
        problems = person_problems(person, self._today)
        if problems:
            self.messages.show(problems)
            return
        self._result = person
        super().accept()

    def asks_who_they_support(self) -> bool:
        """Whether the "who they support" row is shown (only for supporters)."""
        return self._form.isRowVisible(self._supports_label)

    def _load(self, person: Person | None) -> None:
        if person is None:
            self.child.setChecked(True)
            self._on_role_current_index_changed()
            return
        self.monitoring.set_answers(
            Answers(person.ethnicity, person.gender, person.send, person.care_status)
        )
        self.role.set_value(person.role)
        self.name.setText(person.name)
        self.preferred_name.setText(person.preferred_name)
        self.pronouns.setText(person.pronouns)
        (self.child if person.is_child else self.adult).setChecked(True)
        self.date_of_birth.set_value(person.date_of_birth)
        self.age_band.set_value(person.age_band)
        self.supports.set_value(person.supports_person_id)
        self.relationship.setPlainText(person.relationship)
        self.contact_details.setPlainText(person.contact_details)
        self.communication_needs.setPlainText(person.communication_needs)
        self.interpreter_language.setText(person.interpreter_language)
        self._on_role_current_index_changed()

    def _on_role_current_index_changed(self, _index: int = 0) -> None:
        is_supporter = self.role.value() is Role.SUPPORTER
        self._form.setRowVisible(self._supports_label, is_supporter)

    def _on_child_toggled(self, child: bool) -> None:
        self.monitoring.set_child(child)

    def _on_monitoring_shown_changed(self, shown: bool) -> None:
        if shown:  # grow to show the answers where the screen allows; scroll to them otherwise
            self.resize(self.width(), self._fitting_height(self.height()))
            self._scroll.ensureWidgetVisible(self.monitoring.care_status)

    def _fitting_height(self, at_least: int) -> int:
        """A height showing every field without scrolling, as far as the screen allows."""
        margins = self._layout.contentsMargins()
        wanted = (
            self._fields.sizeHint().height() + self._buttons.sizeHint().height()
            + self._layout.spacing() + margins.top() + margins.bottom()
        )
        room = self.screen().availableGeometry().height() - _WINDOW_FRAME
        return max(min(wanted, room), min(at_least, room))


def _text_box(accessible_name: str, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(accessible_name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box
