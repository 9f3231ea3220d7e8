"""A facilitator's or staff member's short reflection after a conference."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from restorative_desk.feedback.records import StaffReflection
from restorative_desk.records import Case
from restorative_desk.store import Store

from .asking import saved_or_shown
from .dialog_parts import comfortable_width, dialog_buttons, text_box, wrapped
from .feedback_parts import IMPACT_LABELS, PREPARED_LABELS, score_row
from .widgets import FormMessages, from_qdate, make_date_edit, to_qdate

WHY = ("A few minutes to look back. It helps the team learn, and shows where support is "
       "needed: saying “this was hard” is part of the work.")


class StaffReflectionDialog(QDialog):
    """Who is reflecting, how prepared everyone was, the impact on their practice, what went
    well, what they would do differently, and whether they would like support."""

    def __init__(
        self, parent: QWidget | None, store: Store, case: Case,
        reflection: StaffReflection | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._case = case
        self._editing = reflection
        self._result: StaffReflection | None = None
        self.setWindowTitle(
            f"{'Change the' if reflection else 'Staff'} reflection for {case.reference}"
        )
        self.by_whom = QLineEdit(store.actor)
        self.by_whom.setAccessibleName("Who is reflecting")
        self.by_whom.setPlaceholderText("A name or initials")
        self.given_on = make_date_edit(store.today(), "The day of the reflection")
        self.prepared = score_row("How well prepared everyone was", PREPARED_LABELS)
        self.impact = score_row("Impact on your own practice", IMPACT_LABELS)
        self.went_well = text_box("What went well", "What helped, what worked", 3)
        self.do_differently = text_box("What you would do differently",
                                       "Next time I would…", 3)
        self.support_needed = QCheckBox("I would like to talk this one &through "
                                        "(supervision or a reflective space)")
        self.messages = FormMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setVerticalSpacing(10)
        add = self.messages.add_row
        add(form, "&Who", "by_whom", self.by_whom)
        add(form, "&Date", "given_on", self.given_on)
        add(form, "Everyone &prepared", "prepared", self.prepared)
        add(form, "&Impact on your\npractice", "impact", self.impact)
        add(form, "What went we&ll", "went_well", self.went_well)
        add(form, "What you would\ndo diff&erently", "do_differently", self.do_differently)
        add(form, "Support", "support_needed", self.support_needed)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(WHY))
        layout.addSpacing(6)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addWidget(dialog_buttons(self, "Save reflection"))
        if reflection is not None:
            self._fill(reflection)
        self.resize(max(980, comfortable_width(self, 140)), self.sizeHint().height())
        self.prepared.setFocus()

    @classmethod
    def ask(
        cls, parent: QWidget | None, store: Store, case: Case,
        reflection: StaffReflection | None = None,
    ) -> StaffReflection | None:
        """The reflection as saved, or None when cancelled."""
        dialog = cls(parent, store, case, reflection)
        dialog.exec()
        return dialog.result_reflection()

    def result_reflection(self) -> StaffReflection | None:
        return self._result

    def reflection(self) -> StaffReflection:
        """The reflection as the form stands."""
        record = StaffReflection(
            case_id=self._case.id,
            given_on=from_qdate(self.given_on.date()),
            by_whom=self.by_whom.text().strip(),
            prepared=self.prepared.value(),
            impact=self.impact.value(),
            went_well=self.went_well.toPlainText().strip(),
            do_differently=self.do_differently.toPlainText().strip(),
            support_needed=self.support_needed.isChecked(),
        )
        return replace(record, id=self._editing.id) if self._editing is not None else record

    def accept(self) -> None:
        record = self.reflection()
        save = (self._store.update_staff_reflection if self._editing is not None
                else self._store.add_staff_reflection)
        self._result = saved_or_shown(self.messages, lambda: save(record),
                                      "The reflection was not saved.")
        if self._result is not None:
            super().accept()

    def _fill(self, reflection: StaffReflection) -> None:
        self.by_whom.setText(reflection.by_whom)
        self.given_on.setDate(to_qdate(reflection.given_on))
        self.prepared.set_value(reflection.prepared)
        self.impact.set_value(reflection.impact)
        self.went_well.setPlainText(reflection.went_well)
        self.do_differently.setPlainText(reflection.do_differently)
        self.support_needed.setChecked(reflection.support_needed)
