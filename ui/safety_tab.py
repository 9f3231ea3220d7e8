"""The Safety tab of a case: risk and safety assessments, the setting's own questions and
deadlines, and the bias checks at each stage."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.formatting import format_date
from restorative_desk.preparation.records import BiasCheck, BiasStage, RiskAssessment
from restorative_desk.records import Case
from restorative_desk.store import Store

from .bias_dialog import BiasCheckDialog
from .risk_dialog import RiskAssessmentDialog
from .safety_parts import heading, rule, wrapped
from .setting_facts import SettingFactsSection
from .widgets import TimelineList

NO_DECISION = "No decision yet"
COUNTS = "the latest: this one counts"
VISIBLE_ROWS = 6


def decision_text(assessment: RiskAssessment) -> str:
    return assessment.decision.label if assessment.decision else NO_DECISION


def bias_status(check: BiasCheck | None) -> str:
    """Where one stage's bias check stands, in words."""
    if check is None:
        return "Not yet"
    when = format_date(check.recorded_on)
    if check.done:
        return f"✓ Done on {when} by {check.recorded_by}"
    return f"Skipped on {when}"


class AssessmentsSection(QWidget):
    """Every assessment on the case, newest first, the latest marked as the one that counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_label = wrapped("No assessment yet. Start one before anyone meets.")
        self.list = TimelineList("Risk and safety assessments, newest first")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.new_button = QPushButton("Ne&w assessment…")
        self.new_button.setToolTip(
            "Start a new assessment from the latest one's answers, to review them"
        )
        self.open_button = QPushButton("Ope&n…")
        self.open_button.setToolTip("Look at or change the chosen assessment")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(heading("Risk and safety assessments", scale=1.15))
        layout.addWidget(
            wrapped(
                "Assess risk and safety before anyone meets, and again after meeting everyone. "
                "The latest assessment is the one that counts."
            )
        )
        layout.addWidget(self.empty_label)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.list.itemSelectionChanged.connect(self._on_list_item_selection_changed)
        self.list.viewport().installEventFilter(self)

    def show_assessments(self, assessments: list[RiskAssessment]) -> None:
        """List `assessments` (given oldest first, as the store keeps them) newest first."""
        latest = assessments[-1] if assessments else None
        self.list.set_entries(
            (assessment_heading(a, latest=a is latest), assessment_note(a), a.id)
            for a in reversed(assessments)
        )
        if latest is not None and not self.list.selectedItems():
            self.list.setCurrentRow(0)
        self.list.setVisible(bool(assessments))
        self.empty_label.setVisible(not assessments)
        self._fit_height()
        self._on_list_item_selection_changed()

    def selected_id(self) -> str | None:
        return self.list.selected_id()

    def texts(self) -> list[str]:
        """What each entry says, top to bottom."""
        return self.list.texts()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Entries wrap to the list's width, so its height follows each change of width.
        if watched is self.list.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_height()
        return super().eventFilter(watched, event)

    def _fit_height(self) -> None:
        # The whole tab scrolls, so the list shows its entries rather than scrolling inside
        # (up to a few; more scroll within the list).
        count = self.list.count()
        shown = sum(self.list.sizeHintForRow(row) for row in range(min(count, VISIBLE_ROWS)))
        self.list.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if count > VISIBLE_ROWS
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.list.setFixedHeight(max(shown, 20) + 2 * self.list.frameWidth() + 2)

    def _on_list_item_selection_changed(self) -> None:
        self.open_button.setEnabled(bool(self.list.selectedItems()))


def assessment_heading(assessment: RiskAssessment, *, latest: bool) -> str:
    """When, at which stage and by whom; the latest says it is the one that counts."""
    text = (
        f"{format_date(assessment.assessed_on)} · {assessment.stage.label} · "
        f"by {assessment.assessed_by}"
    )
    return f"{text} · {COUNTS}" if latest else text


def assessment_note(assessment: RiskAssessment) -> str:
    """The decision and how many concerns have no agreed mitigation."""
    count = sum(1 for finding in assessment.findings if finding.open)
    concerns = (
        "No open concerns." if not count
        else f"{count} concern{' has' if count == 1 else 's have'} no agreed mitigation yet."
    )
    return f"Decision: {decision_text(assessment)}. {concerns}"


class BiasSection(QWidget):
    """One row per stage of the case: whether the bias check was done, skipped or not yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_labels: dict[BiasStage, QLabel] = {}
        self.check_buttons: dict[BiasStage, QPushButton] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        for row, stage in enumerate(BiasStage):
            name = QLabel(stage.label)
            status = QLabel()
            button = QPushButton("Check now…")
            button.setAccessibleName(f"Check for bias {stage.label.lower()}")
            name.setBuddy(button)
            self.status_labels[stage] = status
            self.check_buttons[stage] = button
            grid.addWidget(name, row, 0)
            grid.addWidget(status, row, 1)
            grid.addWidget(button, row, 2)
        grid.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(heading("Bias checks", scale=1.15))
        layout.addWidget(
            wrapped(
                "At each stage, a short check for bias: Reflect, Reframe and Redirect, with "
                "GRACES (Lewisham's Whole System Model)."
            )
        )
        layout.addLayout(grid)

    def show_checks(self, checks: list[BiasCheck]) -> None:
        """Show the latest check at each stage (`checks` oldest first)."""
        for stage, label in self.status_labels.items():
            latest = next((c for c in reversed(checks) if c.stage is stage), None)
            label.setText(bias_status(latest))

    def status_text(self, stage: BiasStage) -> str:
        return self.status_labels[stage].text()


