"""Move a case to another stage, offering only the stages the rules allow."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.records import NotProceedingReason, Status
from restorative_desk.rules import Problem, allowed_transitions, move_problems

from .widgets import FormMessages, ValueComboBox

MoveChoice = tuple[Status, NotProceedingReason | None, str]


class MoveCaseDialog(QDialog):
    """Choose the next stage; a case that is not going ahead needs a reason."""

    def __init__(self, parent: QWidget | None, current: Status) -> None:
        super().__init__(parent)
        self.setWindowTitle("Move case")
        self._result: MoveChoice | None = None
        intro = QLabel(f"This case is at “{current.label}”. Where should it go next?")
        intro.setWordWrap(True)

        self.stage_buttons: dict[Status, QRadioButton] = {}
        self._stages = QButtonGroup(self)
        stages = QWidget()
        stages.setAccessibleName("Next stage")
        stages_layout = QVBoxLayout(stages)
        stages_layout.setContentsMargins(0, 0, 0, 0)
        for status in allowed_transitions(current):
            button = QRadioButton(status.label)
            button.setAccessibleName(status.label)
            self._stages.addButton(button)
            self.stage_buttons[status] = button
            stages_layout.addWidget(button)
            button.toggled.connect(self._on_stage_toggled)

        self.reason = ValueComboBox[NotProceedingReason | None](
            [("Choose a reason", None), *((r.label, r) for r in NotProceedingReason)],
            "Why it is not going ahead",
        )
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Note")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("Optional, except when the reason is “Other”")
        self.note.setMaximumHeight(self.note.fontMetrics().lineSpacing() * 6)

        self.messages = FormMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.messages.add_row(form, "Next &stage", "status", stages)
        self._reason_label = self.messages.add_row(form, "&Reason", "reason", self.reason)
        self.messages.add_row(form, "&Note", "note", self.note)
        self._form = form
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Move case")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)

        first = next(iter(self.stage_buttons.values()), None)
        if first is not None:
            first.setChecked(True)
            first.setFocus()
        self._on_stage_toggled()
        self.resize(460, 360)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        current: Status,
        *,
        draft: MoveChoice | None = None,
        problem: Problem | None = None,
    ) -> MoveChoice | None:
        """Show the dialog; (stage, reason, note) as chosen, or None if the user cancelled.

        `draft` and `problem` reopen the dialog as it was after a move the store refused.
        """
        dialog = cls(parent, current)
        if draft is not None:
            dialog.set_choice(draft)
        if problem is not None:
            dialog.messages.show([problem])
        dialog.exec()
        return dialog.result_choice()

    def result_choice(self) -> MoveChoice | None:
        """The accepted choice, or None if the dialog was cancelled or never accepted."""
        return self._result

    def choose(self, status: Status) -> None:
        """Select the stage `status` (it must be one of those offered)."""
        self.stage_buttons[status].setChecked(True)

    def set_choice(self, choice: MoveChoice) -> None:
        """Fill the form with an earlier choice."""
        status, reason, note = choice
        if status in self.stage_buttons:
            self.choose(status)
        self.reason.set_value(reason)
        self.note.setPlainText(note)

    def choice(self) -> MoveChoice | None:
        """The stage, reason and note as the form stands (None when no stage is chosen)."""
        status = next((s for s, b in self.stage_buttons.items() if b.isChecked()), None)
        if status is None:
            return None
        stopping = status is Status.NOT_PROCEEDING
        return status, self.reason.value() if stopping else None, self.note.toPlainText().strip()

    def problems(self) -> list[Problem]:
        """What must be fixed before the move can be made."""
        choice = self.choice()
        if choice is None:
            return [Problem("status", "Choose the stage to move to.")]
        return move_problems(*choice)  # the same rules the store applies

    def accept(self) -> None:
        """Check the form; close only when there is nothing to fix."""
        problems = self.problems()
        if problems:
            self.messages.show(problems)
            return
        self._result = self.choice()
        super().accept()

    def _on_stage_toggled(self, _checked: bool = False) -> None:
        stopping = self.stage_buttons.get(Status.NOT_PROCEEDING)
        self._form.setRowVisible(self._reason_label, stopping is not None and stopping.isChecked())
