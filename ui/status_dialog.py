"""Move a case to another stage, offering only the stages the rules allow."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.preparation.checks import override_problems
from restorative_desk.preparation.records import ReadinessOverride
from restorative_desk.records import NotProceedingReason, Status
from restorative_desk.rules import Problem, allowed_transitions, move_problems
from restorative_desk.store.preparation import Readiness

from .readiness_panel import blocker_lines, section_label, things
from .widgets import FormMessages, ValueComboBox

# The moves the store refuses while blockers remain, unless a facilitator overrides them.
NEEDS_READINESS = frozenset({Status.READY, Status.CONFERENCE_HELD})
OVERRIDE_WARNING = "This will be logged and shown on the case."
OVERRIDE_WARNING_MARK = "⚠"


class MoveChoice(tuple[Status, NotProceedingReason | None, str]):
    """(stage, reason, note) as chosen, plus the override when the facilitator decided to go
    ahead despite what is not ready (it unpacks and compares as the plain three-tuple)."""

    override: ReadinessOverride | None

    def __new__(
        cls,
        status: Status,
        reason: NotProceedingReason | None,
        note: str,
        override: ReadinessOverride | None = None,
    ) -> MoveChoice:
        choice = super().__new__(cls, (status, reason, note))
        choice.override = override
        return choice

    @property
    def status(self) -> Status:
        return self[0]

    @property
    def reason(self) -> NotProceedingReason | None:
        return self[1]

    @property
    def note(self) -> str:
        return self[2]


class MoveCaseDialog(QDialog):
    """Choose the next stage; a case that is not going ahead needs a reason, and a case that is
    not ready for its conference needs a named facilitator's reason to go ahead anyway."""

    def __init__(
        self,
        parent: QWidget | None,
        current: Status,
        *,
        readiness: Readiness | None = None,
        facilitator: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Move case")
        self._result: MoveChoice | None = None
        self._readiness = readiness
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
        self.override_group = self._build_override_group(facilitator)
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
        layout.addWidget(self.override_group)
        layout.addStretch(1)
        layout.addWidget(buttons)

        first = next(iter(self.stage_buttons.values()), None)
        if first is not None:
            first.setChecked(True)
            first.setFocus()
        self.resize(560, 380)
        self._on_stage_toggled()

    def _build_override_group(self, facilitator: str) -> QGroupBox:
        """What is not ready yet, and the named decision to go ahead anyway."""
        group = QGroupBox("Not ready for the conference yet")
        uncovered = self._readiness.uncovered if self._readiness else ()
        html, plain = blocker_lines(uncovered)
        summary = QLabel(
            f"{things(len(uncovered))} still to put right. You can go ahead only if a "
            "facilitator decides it is safe to, and says why."
        )
        summary.setWordWrap(True)
        self.blocker_list = section_label(html, plain, "Things still to put right")
        scroller = QScrollArea()
        scroller.setWidget(self.blocker_list)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        line = self.fontMetrics().lineSpacing()
        # A fixed height, so the list keeps its room when a message appears below.
        scroller.setFixedHeight(line * min(max(len(uncovered), 2), 7) + line)
        self.overridden_by = QLineEdit(facilitator)
        self.overridden_by.setAccessibleName("Facilitator deciding")
        self.override_reason = QPlainTextEdit()
        self.override_reason.setAccessibleName("Why it is safe to go ahead")
        self.override_reason.setTabChangesFocus(True)
        self.override_reason.setPlaceholderText(
            "For example: consent was given on the phone today and the signed form is coming."
        )
        self.override_reason.setMaximumHeight(line * 5)
        warning = QLabel(f"{OVERRIDE_WARNING_MARK} {OVERRIDE_WARNING}")
        warning.setWordWrap(True)
        anyway = QFormLayout()
        anyway.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.messages.add_row(anyway, "&Facilitator deciding", "overridden_by", self.overridden_by)
        self.messages.add_row(anyway, "&Why it is safe\nto go ahead", "reason_to_go_ahead",
                              self.override_reason)
        anyway_box = QGroupBox("Go ahead anyway")
        anyway_layout = QVBoxLayout(anyway_box)
        anyway_layout.addLayout(anyway)
        anyway_layout.addWidget(warning)
        layout = QVBoxLayout(group)
        layout.addWidget(summary)
        layout.addWidget(scroller)
        layout.addWidget(anyway_box)
        return group

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        current: Status,
        *,
        draft: MoveChoice | None = None,
        problem: Problem | None = None,
        readiness: Readiness | None = None,
        facilitator: str = "",
    ) -> MoveChoice | None:
        """Show the dialog; (stage, reason, note) as chosen, with any override, or None if the
        user cancelled.

        `draft` and `problem` reopen the dialog as it was after a move the store refused;
        `readiness` lets it ask for an override when the case is not ready for its conference,
        with `facilitator` (usually the signed-in facilitator) as the one deciding.
        """
        dialog = cls(parent, current, readiness=readiness, facilitator=facilitator)
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
        override = getattr(choice, "override", None)
        if override is not None:
            self.overridden_by.setText(override.overridden_by)
            self.override_reason.setPlainText(override.reason)

    def needs_override(self) -> bool:
        """Whether the chosen stage needs a facilitator's decision to go ahead anyway."""
        chosen = self._chosen_status()
        return (
            chosen in NEEDS_READINESS
            and self._readiness is not None
            and bool(self._readiness.uncovered)
        )

    def override(self) -> ReadinessOverride | None:
        """The decision to go ahead anyway as typed (None when the move needs none)."""
        if not self.needs_override() or self._readiness is None:
            return None
        uncovered = self._readiness.uncovered
        # The store fills in the case and logs every blocker standing at the time of the move.
        return ReadinessOverride(
            case_id="",
            overridden_by=self.overridden_by.text().strip(),
            reason=self.override_reason.toPlainText().strip(),
            blockers=tuple(b.code for b in uncovered),
            blocker_messages=tuple(b.message for b in uncovered),
        )

    def choice(self) -> MoveChoice | None:
        """The stage, reason and note as the form stands (None when no stage is chosen)."""
        status = self._chosen_status()
        if status is None:
            return None
        stopping = status is Status.NOT_PROCEEDING
        return MoveChoice(
            status,
            self.reason.value() if stopping else None,
            self.note.toPlainText().strip(),
            self.override(),
        )

    def problems(self) -> list[Problem]:
        """What must be fixed before the move can be made."""
        choice = self.choice()
        if choice is None:
            return [Problem("status", "Choose the stage to move to.")]
        problems = move_problems(*choice)  # the same rules the store applies
        if choice.override is not None:
            fields = {"reason": "reason_to_go_ahead"}
            problems += [
                Problem(fields.get(p.field, p.field), p.message)
                for p in override_problems(choice.override)
            ]
        return problems

    def accept(self) -> None:
        """Check the form; close only when there is nothing to fix."""
        problems = self.problems()
        if problems:
            self.messages.show(problems)
            self._fit()
            return
        self._result = self.choice()
        super().accept()

    def _chosen_status(self) -> Status | None:
        return next((s for s, b in self.stage_buttons.items() if b.isChecked()), None)

    def _on_stage_toggled(self, _checked: bool = False) -> None:
        stopping = self.stage_buttons.get(Status.NOT_PROCEEDING)
        self._form.setRowVisible(self._reason_label, stopping is not None and stopping.isChecked())
        self.override_group.setVisible(self.needs_override())
        self._fit()

    def _fit(self) -> None:
        """Grow (never shrink) to show everything, such as the override or a new message."""
        wanted = self.sizeHint()
        self.resize(max(self.width(), wanted.width()), max(self.height(), wanted.height()))
