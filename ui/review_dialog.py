"""Reviewing an agreement in force (how each action stands, who was there, when next) and closing
it with its outcome (and, if wanted, the case)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.agreements.records import (
    OUTCOMES,
    ActionResult,
    ActionReview,
    Agreement,
    AgreementAction,
    AgreementStatus,
    Review,
)
from restorative_desk.formatting import format_date
from restorative_desk.store import Store

from .agreement_parts import action_heading
from .asking import saved_or_shown
from .dialog_parts import comfortable_width, dialog_buttons, radio_buttons, text_box, wrapped
from .widgets import FormMessages, OptionalDateEdit, from_qdate, make_date_edit

NOT_LOOKED_AT = "Not looked at"
_MARKS = {
    ActionResult.DONE: "✓",
    ActionResult.PARTLY_DONE: "◐",
    ActionResult.NOT_DONE: "✗",
    ActionResult.CHANGED: "↻",
}


def review_heading(review: Review) -> str:
    """"Review on 3 Dec 2026 · next 17 Dec 2026 · by Jo"."""
    parts = [f"Review on {format_date(review.held_on)}"]
    if review.next_review:
        parts.append(f"next review {format_date(review.next_review)}")
    if review.recorded_by:
        parts.append(f"recorded by {review.recorded_by}")
    return " · ".join(parts)


def review_note(review: Review, actions: Mapping[str, tuple[int, AgreementAction]]) -> str:
    """Who was there, each action's result (a mark and the words) and the notes."""
    lines = [f"Who was there: {review.present}"] if review.present else []
    for result in review.results:
        number, action = actions.get(result.action_id, (0, AgreementAction(what="An action")))
        line = f"{_MARKS[result.result]} {result.result.label}: {number}. {action.what}"
        lines.append(f"{line} ({result.note})" if result.note else line)
    if review.notes:
        lines.append(review.notes)
    return "\n".join(lines)


class ReviewDialog(QDialog):
    """Record a review: the day, who was there, how each action stands and the next date."""

    def __init__(self, parent: QWidget | None, store: Store, agreement: Agreement) -> None:
        super().__init__(parent)
        self._store = store
        self._agreement = agreement
        self._result: Review | None = None
        today = store.today()
        self.setWindowTitle(f"Review of version {agreement.version}")
        self.held_on = make_date_edit(today, "The day of the review")
        self.present = QLineEdit()
        self.present.setAccessibleName("Who was there")
        self.present.setPlaceholderText("For example: Luke, his dad, Ms Patel")
        self.next_review = OptionalDateEdit("Next review", none_text="No further review")
        self.next_review.set_fallback(today)
        self.notes = text_box("Notes", "How it is going, in plain words", 2)
        self.messages = FormMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.messages.add_row(form, "&Held on", "held_on", self.held_on)
        self.messages.add_row(form, "&Who was there", "present", self.present)

        grid = QGridLayout()
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 2)
        self.results: dict[str, QComboBox] = {}
        self.result_notes: dict[str, QLineEdit] = {}
        for row, action in enumerate(agreement.actions):
            label = wrapped(action_heading(row + 1, action))
            result = QComboBox()
            result.setAccessibleName(f"How action {row + 1} stands")
            result.addItem(NOT_LOOKED_AT, None)
            for choice in ActionResult:
                result.addItem(f"{_MARKS[choice]} {choice.label}", choice)
            label.setBuddy(result)
            note = QLineEdit()
            note.setAccessibleName(f"A note on action {row + 1}")
            note.setPlaceholderText("A note (optional)")
            self.results[action.id] = result
            self.result_notes[action.id] = note
            grid.addWidget(label, row, 0)
            grid.addWidget(result, row, 1)
            grid.addWidget(note, row, 2)
        self.results_message = self.messages.general
        after = QFormLayout()
        after.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.messages.add_row(after, "N&otes", "notes", self.notes)
        self.messages.add_row(after, "&Next review", "next_review", self.next_review)

        layout = QVBoxLayout(self)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addWidget(QLabel("How each action stands"))
        layout.addLayout(grid)
        layout.addLayout(after)
        layout.addWidget(dialog_buttons(self, "Record the review"))
        self.resize(max(760, comfortable_width(self, 110)), self.sizeHint().height())
        self.present.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, store: Store, agreement: Agreement) -> Review | None:
        """The review as recorded, or None when cancelled."""
        dialog = cls(parent, store, agreement)
        dialog.exec()
        return dialog.result_review()

    def result_review(self) -> Review | None:
        return self._result

    def set_result(self, action_id: str, result: ActionResult, note: str = "") -> None:
        """Say how one action stands."""
        box = self.results[action_id]
        box.setCurrentIndex(box.findData(result))
        self.result_notes[action_id].setText(note)

    def review(self) -> Review:
        """The review as the form stands."""
        results = tuple(
            ActionReview(action_id, box.currentData(),
                         self.result_notes[action_id].text().strip())
            for action_id, box in self.results.items() if box.currentData() is not None
        )
        return Review(
            agreement_id=self._agreement.id,
            held_on=from_qdate(self.held_on.date()),
            present=self.present.text().strip(),
            notes=self.notes.toPlainText().strip(),
            results=results,
            next_review=self.next_review.value(),
        )

    def accept(self) -> None:
        self._result = saved_or_shown(
            self.messages,
            lambda: self._store.record_review(self.review()),
            "The review was not recorded.",
        )
        if self._result is not None:
            super().accept()


