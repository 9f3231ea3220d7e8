"""Entering a participant's feedback: from a paper form they filled in, or with them.

Quick by keyboard: Tab moves from question to question, arrow keys along a row, and a key
answers straight away (1 to 5 for satisfaction; Y, S or N for yes, not sure or no)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.feedback.checks import STAFF_ROLES
from restorative_desk.feedback.records import Answer, FeedbackMethod, ParticipantFeedback
from restorative_desk.records import Case, Person, Role
from restorative_desk.store import Store
from restorative_desk.wording import RoleWording

from .asking import saved_or_shown
from .dialog_parts import comfortable_width, dialog_buttons, text_box, wrapped
from .feedback_parts import (
    PARTICIPANT_QUESTIONS,
    SATISFACTION_LABELS,
    RadioRow,
    answer_row,
    score_row,
)
from .widgets import FormMessages, ValueComboBox, from_qdate, make_date_edit, to_qdate

NOT_NAMED = "Someone not named (only their role)"
KEYS_HINT = ("Tab moves from question to question; arrow keys move along a row. Keys answer "
             "too: 1 to 5 for how satisfied, and Y, S or N for yes, not sure or no.")
PARTICIPANT_ROLES = tuple(role for role in Role if role not in STAFF_ROLES)


class FeedbackDialog(QDialog):
    """One participant's feedback: who, when, how it came, the answers and a comment."""

    def __init__(
        self, parent: QWidget | None, store: Store, wording: RoleWording, case: Case,
        feedback: ParticipantFeedback | None = None, *, came: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._case = case
        self._editing = feedback
        self._result: ParticipantFeedback | None = None
        self._people = {p.id: p for p in store.people(case.id) if p.role not in STAFF_ROLES}
        self.setWindowTitle(
            f"{'Change' if feedback else 'Enter'} feedback for {case.reference}"
        )
        role_words = {role: wording.role_label(role, case.setting) for role in Role}
        # People who came first: they are the ones asked.
        ordered = sorted(self._people.values(), key=lambda p: p.id not in came)
        self.who = ValueComboBox[str](
            [*((_person_text(p, role_words, p.id in came), p.id) for p in ordered),
             (NOT_NAMED, "")],
            "Whose feedback",
        )
        self.role = ValueComboBox[Role](
            [(role_words[role], role) for role in PARTICIPANT_ROLES], "Their role"
        )
        self.given_on = make_date_edit(store.today(), "The day it was given")
        self.method_group = QButtonGroup(self)
        self.paper = QRadioButton("On a &paper form")
        self.with_them = QRadioButton("Entered w&ith them")
        method = QWidget()
        method.setAccessibleName("How it was given")
        method_layout = QHBoxLayout(method)
        method_layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.paper, self.with_them):
            self.method_group.addButton(button)
            method_layout.addWidget(button)
        method_layout.addStretch(1)
        method.setFocusProxy(self.paper)
        self.paper.setChecked(True)
        self.satisfaction = score_row("Overall satisfaction", SATISFACTION_LABELS)
        self.answers: dict[str, RadioRow[Answer]] = {
            field: answer_row(label.replace("&", "")) for field, label in PARTICIPANT_QUESTIONS
        }
        self.comment = text_box("Comment", "In their own words, as they wrote or said it", 3)

        self.messages = FormMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setVerticalSpacing(10)
        add = self.messages.add_row
        add(form, "&Who", "person_id", self.who)
        add(form, "&Role", "role", self.role)
        add(form, "&Date given", "given_on", self.given_on)
        add(form, "How", "method", method)
        add(form, "&Satisfaction", "satisfaction", self.satisfaction)
        for field, label in PARTICIPANT_QUESTIONS:
            add(form, label, field, self.answers[field])
        add(form, "Co&mment", "comment", self.comment)
        hint = wrapped(KEYS_HINT)

        layout = QVBoxLayout(self)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(dialog_buttons(self, "Save feedback"))
        self.who.currentIndexChanged.connect(self._on_who_current_index_changed)
        if feedback is not None:
            self._fill(feedback)
        self._on_who_current_index_changed(self.who.currentIndex())
        self.resize(max(980, comfortable_width(self, 140)), self.sizeHint().height())
        self.who.setFocus()

    @classmethod
    def ask(
        cls, parent: QWidget | None, store: Store, wording: RoleWording, case: Case,
        feedback: ParticipantFeedback | None = None, *, came: frozenset[str] = frozenset(),
    ) -> ParticipantFeedback | None:
        """The feedback as saved, or None when cancelled."""
        dialog = cls(parent, store, wording, case, feedback, came=came)
        dialog.exec()
        return dialog.result_feedback()

    def result_feedback(self) -> ParticipantFeedback | None:
        return self._result

    def feedback(self) -> ParticipantFeedback:
        """The feedback as the form stands."""
        person_id = self.who.value() or None
        person = self._people.get(person_id or "")
        answers = {field: row.value() for field, row in self.answers.items()}
        record = ParticipantFeedback(
            case_id=self._case.id,
            role=person.role if person is not None else self.role.value(),
            given_on=from_qdate(self.given_on.date()),
            method=FeedbackMethod.PAPER if self.paper.isChecked() else FeedbackMethod.WITH_THEM,
            person_id=person_id,
            satisfaction=self.satisfaction.value(),
            comment=self.comment.toPlainText().strip(),
            **answers,  # type: ignore[arg-type]  # the five Answer | None fields
        )
        if self._editing is not None:
            record = replace(record, id=self._editing.id)
        return record

    def accept(self) -> None:
        record = self.feedback()
        save = (self._store.update_participant_feedback if self._editing is not None
                else self._store.add_participant_feedback)
        self._result = saved_or_shown(self.messages, lambda: save(record),
                                      "The feedback was not saved.")
        if self._result is not None:
            super().accept()

    def _fill(self, feedback: ParticipantFeedback) -> None:
        self.who.set_value(feedback.person_id or "")
        self.role.set_value(feedback.role)
        self.given_on.setDate(to_qdate(feedback.given_on))
        (self.paper if feedback.method is FeedbackMethod.PAPER else self.with_them).setChecked(
            True)
        self.satisfaction.set_value(feedback.satisfaction)
        for field, row in self.answers.items():
            row.set_value(getattr(feedback, field))
        self.comment.setPlainText(feedback.comment)

    def _on_who_current_index_changed(self, _index: int) -> None:
        person = self._people.get(self.who.value() or "")
        if person is not None:
            self.role.set_value(person.role)
        self.role.setEnabled(person is None)  # a named person's role is their role on the case


def _person_text(person: Person, role_words: dict[Role, str], came: bool) -> str:
    text = f"{person.called} ({role_words[person.role]})"
    return text if came else f"{text}, not marked as coming"

