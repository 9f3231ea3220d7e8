"""What the feedback dialogs share: a row of labelled radio buttons (arrow keys move along it,
and a key answers straight away: 1 to 5 on a scale, Y, S or N on a yes / not sure / no row) and
the words for one piece of feedback in a list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QWidget

from restorative_desk.feedback.records import (
    SATISFACTION_SCALE,
    Answer,
    ParticipantFeedback,
    PartnerFeedback,
    StaffReflection,
)
from restorative_desk.feedback.summary import (
    answer_words,
    impact_words,
    prepared_words,
    satisfaction_words,
)
from restorative_desk.formatting import format_date

T = TypeVar("T")

NOT_ANSWERED = "Not answered"
SATISFACTION_LABELS = ("Not at all\nsatisfied", "Not very\nsatisfied", "In between",
                       "Satisfied", "Very\nsatisfied")
PREPARED_LABELS = ("Not\nprepared", "A little", "Partly", "Well\nprepared", "Very well\nprepared")
IMPACT_LABELS = ("None", "Low", "Some", "High", "Very high")
# The yes / not sure / no questions a participant is asked, with their record fields.
PARTICIPANT_QUESTIONS = (
    ("felt_safe", "Felt sa&fe"),
    ("felt_heard", "Felt &heard"),
    ("understood_next", "&Understood what would happen next"),
    ("real_choice", "Had a real &choice about taking part"),
    ("would_recommend", "Would rec&ommend it"),
)


class RadioRow(QWidget, Generic[T]):
    """One answer from a row of radio buttons, "Not answered" first (so a question may be left
    out). Arrow keys move along the row; a key given for a choice picks it from anywhere in it."""

    changed = Signal()

    def __init__(
        self, accessible_name: str, choices: Sequence[tuple[str, T, str]],
        parent: QWidget | None = None,
    ) -> None:
        """`choices` are (words on the button, value, the key that picks it)."""
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.group = QButtonGroup(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        self._values: list[T | None] = [None]
        self._keys: dict[str, int] = {"0": 0}
        self.buttons: list[QRadioButton] = []
        for index, (text, value, key) in enumerate(
            [(NOT_ANSWERED, None, "0"), *choices]
        ):
            button = QRadioButton(text)
            button.setAccessibleName(f"{accessible_name}: {text.replace(chr(10), ' ')}")
            button.installEventFilter(self)
            self.group.addButton(button, index)
            layout.addWidget(button)
            self.buttons.append(button)
            if index:
                self._values.append(value)
                self._keys[key.lower()] = index
        layout.addStretch(1)
        self.buttons[0].setChecked(True)
        self.setFocusProxy(self.buttons[0])
        self.group.idToggled.connect(self._on_group_id_toggled)

    def value(self) -> T | None:
        """The answer chosen, or None for "Not answered"."""
        return self._values[max(self.group.checkedId(), 0)]

    def set_value(self, value: T | None) -> None:
        """Choose the button for `value` (None: "Not answered")."""
        index = self._values.index(value) if value in self._values else 0
        self.buttons[index].setChecked(True)
        self.setFocusProxy(self.buttons[index])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            index = self._keys.get(event.text().lower())
            if index is not None and modifiers == Qt.KeyboardModifier.NoModifier:
                self.buttons[index].setChecked(True)
                self.buttons[index].setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    def _on_group_id_toggled(self, index: int, checked: bool) -> None:
        if checked:
            self.setFocusProxy(self.buttons[index])  # Tab comes back to the answer given
            self.changed.emit()


def score_row(name: str, labels: Sequence[str]) -> RadioRow[int]:
    """A 1 to 5 row, each button its number and words; keys 1 to 5 answer."""
    return RadioRow(name, [(f"{n}  {label}", n, str(n))
                           for n, label in zip(SATISFACTION_SCALE, labels, strict=True)])


def answer_row(name: str) -> RadioRow[Answer]:
    """A Yes / Not sure / No row; keys Y, S and N answer."""
    return RadioRow(name, [(Answer.YES.label, Answer.YES, "y"),
                           (Answer.NOT_SURE.label, Answer.NOT_SURE, "s"),
                           (Answer.NO.label, Answer.NO, "n")])


# -- words for the lists ----------------------------------------------------------------------


def participant_entry(feedback: ParticipantFeedback, who: str) -> tuple[str, str]:
    """A participant's feedback as a list entry: (heading, the answers and comment)."""
    heading = " · ".join([format_date(feedback.given_on), who, feedback.method.label.lower()])
    answers = [f"Satisfaction: {satisfaction_words(feedback.satisfaction)}"]
    for field, label in PARTICIPANT_QUESTIONS:
        answer: Answer | None = getattr(feedback, field)
        if answer is not None:
            answers.append(f"{label.replace('&', '')}: {answer_words(answer)}")
    lines = [" · ".join(answers)]
    if feedback.comment:
        lines.append(f"“{feedback.comment}”")
    return heading, "\n".join(lines)


def reflection_entry(reflection: StaffReflection) -> tuple[str, str]:
    """A staff reflection as a list entry."""
    heading = " · ".join([format_date(reflection.given_on),
                          f"Staff reflection by {reflection.by_whom}"])
    parts = [f"Everyone prepared: {prepared_words(reflection.prepared)}",
             f"Impact on practice: {impact_words(reflection.impact)}"]
    if reflection.support_needed:
        parts.append("Would like support")
    lines = [" · ".join(parts)]
    if reflection.went_well:
        lines.append(f"Went well: {reflection.went_well}")
    if reflection.do_differently:
        lines.append(f"Do differently: {reflection.do_differently}")
    return heading, "\n".join(lines)


def partner_entry(feedback: PartnerFeedback, about: str = "") -> tuple[str, str]:
    """A partner agency's feedback as a list entry (`about`: the case it is about, if shown)."""
    agency = feedback.agency.label
    if feedback.organisation:
        agency = f"{agency} ({feedback.organisation})"
    heading_parts = [format_date(feedback.given_on), f"Partner agency: {agency}"]
    if about:
        heading_parts.append(about)
    parts = [f"Satisfaction: {satisfaction_words(feedback.satisfaction)}"]
    if feedback.kept_informed is not None:
        parts.append(f"Kept informed: {answer_words(feedback.kept_informed)}")
    if feedback.would_refer_again is not None:
        parts.append(f"Would refer again: {answer_words(feedback.would_refer_again)}")
    lines = [" · ".join(parts)]
    if feedback.comment:
        lines.append(f"“{feedback.comment}”")
    return " · ".join(heading_parts), "\n".join(lines)
