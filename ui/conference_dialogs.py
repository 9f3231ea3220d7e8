"""Dialogs of a conference in the room: a break, and a pause for safety. The agreement's
proposed actions (ActionsEditor) and the facilitator's own debrief afterwards (DebriefDialog)
live in their own files and are offered here too, so the conference window finds them in one
place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.conference.checks import pause_problems
from restorative_desk.conference.records import ConferenceRun, PauseDecision, SafetyPause
from restorative_desk.records import NotProceedingReason, Status
from restorative_desk.rules import MAX_SHORT_TEXT, Problem, move_problems

from .actions_editor import ActionsEditor
from .debrief_dialog import DebriefDialog
from .dialog_parts import (
    comfortable_width,
    dialog_buttons,
    emphasised,
    radio_buttons,
    text_box,
    wrapped,
)
from .widgets import FormMessages, ValueComboBox

__all__ = [
    "ActionsEditor",
    "BreakDialog",
    "DebriefDialog",
    "SafetyPauseDialog",
    "SafetyPauseResult",
]

SAFETY_FIRST = "Pause for safety. Everyone's safety and wellbeing come first."

# Where the case goes when the conference ends here (None: it stays ready for another date).
CASE_MOVES: tuple[tuple[Status | None, str], ...] = (
    (None, "It stays ready, for another date"),
    (Status.PREPARING, "It goes back to preparing the people"),
    (Status.NOT_PROCEEDING, "It stops here: not going ahead"),
)


class BreakDialog(QDialog):
    """Start a break, with a short reason if the facilitator wants to keep one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Take a break")
        self._result: str | None = None
        intro = wrapped("A break can help everyone. You can say why, or leave it blank.")
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason for the break")
        self.reason.setPlaceholderText("Optional, for example: someone asked for a few minutes")
        self.reason.setMaxLength(MAX_SHORT_TEXT)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        label = QLabel("&Reason")
        label.setBuddy(self.reason)
        form.addRow(label, self.reason)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(dialog_buttons(self, "Start the break"))
        self.resize(max(500, comfortable_width(self, 70)), 170)
        self.reason.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        """Show the dialog; the reason ("" when none was given), or None if cancelled."""
        dialog = cls(parent)
        dialog.exec()
        return dialog.result_reason()

    def result_reason(self) -> str | None:
        """The accepted reason, or None if the dialog was cancelled or never accepted."""
        return self._result

    def accept(self) -> None:
        """Keep the reason (which may be empty) and close."""
        self._result = self.reason.text().strip()
        super().accept()


@dataclass(frozen=True)
class SafetyPauseResult:
    """A safety pause as decided, and where the case goes when the conference ends."""

    pause: SafetyPause
    move_to: Status | None = None
    not_proceeding_reason: NotProceedingReason | None = None