class SafetyTab(QWidget):
    """Risk and safety assessments, setting questions and deadlines, and bias checks."""

    safety_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._case: Case | None = None
        self.not_saved = wrapped("Save the referral first. Then you can record safety here.")
        self.assessments = AssessmentsSection()
        self.facts = SettingFactsSection(store)
        self.facts_rule = rule()
        self.bias = BiasSection()
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setSpacing(14)
        layout.addWidget(self.not_saved)
        layout.addWidget(self.assessments)
        layout.addWidget(self.facts_rule)
        layout.addWidget(self.facts)
        layout.addWidget(rule())
        layout.addWidget(self.bias)
        layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

        self.assessments.new_button.clicked.connect(self._on_new_button_clicked)
        self.assessments.open_button.clicked.connect(self._on_open_button_clicked)
        self.assessments.list.itemActivated.connect(self._on_list_item_activated)
        self.facts.fact_saved.connect(self.safety_changed)
        for stage, button in self.bias.check_buttons.items():
            button.clicked.connect(lambda _checked=False, s=stage: self._on_check_button_clicked(s))

    def show_case(self, case: Case) -> None:
        """Show `case`'s assessments, setting questions and bias checks."""
        if self._case is not None and self._case.id != case.id:
            self.scroll_area.verticalScrollBar().setValue(0)
        self.facts.commit_pending()
        self._case = case
        saved = bool(case.id)
        self.not_saved.setVisible(not saved)
        for part in (self.assessments, self.bias):
            part.setVisible(saved)
        if saved:
            self.facts.show_case(case)
        else:
            self.facts.hide()
        self.facts_rule.setVisible(saved and self.facts.has_questions())
        self._refresh()

    def _refresh(self) -> None:
        case = self._case
        if case is None or not case.id:
            return
        self.assessments.show_assessments(self._store.risk_assessments(case.id))
        self.bias.show_checks(self._store.bias_checks(case.id))

    def _edit_assessment(self, assessment: RiskAssessment | None) -> None:
        case = self._case
        if case is None or not case.id:
            return
        saved = RiskAssessmentDialog.ask(self, self._store, case, assessment)
        if saved is None:
            return
        self._refresh()
        self.safety_changed.emit()
        decided_now = saved.decision is not None and (
            assessment is None or assessment.decision is not saved.decision
        )
        checked = any(
            c.stage is BiasStage.RISK_DECISION for c in self._store.bias_checks(case.id)
        )
        if decided_now and not checked:
            self._check_bias(BiasStage.RISK_DECISION)

    def _check_bias(self, stage: BiasStage) -> None:
        case = self._case
        if case is None or not case.id:
            return
        if BiasCheckDialog.ask(self, self._store, case, stage) is not None:
            self._refresh()
            self.safety_changed.emit()

    def _selected_assessment(self) -> RiskAssessment | None:
        case = self._case
        wanted = self.assessments.selected_id()
        if case is None or not case.id or wanted is None:
            return None
        return next((a for a in self._store.risk_assessments(case.id) if a.id == wanted), None)

    def _on_new_button_clicked(self) -> None:
        self._edit_assessment(None)

    def _on_open_button_clicked(self) -> None:
        assessment = self._selected_assessment()
        if assessment is not None:
            self._edit_assessment(assessment)

    def _on_list_item_activated(self, _item: QListWidgetItem) -> None:
        self._on_open_button_clicked()

    def _on_check_button_clicked(self, stage: BiasStage) -> None:
        self._check_bias(stage)
