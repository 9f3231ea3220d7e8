"""A short bias check at one stage of a case: Reflect, Reframe, Redirect, with GRACES
(Lewisham's Whole System Model). Self-contained, so the referral, the risk decision and the
agreement can all offer it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.preparation import checks
from restorative_desk.preparation.catalogue import catalogue
from restorative_desk.preparation.records import BiasCheck, BiasStage
from restorative_desk.records import Case
from restorative_desk.rules import Problem, ValidationError
from restorative_desk.store import Store
from restorative_desk.store.errors import StoreError

from .safety_parts import heading, note_edit, rule
from .widgets import FieldMessage, FormMessages

DIMENSION_COLUMNS = 4
INTRO = (
    "A short pause to notice anything that might shape how you see the people in this case. "
    "It is for you: there are no wrong answers, and skipping is fine when now is not the time."
)


class BiasCheckDialog(QDialog):
    """Record a bias check at one stage, or that it was skipped this time."""

    def __init__(
        self, parent: QWidget | None, store: Store, case: Case, stage: BiasStage
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._case = case
        self._stage = stage
        self._result: BiasCheck | None = None
        guide = catalogue().bias
        self.setWindowTitle(f"Bias check: {stage.label.lower()}")

        intro = QLabel(f"{stage.label}: {INTRO[0].lower()}{INTRO[1:]}")
        intro.setWordWrap(True)

        self.dimension_boxes: dict[str, QCheckBox] = {}
        dimensions = QWidget()
        dimensions.setAccessibleName("GRACES: what might have shaped your view")
        grid = QGridLayout(dimensions)
        grid.setContentsMargins(12, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        for index, dimension in enumerate(guide.dimensions):
            box = QCheckBox(dimension.label)
            box.setAccessibleName(dimension.label)
            self.dimension_boxes[dimension.key] = box
            grid.addWidget(box, index // DIMENSION_COLUMNS, index % DIMENSION_COLUMNS)
        if self.dimension_boxes:
            dimensions.setFocusProxy(next(iter(self.dimension_boxes.values())))
        self.reflection = note_edit(
            "Reflection", "What you noticed, and what you did with it (optional)"
        )
        self.reframed = note_edit(
            "Reframe note", "How you looked at it differently (optional)", lines=2
        )
        self.colleague_checked = QCheckBox("I checked my &thinking with a colleague")

        self.messages = FormMessages()
        self.messages.inputs = {
            "dimensions": dimensions, "reflection": self.reflection, "reframed": self.reframed,
        }
        self.messages.messages = {field: FieldMessage() for field in self.messages.inputs}

        reflect = heading(guide.reflect)
        reflect.setBuddy(dimensions)
        reflection_label = QLabel("&Your reflection")
        reflection_label.setBuddy(self.reflection)
        reframe = heading(guide.reframe)
        reframe.setBuddy(self.reframed)
        redirect = heading(guide.redirect)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save check")
        self.skip_button = QPushButton("S&kip this time")
        self.skip_button.setToolTip("Note that the check was skipped at this stage")
        buttons.addButton(self.skip_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addWidget(intro)
        layout.addWidget(self.messages.general)
        layout.addSpacing(6)
        layout.addWidget(reflect)
        layout.addWidget(dimensions)
        layout.addWidget(self.messages.messages["dimensions"])
        layout.addWidget(reflection_label)
        layout.addWidget(self.reflection)
        layout.addWidget(self.messages.messages["reflection"])
        layout.addSpacing(6)
        layout.addWidget(rule())
        layout.addWidget(reframe)
        layout.addWidget(self.reframed)
        layout.addWidget(self.messages.messages["reframed"])
        layout.addSpacing(6)
        layout.addWidget(rule())
        layout.addWidget(redirect)
        layout.addWidget(self.colleague_checked)
        layout.addStretch(1)
        layout.addWidget(buttons)

        buttons.accepted.connect(self.accept)
        self.skip_button.clicked.connect(self._on_skip_button_clicked)
        buttons.rejected.connect(self.reject)
        self.resize(640, self.sizeHint().height())
        if self.dimension_boxes:
            next(iter(self.dimension_boxes.values())).setFocus()

    @classmethod
    def ask(
        cls, parent: QWidget | None, store: Store, case: Case, stage: BiasStage
    ) -> BiasCheck | None:
        """Show the dialog; the check recorded (done or skipped), or None if cancelled."""
        dialog = cls(parent, store, case, stage)
        dialog.exec()
        return dialog.result_check()

    def result_check(self) -> BiasCheck | None:
        """The check recorded, or None if the dialog was cancelled or never accepted."""
        return self._result

    def check(self, *, done: bool = True) -> BiasCheck:
        """The check as the form stands now (not yet checked or saved)."""
        return BiasCheck(
            case_id=self._case.id,
            stage=self._stage,
            done=done,
            recorded_on=self._store.today(),
            recorded_by=self._store.actor,
            dimensions=tuple(k for k, box in self.dimension_boxes.items() if box.isChecked()),
            reflection=self.reflection.toPlainText().strip(),
            reframed=self.reframed.toPlainText().strip(),
            colleague_checked=self.colleague_checked.isChecked(),
        )

    def accept(self) -> None:
        """Record the check as done; stay open with the problems shown if it cannot be."""
        self._record(self.check())

    def skip(self) -> None:
        """Record that the check was skipped this time (only when nothing has been noted)."""
        check = self.check(done=False)
        problems = checks.bias_check_problems(check, self._store.today())
        if check.colleague_checked and not problems:
            problems = [Problem("done", _SKIP_WITH_NOTES)]
        if problems:
            self._show(problems)
            return
        self._record(check)

    def _record(self, check: BiasCheck) -> None:
        problems = checks.bias_check_problems(check, self._store.today())
        if problems:
            self._show(problems)
            return
        try:
            self._result = self._store.record_bias_check(check)
        except ValidationError as error:
            self._show([Problem(error.field, error.message)])
            return
        except StoreError as error:
            self._show([Problem("", f"The check was not saved: {error}")])
            return
        super().accept()

    def _show(self, problems: list[Problem]) -> None:
        # A skipped check cannot carry notes: say so in words a person would use.
        worded = [
            Problem(p.field, _SKIP_WITH_NOTES) if p.field == "done" else p for p in problems
        ]
        self.messages.show(worded)

    def _on_skip_button_clicked(self) -> None:
        self.skip()


_SKIP_WITH_NOTES = (
    "You have noted something here, so this is not a skipped check: choose Save check to keep "
    "it, or clear what you noted to skip."
)