class SafetyPauseDialog(QDialog):
    """What happened and what was decided; ending asks why, what happens next for the people,
    and where the case goes. It checks but does not save: the conference window does."""

    def __init__(self, parent: QWidget | None, run: ConferenceRun, *, now: datetime) -> None:
        super().__init__(parent)
        self._run = run
        self._now = now
        self._result: SafetyPauseResult | None = None
        self.setWindowTitle("Pause for safety")
        heading = emphasised(wrapped(SAFETY_FIRST), 1.2)
        intro = wrapped("Take the time you need. Write this down once everyone is safe.")

        self.what_happened = text_box(
            "What happened", "Briefly, in plain words: what happened and who needed a pause", 4
        )
        self._decisions = QButtonGroup(self)
        decisions, buttons = radio_buttons(
            self._decisions, "What you decided", [d.label for d in PauseDecision]
        )
        self.decision_buttons = dict(zip(PauseDecision, buttons, strict=True))

        self.end_reason = text_box("Why the conference is ending", "Why it is ending now", 3)
        self.next_steps = text_box(
            "What happens next for the people",
            "Who will look after whom, who will contact them and when", 3,
        )
        self._moves = QButtonGroup(self)
        moves, buttons = radio_buttons(
            self._moves, "Where the case goes", [text for _, text in CASE_MOVES]
        )
        self.move_buttons = dict(zip((m for m, _ in CASE_MOVES), buttons, strict=True))
        self.not_proceeding_reason = ValueComboBox[NotProceedingReason | None](
            [("Choose a reason", None), *((r.label, r) for r in NotProceedingReason)],
            "Why the case is not going ahead",
        )

        self.messages = FormMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.messages.add_row(form, "&What happened", "what_happened", self.what_happened)
        self.messages.add_row(form, "What you\ndecided", "decision", decisions)

        self.ending_group = QGroupBox("Ending the conference")
        ending = QFormLayout(self.ending_group)
        ending.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.messages.add_row(ending, "W&hy it is\nending", "reason", self.end_reason)
        self.messages.add_row(ending, "What happens\n&next for\nthe people", "next_steps",
                              self.next_steps)
        self.messages.add_row(ending, "Where the\ncase goes", "move_to", moves)
        self._reason_label = self.messages.add_row(
            ending, "Why it is &not\ngoing ahead", "not_proceeding_reason",
            self.not_proceeding_reason,
        )
        self._ending_form = ending

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addWidget(self.ending_group)
        layout.addStretch(1)
        layout.addWidget(dialog_buttons(self, "Record the pause"))

        self._decisions.buttonToggled.connect(self._on_choice_toggled)
        self._moves.buttonToggled.connect(self._on_choice_toggled)
        self.move_buttons[None].setChecked(True)
        self._on_choice_toggled()
        self.resize(max(640, comfortable_width(self, 90)), 420)
        self.what_happened.setFocus()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        run: ConferenceRun,
        *,
        now: datetime,
        draft: SafetyPauseResult | None = None,
        problem: Problem | None = None,
    ) -> SafetyPauseResult | None:
        """Show the dialog; the pause as decided, or None if the facilitator cancelled.

        `draft` and `problem` reopen it as it was after the window could not save it."""
        dialog = cls(parent, run, now=now)
        if draft is not None:
            dialog.fill(draft)
        if problem is not None:
            dialog.messages.show([problem])
        dialog.exec()
        return dialog.result_pause()

    def result_pause(self) -> SafetyPauseResult | None:
        """The accepted pause, or None if the dialog was cancelled or never accepted."""
        return self._result

    def decision(self) -> PauseDecision | None:
        """The decision chosen, if any."""
        for decision, button in self.decision_buttons.items():
            if button.isChecked():
                return decision
        return None

    def fill(self, result: SafetyPauseResult) -> None:
        """Put an earlier pause's details back in the form."""
        pause = result.pause
        self.what_happened.setPlainText(pause.what_happened)
        self.decision_buttons[pause.decision].setChecked(True)
        self.end_reason.setPlainText(pause.reason)
        self.next_steps.setPlainText(pause.next_steps)
        self.move_buttons.get(result.move_to, self.move_buttons[None]).setChecked(True)
        self.not_proceeding_reason.set_value(result.not_proceeding_reason)

    def current(self) -> SafetyPauseResult:
        """The pause as the form stands now (not yet checked; "carry on" until one is chosen)."""
        decision = self.decision() or PauseDecision.CONTINUE
        ending = decision is PauseDecision.END
        move_to = next((m for m, b in self.move_buttons.items() if b.isChecked()), None)
        stops = ending and move_to is Status.NOT_PROCEEDING
        pause = SafetyPause(
            run_id=self._run.id,
            at=self._now,
            what_happened=self.what_happened.toPlainText().strip(),
            decision=decision,
            # What was typed for an ending is not kept when the decision is to carry on.
            reason=self.end_reason.toPlainText().strip() if ending else "",
            next_steps=self.next_steps.toPlainText().strip() if ending else "",
        )
        return SafetyPauseResult(
            pause=pause,
            move_to=move_to if ending else None,
            not_proceeding_reason=self.not_proceeding_reason.value() if stops else None,
        )

    def problems(self) -> list[Problem]:
        """What needs putting right before the pause can be recorded."""
        result = self.current()
        problems = pause_problems(result.pause)
        if self.decision() is None:
            problems.append(Problem("decision", "Choose what you decided together."))
        if result.move_to is Status.NOT_PROCEEDING:
            # The move's "reason" is why the case stops; its note (the pause's reason, needed
            # for "Other") is already asked for by the pause's own check.
            moved = move_problems(Status.NOT_PROCEEDING, result.not_proceeding_reason,
                                  result.pause.reason)
            problems += [Problem("not_proceeding_reason", p.message)
                         for p in moved if p.field == "reason"]
        return problems

    def accept(self) -> None:
        """Check the form; close only when there is nothing to put right."""
        problems = self.problems()
        if problems:
            self.messages.show(problems)
            return
        self._result = self.current()
        super().accept()

    def _on_choice_toggled(self, *_args: object) -> None:
        # Hidden rather than disabled: questions about ending are not asked unless it ends.
        self.ending_group.setVisible(self.decision() is PauseDecision.END)
        self._ending_form.setRowVisible(
            self._reason_label, self.move_buttons[Status.NOT_PROCEEDING].isChecked()
        )
