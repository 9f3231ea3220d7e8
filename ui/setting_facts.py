"""The questions that belong to one setting (the care-home protocol question, the YOS dates)
and the deadlines they start, each saved as soon as it is answered."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.preparation.catalogue import FactDefinition, catalogue
from restorative_desk.preparation.deadlines import DeadlineState, DeadlineStatus, deadline_status
from restorative_desk.records import Case, Setting
from restorative_desk.rules import ValidationError
from restorative_desk.store import Store
from restorative_desk.store.errors import StoreError

from .safety_parts import heading, wrapped
from .widgets import FieldMessage, OptionalDateEdit, ValueComboBox, to_qdate

NOT_RECORDED = "Not recorded"
# A typed date is saved once the typing pauses (or the cursor leaves), not at every keystroke.
DATE_SAVE_DELAY_MS = 700

STATE_MARKS = {
    DeadlineState.WAITING: "…  Waiting for the start date",
    DeadlineState.ON_TRACK: "○  On track",
    DeadlineState.NEAR: "⚠  Near",
    DeadlineState.OVERDUE: "✗  Overdue",
    DeadlineState.MET: "✓  Met",
    DeadlineState.MET_LATE: "✓  Met late",
}


class FactRow(QWidget):
    """One setting question: the question, its answer and any help, with a message for errors."""

    edited = Signal(object)  # the row

    def __init__(self, definition: FactDefinition, today: date) -> None:
        super().__init__()
        self.definition = definition
        self._loading = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DATE_SAVE_DELAY_MS)
        self.date: OptionalDateEdit | None = None
        self.combo: ValueComboBox[str] | None = None
        field: QWidget
        if definition.type == "date":
            self.date = OptionalDateEdit(definition.label, none_text=NOT_RECORDED)
            self.date.set_fallback(today)
            self.date.date_edit.setMaximumDate(to_qdate(today))
            self.date.changed.connect(self._on_date_changed)
            self.date.date_edit.editingFinished.connect(self._on_date_editing_finished)
            self.timer.timeout.connect(self._on_date_editing_finished)
            field = self.date
        else:
            options = ("Yes", "No") if definition.type == "yes_no" else definition.options
            self.combo = ValueComboBox(
                [(NOT_RECORDED, ""), *((o, o) for o in options)], definition.label
            )
            self.combo.currentIndexChanged.connect(self._on_combo_current_index_changed)
            field = self.combo
        label = wrapped(definition.label)
        label.setBuddy(field)
        self.message = FieldMessage()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(label)
        layout.addWidget(field, 0, Qt.AlignmentFlag.AlignLeft)
        if definition.help:
            help_label = wrapped(definition.help)
            help_label.setAccessibleName(f"About this question: {definition.help}")
            layout.addWidget(help_label)
        layout.addWidget(self.message)
        self.field = field

    def value(self) -> str:
        """The answer as stored: an ISO date, Yes or No, a choice, or '' when not recorded."""
        if self.date is not None:
            chosen = self.date.value()
            return chosen.isoformat() if chosen else ""
        assert self.combo is not None
        return self.combo.value()

    def set_value(self, value: str) -> None:
        """Show a stored answer without treating it as an edit."""
        self._loading = True
        try:
            if self.date is not None:
                try:
                    self.date.set_value(date.fromisoformat(value) if value else None)
                except ValueError:
                    self.date.set_value(None)
            elif self.combo is not None:
                self.combo.set_value(value)
        finally:
            self._loading = False
        self.timer.stop()

    def _on_date_changed(self) -> None:
        if not self._loading:
            self.timer.start()

    def _on_date_editing_finished(self) -> None:
        self.timer.stop()
        if not self._loading:
            self.edited.emit(self)

    def _on_combo_current_index_changed(self, _index: int) -> None:
        if not self._loading:
            self.edited.emit(self)


class DeadlineRow:
    """One deadline in the section's grid: where it stands in words and a mark, what it is,
    and its dates."""

    def __init__(self, grid: QGridLayout, row: int) -> None:
        self.mark = QLabel()
        self.title = heading("")
        self.detail = wrapped("")
        self.detail.setContentsMargins(0, 0, 0, 10)  # air before the next deadline
        grid.addWidget(self.mark, 2 * row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.title, 2 * row, 1)
        grid.addWidget(self.detail, 2 * row + 1, 1)

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.mark, self.title, self.detail)

    def show_status(self, status: DeadlineStatus) -> None:
        mark = STATE_MARKS[status.state]
        self.mark.setText(mark)
        font = self.mark.font()
        font.setBold(status.state.needs_attention)
        self.mark.setFont(font)
        palette = self.mark.palette()
        palette.setColor(QPalette.ColorRole.WindowText, _state_colour(status.state, palette))
        self.mark.setPalette(palette)
        self.mark.setAccessibleName(mark.split(maxsplit=1)[-1])
        self.title.setText(status.definition.label)
        self.detail.setText(status.message)

    def text(self) -> str:
        """What the row says, mark first."""
        return f"{self.mark.text()} · {self.title.text()} · {self.detail.text()}"


def _state_colour(state: DeadlineState, palette: QPalette) -> QColor:
    """Emphasis only: the words and marks say the same without it."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    if state is DeadlineState.OVERDUE:
        return QColor("#ff8a80") if dark else QColor("#a4262c")
    if state is DeadlineState.NEAR:
        return QColor("#ffd180") if dark else QColor("#8a5300")
    return palette.color(QPalette.ColorRole.WindowText)


