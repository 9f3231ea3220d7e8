"""The conference plan form: when and where the conference happens and what it needs."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.preparation.records import ConferencePlan, Seat
from restorative_desk.records import Person

from .widgets import FormMessages, OptionalDateEdit

NOT_SET = "Not set yet"


class OptionalTimeEdit(QWidget):
    """A start time that may not be known yet: a time edit beside a "Not set yet" box."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self._fallback = QTime(10, 0)
        self.time_edit = QTimeEdit(self._fallback)
        self.time_edit.setDisplayFormat("HH:mm")
        # Midnight shows as "Not set yet" while the box is ticked, never as a real time.
        self.time_edit.setSpecialValueText(NOT_SET)
        metrics = self.time_edit.fontMetrics()
        self.time_edit.setMinimumWidth(metrics.horizontalAdvance(NOT_SET) + metrics.height() * 3)
        self.time_edit.setAccessibleName(accessible_name)
        self.none_box = QCheckBox(NOT_SET)
        self.none_box.setAccessibleName(f"{accessible_name}: {NOT_SET.lower()}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.time_edit)
        layout.addWidget(self.none_box)
        layout.addStretch(1)
        self.setFocusProxy(self.time_edit)
        self.none_box.toggled.connect(self._on_none_box_toggled)
        self.set_value(None)

    def value(self) -> time | None:
        """The chosen time, or None while it is not set."""
        if self.none_box.isChecked():
            return None
        chosen = self.time_edit.time()
        return time(chosen.hour(), chosen.minute())

    def set_value(self, value: time | None) -> None:
        """Show `value`, or "Not set yet" for None."""
        blocked = self.none_box.blockSignals(True)
        self.none_box.setChecked(value is None)
        self.none_box.blockSignals(blocked)
        self._show(None if value is None else QTime(value.hour, value.minute))

    def _show(self, value: QTime | None) -> None:
        self.time_edit.setTime(value if value is not None else self.time_edit.minimumTime())
        self.time_edit.setEnabled(value is not None)

    def _on_none_box_toggled(self, checked: bool) -> None:
        self._show(None if checked else self._fallback)
        if not checked:
            self.time_edit.setFocus()


def _text_box(accessible_name: str, lines: int, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(accessible_name)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    line = box.fontMetrics().lineSpacing()
    box.setFixedHeight(line * lines + 12)
    return box


class PlanForm(QGroupBox):
    """When and where the conference happens and what it needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("When and where", parent)
        self.date = OptionalDateEdit("Date of the conference", NOT_SET)
        self.start_time = OptionalTimeEdit("Start time")
        self.venue = QLineEdit()
        self.venue.setAccessibleName("Venue")
        self.venue.setPlaceholderText("For example: Riverside Academy, or the community centre")
        self.room = QLineEdit()
        self.room.setAccessibleName("Room")
        self.room.setPlaceholderText("A quiet room with space for a circle of chairs")
        self.interpreters = _text_box(
            "Interpreters", 2, "Who needs an interpreter, in which language, and who is booked"
        )
        self.interpreter_hint = QLabel()
        self.interpreter_hint.setWordWrap(True)
        interpreters = QWidget()
        interpreters_layout = QVBoxLayout(interpreters)
        interpreters_layout.setContentsMargins(0, 0, 0, 0)
        interpreters_layout.setSpacing(2)
        interpreters_layout.addWidget(self.interpreters)
        interpreters_layout.addWidget(self.interpreter_hint)
        interpreters.setFocusProxy(self.interpreters)
        interpreters.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.breaks = _text_box(
            "Breaks", 2, "For example: a break after everyone has spoken; a quiet room nearby"
        )
        self.refreshments = _text_box(
            "Refreshments", 2,
            "Drinks and something to eat afterwards: the informal time after the conference "
            "helps people reconnect",
        )
        self.notes = _text_box("Notes", 3, "Anything else to arrange: access, transport, timing")
        self.messages = FormMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.messages.add_row(form, "&Date", "date", self.date)
        self.messages.add_row(form, "Start &time", "start_time", self.start_time)
        self.messages.add_row(form, "Ven&ue", "venue", self.venue)
        self.messages.add_row(form, "Roo&m", "room", self.room)
        self.messages.add_row(form, "&Interpreters", "interpreters", interpreters)
        self.messages.add_row(form, "&Breaks", "breaks", self.breaks)
        self.messages.add_row(form, "Refre&shments", "refreshments", self.refreshments)
        self.messages.add_row(form, "Notes", "notes", self.notes)
        layout = QVBoxLayout(self)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)

    def set_plan(self, plan: ConferencePlan) -> None:
        """Fill the form from `plan`."""
        self.date.set_value(plan.date)
        self.start_time.set_value(plan.start_time)
        self.venue.setText(plan.venue)
        self.room.setText(plan.room)
        self.interpreters.setPlainText(plan.interpreters)
        self.breaks.setPlainText(plan.breaks)
        self.refreshments.setPlainText(plan.refreshments)
        self.notes.setPlainText(plan.notes)

    def plan(self, case_id: str, seating: tuple[Seat, ...]) -> ConferencePlan:
        """The plan as the form stands."""
        return ConferencePlan(
            case_id=case_id,
            date=self.date.value(),
            start_time=self.start_time.value(),
            venue=self.venue.text().strip(),
            room=self.room.text().strip(),
            interpreters=self.interpreters.toPlainText().strip(),
            breaks=self.breaks.toPlainText().strip(),
            refreshments=self.refreshments.toPlainText().strip(),
            notes=self.notes.toPlainText().strip(),
            seating=seating,
        )

    def show_interpreter_hint(self, people: list[Person]) -> str:
        """Say which attendees' details mention a language; the suggestion (may be empty)."""
        needs = [f"{p.interpreter_language} for {p.called}" for p in people
                 if p.interpreter_language.strip()]
        suggestion = "; ".join(needs)
        self.interpreter_hint.setText(
            f"From people's details: {suggestion}." if needs else ""
        )
        self.interpreter_hint.setVisible(bool(needs))
        return suggestion