class CloseDialog(QDialog):
    """Close the agreement with its outcome; optionally close the case too."""

    def __init__(self, parent: QWidget | None, store: Store, agreement: Agreement) -> None:
        super().__init__(parent)
        self._store = store
        self._agreement = agreement
        self._result: Agreement | None = None
        self.setWindowTitle("Close the agreement")
        self.group = QButtonGroup(self)
        outcome_box, self.outcome_buttons = radio_buttons(
            self.group, "Outcome",
            ["Com&pleted: everything was done", "Partly &completed",
             "&Not completed"],
        )
        self.outcome_buttons[0].setChecked(True)
        self.outcome_note = text_box(
            "What happened and what happens next",
            "Needed unless everything was done: what happened, and what happens next", 3)
        self.closed_on = make_date_edit(store.today(), "The day it closed")
        self.close_case = QCheckBox("Close the case too")
        self.closure_summary = text_box(
            "Closure summary", "A few plain lines on how the case ended", 3)
        self.messages = FormMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        add = self.messages.add_row
        add(form, "Outcome", "status", outcome_box)
        add(form, "What &happened\nand what next", "outcome_note", self.outcome_note)
        add(form, "Closed &on", "closed_on", self.closed_on)
        add(form, "", "close_case", self.close_case)
        add(form, "Closure &summary", "closure_summary", self.closure_summary)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(
            "Closing keeps the agreement and its reviews on record. Afterwards you can send a "
            "closure letter to the people who took part."
        ))
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addWidget(dialog_buttons(self, "Close the agreement"))
        self.close_case.toggled.connect(self._on_close_case_toggled)
        self._on_close_case_toggled(False)
        self.resize(max(620, comfortable_width(self, 90)), self.sizeHint().height())

    @classmethod
    def ask(cls, parent: QWidget | None, store: Store, agreement: Agreement) -> Agreement | None:
        """The closed agreement, or None when cancelled."""
        dialog = cls(parent, store, agreement)
        dialog.exec()
        return dialog.result_agreement()

    def result_agreement(self) -> Agreement | None:
        return self._result

    def outcome(self) -> AgreementStatus:
        checked = next(i for i, b in enumerate(self.outcome_buttons) if b.isChecked())
        return OUTCOMES[checked]

    def set_outcome(self, outcome: AgreementStatus) -> None:
        self.outcome_buttons[OUTCOMES.index(outcome)].setChecked(True)

    def accept(self) -> None:
        self._result = saved_or_shown(
            self.messages,
            lambda: self._store.close_agreement(
                self._agreement.id, self.outcome(),
                outcome_note=self.outcome_note.toPlainText().strip(),
                closed_on=from_qdate(self.closed_on.date()),
                closure_summary=self.closure_summary.toPlainText().strip(),
                close_case=self.close_case.isChecked(),
            ),
            "Not closed yet.",
        )
        if self._result is not None:
            super().accept()

    def _on_close_case_toggled(self, checked: bool) -> None:
        self.closure_summary.setEnabled(checked)