class SettingFactsSection(QWidget):
    """The setting's own questions and deadlines for one case; hidden when there are none."""

    fact_saved = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._case: Case | None = None
        self._setting: Setting | None = None
        self.rows: list[FactRow] = []
        self.deadline_rows: list[DeadlineRow] = []
        self.title = heading("", scale=1.15)
        self.questions = QVBoxLayout()
        self.questions.setSpacing(12)
        self.deadlines_title = heading("Deadlines")
        self.deadlines_note = wrapped(
            "Counted in working days: weekends and bank holidays in England and Wales are left out."
        )
        self.deadlines = QGridLayout()
        self.deadlines.setHorizontalSpacing(16)
        self.deadlines.setVerticalSpacing(2)
        self.deadlines.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addLayout(self.questions)
        layout.addSpacing(6)
        layout.addWidget(self.deadlines_title)
        layout.addWidget(self.deadlines_note)
        layout.addLayout(self.deadlines)

    def show_case(self, case: Case) -> None:
        """Show `case`'s answers and deadlines (rebuilding the questions if its setting differs)."""
        self.commit_pending()
        self._case = case
        if case.setting is not self._setting:
            self._build(case.setting)
        facts = self._facts()
        for row in self.rows:
            row.message.clear_message()
            row.set_value(facts.get(row.definition.key, ""))
        self._show_deadlines(facts)
        self.setVisible(self.has_questions())

    def has_questions(self) -> bool:
        """Whether the case's setting has questions of its own (school and community do not)."""
        return bool(self.rows)

    def commit_pending(self) -> None:
        """Save a date whose typing has paused but not yet been saved."""
        for row in self.rows:
            if row.timer.isActive():
                row.timer.stop()
                self._save(row)

    def deadline_texts(self) -> list[str]:
        """What each deadline says, top to bottom."""
        return [row.text() for row in self.deadline_rows]

    def row(self, key: str) -> FactRow:
        """The row for one question."""
        return next(row for row in self.rows if row.definition.key == key)

    def _build(self, setting: Setting) -> None:
        self._setting = setting
        old_widgets = [w for r in self.deadline_rows for w in r.widgets()]
        for old in (*self.rows, *old_widgets):
            old.setParent(None)
            old.deleteLater()
        book = catalogue()
        today = self._store.today()
        self.rows = [FactRow(definition, today) for definition in book.facts_for(setting)]
        for row in self.rows:
            self.questions.addWidget(row)
            row.edited.connect(self._save)
        definitions = book.deadlines_for(setting)
        self.deadline_rows = [DeadlineRow(self.deadlines, n) for n in range(len(definitions))]
        self.title.setText(
            f"{setting.label}: questions and deadlines" if definitions
            else f"{setting.label}: questions"
        )
        self.deadlines_title.setVisible(bool(definitions))
        self.deadlines_note.setVisible(bool(definitions))

    def _facts(self) -> dict[str, str]:
        if self._case is None or not self._case.id:
            return {}
        return {key: fact.value for key, fact in self._store.case_facts(self._case.id).items()}

    def _show_deadlines(self, facts: dict[str, str]) -> None:
        if self._setting is None:
            return
        today = self._store.today()
        definitions = catalogue().deadlines_for(self._setting)
        for definition, row in zip(definitions, self.deadline_rows, strict=True):
            row.show_status(deadline_status(definition, facts, today))

    def _save(self, row: FactRow) -> None:
        case = self._case
        if case is None or not case.id:
            return
        value = row.value()
        facts = self._facts()
        if facts.get(row.definition.key, "") == value:
            row.message.clear_message()
            return
        try:
            self._store.set_case_fact(case.id, row.definition.key, value)
        except ValidationError as error:
            row.message.show_message(error.message)
            return
        except StoreError as error:
            row.message.show_message(f"Not saved: {error}")
            return
        row.message.clear_message()
        self._show_deadlines(self._facts())
        self.fact_saved.emit()
