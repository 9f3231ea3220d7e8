"""One risk question in the assessment form, and the safeguarding prompt that goes with a
safeguarding concern."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.preparation.catalogue import RiskItem
from restorative_desk.preparation.records import Finding, RiskFinding

from .safety_parts import heading, note_edit, wrapped
from .widgets import FieldMessage, from_qdate, make_date_edit, to_qdate

SAFEGUARDING_TEXT = (
    "Follow your local safeguarding procedure now. This record does not replace it."
)
MITIGATION_LABEL = "What has been agreed to reduce it"
KIND_COLUMNS = 2


class SafeguardingBox(QFrame):
    """The prompt to follow the local procedure, and when it was followed and who was told."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(
            QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.AlternateBase)
        )
        self.setPalette(palette)
        self.setAccessibleName("Safeguarding")
        self.prompt = heading(f"⚠  {SAFEGUARDING_TEXT}")
        self.followed = QCheckBox("Procedure &followed on")
        self.followed_on = make_date_edit(today, "Date the safeguarding procedure was followed")
        self.followed_on.setMaximumDate(to_qdate(today))
        self.followed_on.setEnabled(False)
        self.followed_message = FieldMessage()
        self.note = note_edit(
            "Who was informed", "Who was informed, and anything agreed with them", lines=2
        )
        note_label = QLabel("Who was &informed")
        note_label.setBuddy(self.note)
        self.note_message = FieldMessage()
        when = QHBoxLayout()
        when.addWidget(self.followed)
        when.addWidget(self.followed_on)
        when.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.prompt)
        layout.addLayout(when)
        layout.addWidget(self.followed_message)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        layout.addWidget(self.note_message)
        self.followed.toggled.connect(self._on_followed_toggled)
        self.followed_on.dateChanged.connect(self._on_followed_on_date_changed)
        self.note.textChanged.connect(self.changed)

    def followed_date(self) -> date | None:
        """When the procedure was followed, or None when that is not recorded."""
        return from_qdate(self.followed_on.date()) if self.followed.isChecked() else None

    def note_text(self) -> str:
        return self.note.toPlainText().strip()

    def set_values(self, followed_on: date | None, note: str) -> None:
        """Show what an assessment recorded."""
        self.followed.setChecked(followed_on is not None)
        if followed_on is not None:
            self.followed_on.setDate(to_qdate(followed_on))
        self.note.setPlainText(note)

    def _on_followed_toggled(self, checked: bool) -> None:
        self.followed_on.setEnabled(checked)
        self.changed.emit()

    def _on_followed_on_date_changed(self, _value: QDate) -> None:
        self.changed.emit()


