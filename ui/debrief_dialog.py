"""The facilitator's own debrief after a conference, with a wellbeing check-in: kept in their
own record, where nobody else can read it (Lewisham's model: vicarious trauma is real, and it is
fine to say something was hard)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.conference.checks import note_problems
from restorative_desk.conference.records import ConferenceRun, Debrief
from restorative_desk.formatting import format_date
from restorative_desk.rules import Problem, ValidationError
from restorative_desk.store import Store

from .dialog_parts import comfortable_width, dialog_buttons, emphasised, text_box, wrapped
from .widgets import FormMessages

ONLY_YOU = "Only you can see this."
IT_IS_HARD = "Vicarious trauma is real. It is fine to say this was hard."


class DebriefDialog(QDialog):
    """The facilitator's own short debrief and wellbeing check-in after a conference, kept in
    their own record: nobody else can read it."""

    def __init__(self, parent: QWidget | None, store: Store, run: ConferenceRun) -> None:
        super().__init__(parent)
        self._store = store
        self._run = run
        self._result: Debrief | None = None
        self.setWindowTitle("Your debrief")
        held_on = format_date(run.started_at.astimezone().date())
        heading = emphasised(
            wrapped(f"After the conference on {held_on}: a few minutes for you."), 1.15
        )
        private = wrapped(
            f"{ONLY_YOU} It is kept in your own record ({store.actor}): nobody else who opens "
            "this case can read it."
        )

        self.how_it_went = text_box("How it went", "What went well, what was hard", 3)
        self.follow_up = text_box(
            "Anything to follow up", "For example: check in with someone on Monday", 3
        )
        self.how_are_you = text_box(
            "How are you after this one?", "Honestly: tired, fine, shaken, relieved…", 3
        )
        self.wants_supervision = QCheckBox("Would supervision help? Tick if it would")
        self.wants_supervision.setAccessibleName("Would supervision help?")
        supervision_note = wrapped(
            "Nothing is sent to anyone: this is a reminder for you to ask for it."
        )
        self.messages = FormMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.messages.add_row(form, "&How it went", "how_it_went", self.how_it_went)
        self.messages.add_row(form, "Anything to\n&follow up", "follow_up", self.follow_up)

        wellbeing = QGroupBox("And you")
        care = QFormLayout(wellbeing)
        care.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        care.addRow(wrapped(IT_IS_HARD))
        self.messages.add_row(care, "How are &you\nafter this one?", "how_are_you",
                              self.how_are_you)
        supervision = QWidget()
        supervision.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        supervision_layout = QVBoxLayout(supervision)
        supervision_layout.setContentsMargins(0, 0, 0, 0)
        supervision_layout.addWidget(self.wants_supervision)
        supervision_layout.addWidget(supervision_note)
        supervision.setFocusProxy(self.wants_supervision)
        self.messages.add_row(care, "", "wants_supervision", supervision)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(private)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addWidget(wellbeing)
        layout.addStretch(1)
        layout.addWidget(dialog_buttons(self, "Save", "Not now"))

        existing = store.debrief(run.id)
        if existing is not None:
            self.how_it_went.setPlainText(existing.how_it_went)
            self.follow_up.setPlainText(existing.follow_up)
            self.how_are_you.setPlainText(existing.how_are_you)
            self.wants_supervision.setChecked(existing.wants_supervision)
        self.resize(max(620, comfortable_width(self, 86)), self.sizeHint().height())
        self.how_it_went.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, store: Store, run: ConferenceRun) -> Debrief | None:
        """Show the dialog; the debrief as saved, or None for "Not now"."""
        dialog = cls(parent, store, run)
        dialog.exec()
        return dialog.result_debrief()

    def result_debrief(self) -> Debrief | None:
        """The saved debrief, or None if the dialog was closed without saving."""
        return self._result

    def debrief(self) -> Debrief:
        """The debrief as the form stands now (not yet saved)."""
        return Debrief(
            run_id=self._run.id,
            facilitator=self._store.actor,
            how_it_went=self.how_it_went.toPlainText().strip(),
            follow_up=self.follow_up.toPlainText().strip(),
            how_are_you=self.how_are_you.toPlainText().strip(),
            wants_supervision=self.wants_supervision.isChecked(),
        )

    def accept(self) -> None:
        """Save the debrief to the facilitator's own record; keep the typing if it cannot be."""
        debrief = self.debrief()
        # The same check the store makes, each shown beside its own box.
        problems = [
            Problem(field, problem.message)
            for field in ("how_it_went", "follow_up", "how_are_you")
            for problem in note_problems(getattr(debrief, field))
        ]
        if problems:
            self.messages.show(problems)
            return
        try:
            saved = self._store.save_debrief(debrief)
        except ValidationError as error:
            self.messages.show([Problem(error.field, error.message)])
            return
        self._result = saved
        super().accept()