class RiskItemCard(QFrame):
    """One risk question: the answer, a note, the agreed mitigation for a concern, and kinds."""

    changed = Signal()

    def __init__(self, item: RiskItem, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(item.label)
        title = heading(item.label)
        prompt = wrapped(item.prompt)

        self.answers = QButtonGroup(self)
        self.answer_buttons: dict[Finding, QRadioButton] = {}
        answers = QHBoxLayout()
        answers.setSpacing(18)
        for finding in Finding:
            button = QRadioButton(finding.label)
            button.setAccessibleName(f"{item.label}: {finding.label}")
            self.answers.addButton(button)
            self.answer_buttons[finding] = button
            answers.addWidget(button)
        self.not_answered = QLabel("(not answered yet)")
        self.not_answered.setAccessibleName(f"{item.label}: not answered yet")
        answers.addWidget(self.not_answered)
        answers.addStretch(1)

        self.kind_boxes: dict[str, QCheckBox] = {}
        kinds = QGridLayout()
        kinds.setContentsMargins(0, 0, 0, 0)
        for index, kind in enumerate(item.kinds):
            box = QCheckBox(kind)
            box.setAccessibleName(f"{item.label}: {kind}")
            self.kind_boxes[kind] = box
            kinds.addWidget(box, index // KIND_COLUMNS, index % KIND_COLUMNS)
            box.toggled.connect(self.changed)

        self.note = note_edit(f"{item.label}: note", "What you know so far", lines=2)
        self.mitigation = note_edit(
            f"{item.label}: {MITIGATION_LABEL.lower()}", "Only needed for a concern", lines=2
        )
        note_label = QLabel("Note")
        note_label.setBuddy(self.note)
        self.mitigation_label = QLabel(MITIGATION_LABEL)
        self.mitigation_label.setBuddy(self.mitigation)
        notes = QGridLayout()
        notes.setContentsMargins(0, 0, 0, 0)
        notes.setHorizontalSpacing(12)
        notes.addWidget(note_label, 0, 0)
        notes.addWidget(self.mitigation_label, 0, 1)
        notes.addWidget(self.note, 1, 0)
        notes.addWidget(self.mitigation, 1, 1)
        notes.setColumnStretch(0, 1)
        notes.setColumnStretch(1, 1)
        self.message = FieldMessage()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addWidget(prompt)
        layout.addLayout(answers)
        if item.kinds:
            kinds_label = QLabel("Which of these (tick any that apply):")
            layout.addWidget(kinds_label)
            layout.addLayout(kinds)
        layout.addLayout(notes)
        layout.addWidget(self.message)
        self.safeguarding: SafeguardingBox | None = None
        if item.safeguarding:
            self.safeguarding = SafeguardingBox(today)
            layout.addWidget(self.safeguarding)
            self.safeguarding.changed.connect(self.changed)
        self.setFocusProxy(self.answer_buttons[Finding.NO_CONCERN])

        self.answers.buttonToggled.connect(self._on_answers_button_toggled)
        self.note.textChanged.connect(self.changed)
        self.mitigation.textChanged.connect(self.changed)
        self._update_enabled()

    def answer(self) -> Finding | None:
        """The answer chosen, or None while the question is not answered."""
        return next((f for f, b in self.answer_buttons.items() if b.isChecked()), None)

    def finding(self) -> RiskFinding | None:
        """The finding as the card stands, or None while the question is not answered.

        A mitigation belongs only to a concern and kinds only to a concern or an unknown; what
        was typed stays in the card (greyed) in case the answer changes back.
        """
        answer = self.answer()
        if answer is None:
            return None
        kinds = tuple(k for k, box in self.kind_boxes.items() if box.isChecked())
        return RiskFinding(
            item=self.item.key,
            finding=answer,
            note=self.note.toPlainText().strip(),
            mitigation=self.mitigation.toPlainText().strip() if answer is Finding.CONCERN else "",
            kinds=kinds if answer is not Finding.NO_CONCERN else (),
        )

    def set_finding(self, finding: RiskFinding | None) -> None:
        """Show a recorded finding (or an unanswered question)."""
        self.answers.setExclusive(False)
        for answer, button in self.answer_buttons.items():
            button.setChecked(finding is not None and finding.finding is answer)
        self.answers.setExclusive(True)
        self.note.setPlainText(finding.note if finding else "")
        self.mitigation.setPlainText(finding.mitigation if finding else "")
        for kind, box in self.kind_boxes.items():
            box.setChecked(finding is not None and kind in finding.kinds)
        self._update_enabled()

    def shows_safeguarding(self) -> bool:
        """Whether the safeguarding prompt is showing (a safeguarding concern is recorded)."""
        return self.safeguarding is not None and self.answer() is Finding.CONCERN

    def _update_enabled(self) -> None:
        answer = self.answer()
        concern = answer is Finding.CONCERN
        self.mitigation.setEnabled(concern)
        self.mitigation_label.setEnabled(concern)
        self.mitigation.setPlaceholderText(
            "What everyone has agreed will make it safer" if concern
            else "Only needed for a concern"
        )
        for box in self.kind_boxes.values():
            box.setEnabled(answer in (Finding.CONCERN, Finding.NOT_KNOWN))
        self.not_answered.setVisible(answer is None)
        if self.safeguarding is not None:
            self.safeguarding.setVisible(concern)

    def _on_answers_button_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._update_enabled()
            self.changed.emit()
